"""The one credential screen: spotting, hiding and describing secrets in any text.

Every path that accepts, stores, echoes or exports text goes through here: answers and their
notes and evidence, titles, owners, sign-off names, roles, principals and comments, waiver
reasons and owners, values read back from a hand-edited review, strings reported by the probed
interpreter, scan findings, exports and every error message. It applies detect-secrets' own
plugins (its public plugin classes with their default settings) and, for shapes they miss
outside quoted source code, the patterns in :mod:`wizard.core.safety.patterns`.

``find_credentials(text) -> [CredentialHit]`` and ``redact(text)`` are the two entry points;
``describe(text, what)`` says what was refused without repeating it.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from typing import Any

from wizard.core.records import Record, record
from wizard.core.safety.patterns import is_reference, token_spans
from wizard.core.safety.plugin_screen import kinds_for

MASK = "***"


@record(frozen=True, kw_only=False)
class CredentialHit(Record):
    """Where a credential-looking span sits in a text, and what kind it is."""

    kind: str
    start: int
    end: int


# Plugin classes detect-secrets offers that do not find credentials: a public IP address is
# not a secret, and treating one as such would hide hosts users need to read.
_NOT_CREDENTIALS = {"IPPublicDetector"}
# Randomness alone: right for a value someone typed, wrong for what the wizard prints, where
# digests, key fingerprints and signatures are random by design. Output screens leave these out.
ENTROPY_KINDS = frozenset({"high-entropy", "Base64 High Entropy String", "Hex High Entropy String"})
# What error messages call each kind (detect-secrets' own secret types read well as they are).
LABELS = {
    "password-in-uri": "password in a URI",
    "private-key": "private key",
    "private-key-body": "private key body",
    "aws-access-key": "AWS access key id",
    "github-token": "GitHub token",
    "gitlab-token": "GitLab token",
    "stripe-key": "Stripe key",
    "slack-token": "Slack token",
    "slack-webhook": "Slack webhook URL",
    "google-api-key": "Google API key",
    "jwt": "JSON web token",
    "authorization-header": "Authorization header",
    "bearer-token": "bearer token",
    "signed-url-token": "signed-URL token",
    "assigned-secret": "value given to a name such as PASSWORD or TOKEN",
    "high-entropy": "random-looking (high-entropy) value",
}
_lock = threading.Lock()
_plugins: list[Any] | None = None


def detect_secrets_plugins() -> list[Any]:
    """detect-secrets' default plugin set, built once without touching its global settings.

    The project scan holds detect-secrets' settings for the length of a scan; building our own
    instances keeps a screen called from a probe thread from changing them under it.
    """
    global _plugins
    with _lock:
        if _plugins is None:
            from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

            classes: list[Any] = list(get_mapping_from_secret_type_to_class().values())
            _plugins = [cls() for cls in classes if cls.__name__ not in _NOT_CREDENTIALS]
        return _plugins


def _filtered(secret: str, line: str, plugin: Any) -> bool:
    """detect-secrets' default heuristic filters, applied the way its scan applies them."""
    from detect_secrets.filters import heuristic

    return (
        is_reference(secret)
        or heuristic.is_sequential_string(secret)
        or heuristic.is_potential_uuid(secret)
        or heuristic.is_templated_secret(secret)
        or heuristic.is_prefixed_with_dollar_sign(secret)
        or heuristic.is_not_alphanumeric_string(secret)
        or heuristic.is_likely_id_string(secret, line, plugin)
        or heuristic.is_indirect_reference(line)
    )


def _plugin_kind(plugin: Any) -> str:
    return str(getattr(plugin, "secret_type", type(plugin).__name__))


def _detect_secrets_hits(text: str, entropy: bool, *, screened: bool = True) -> list[CredentialHit]:
    """What detect-secrets' plugins find, line by line. ``screened``: each plugin sees only the
    lines that meet its condition (``plugin_screen``), and a text where no line meets one never
    imports detect-secrets; False (tests) hands every line to every plugin."""
    skip = frozenset() if entropy else ENTROPY_KINDS
    hits: list[CredentialHit] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        kinds = None  # None: every plugin sees the line
        if screened and stripped.strip():
            kinds = kinds_for(stripped, skip)
        if stripped.strip() and kinds != frozenset():
            for plugin in detect_secrets_plugins():
                kind = _plugin_kind(plugin)
                if kind in skip or (kinds is not None and kind not in kinds):
                    continue
                for found in plugin.analyze_line(filename="value", line=stripped, line_number=1):
                    secret = found.secret_value
                    if not secret or _filtered(secret, stripped, plugin):
                        continue
                    start = stripped.find(secret)
                    while start >= 0:
                        end = offset + start + len(secret)
                        hits.append(CredentialHit(kind, offset + start, end))
                        start = stripped.find(secret, start + len(secret))
        offset += len(line)
    return hits


@lru_cache(maxsize=8192)
def _screen(text: str, entropy: bool, plugins: bool) -> tuple[CredentialHit, ...]:
    spans = token_spans(text, entropy=entropy)
    hits = [CredentialHit(span.kind, span.start, span.end) for span in spans]
    if plugins:
        hits += _detect_secrets_hits(text, entropy)
    return tuple(sorted(hits, key=lambda hit: (hit.start, -hit.end)))


def find_credentials(
    text: str, *, entropy: bool = True, plugins: bool = True
) -> list[CredentialHit]:
    """Every credential-looking span in ``text``, by start (kinds may overlap).

    ``entropy=False`` leaves out hits on randomness alone (the output screen). ``plugins=False``
    leaves out detect-secrets, whose import (with ``requests``) costs more than a whole
    ``check``: the screens on reading a file back and on output use the patterns here only,
    while every value is screened in full where it comes in.
    """
    if not text or text.isspace():
        return []
    return list(_screen(text, entropy, plugins))


def looks_like_credential(text: str) -> bool:
    return bool(find_credentials(text))


def redact(text: str, *, entropy: bool = True, plugins: bool = True) -> str:
    """Replace every credential-looking span with ``***``; the rest of the text is kept."""
    hits = find_credentials(text, entropy=entropy, plugins=plugins)
    if not hits:
        return text
    pieces: list[str] = []
    cursor = 0
    for start, end in _merged(hits):
        pieces.append(text[cursor:start])
        pieces.append(MASK)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


mask = redact


def _merged(hits: list[CredentialHit]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one, so a secret found twice is masked once."""
    spans: list[tuple[int, int]] = []
    for hit in hits:
        if spans and hit.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hit.end))
        else:
            spans.append((hit.start, hit.end))
    return spans


def describe(text: str, what: str) -> str | None:
    """``the value for --set (character 12 onward) looks like a GitHub token``, or None.

    For error messages: the kind and where it starts, never the value itself.
    """
    hits = find_credentials(text)
    if not hits:
        return None
    first = hits[0]
    labels = [LABELS.get(hit.kind, hit.kind) for hit in hits]
    kinds = sorted(set(labels), key=labels.index)
    kind = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return (
        f"{what} (character {first.start + 1} onward) looks like a credential: {with_article(kind)}"
    )


def with_article(kind: str) -> str:
    """``a GitHub token``, ``an AWS access key id``."""
    return ("an " if kind[:1].lower() in "aeiou" else "a ") + kind


def quoted(value: object, what: str = "the value", *, bare: bool = False) -> str:
    """A rejected value for an error message: its repr (``bare``: as it is, on one line), or
    what it looks like if it holds a secret."""
    text = value if isinstance(value, str) else repr(value)
    said = describe(text, what)
    if said is not None:
        return f"<{said}; not shown>"
    from wizard.core.safety.terminal import one_line

    return one_line(repr(value) if isinstance(value, str) and not bare else text)


def fingerprint(secret: str) -> str:
    """A short, stable, one-way tag so two findings of one secret can be matched, never read."""
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()[:12]


def redact_value(value: object, *, plugins: bool = True) -> object:
    """Redact strings inside nested dicts / lists (e.g. a preflight report) before storing them.

    ``plugins=False`` uses the wizard's own patterns only (see ``find_credentials``).
    """
    if isinstance(value, str):
        return redact(value, plugins=plugins)
    if isinstance(value, dict):
        return {key: redact_value(item, plugins=plugins) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item, plugins=plugins) for item in value]
    return value


def credentials_in(
    value: object, path: str = "", *, plugins: bool = True
) -> list[tuple[str, CredentialHit]]:
    """Every credential in the strings of nested data, with the dotted path that holds it."""
    found: list[tuple[str, CredentialHit]] = []
    if isinstance(value, str):
        found += [(path, hit) for hit in find_credentials(value, plugins=plugins)]
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            found += credentials_in(item, where, plugins=plugins)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found += credentials_in(item, f"{path}[{index}]", plugins=plugins)
    return found
