"""The in-memory form of a credential hit, and the helpers every secret rule shares.

A ``RawSecret`` holds the secret value so findings can be de-duplicated and fingerprinted; it
never leaves the scan package. What leaves is a ``SecretFinding`` with a fingerprint and a
redacted form, built by ``secrets.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.core.evidence.scan.files import ProjectFile
from wizard.core.evidence.scan.placeholders import is_placeholder_value
from wizard.core.safety.credentials import redact

# Rule priority when two rules hit the same value on one line: the most specific rule wins.
PRIORITY_HOST_RULE = 3  # knows the host's file and its secret mechanism
PRIORITY_FORMAT = 2  # recognises the value's own format (URI password, AWS key, GitHub token)
PRIORITY_GENERIC = 1  # only knows the value sits under a credential-like name
PRIORITY_ENTROPY = 0  # only knows the value looks random

# A bare "pass" is dbt's Postgres password key, but in code it is mostly a status; the dbt rule
# checks it by name instead.
_SECRET_KEY = re.compile(
    r"(?i)(passw(or)?d|^pwd$|passphrase|secret|token|api[_-]?key|apikey|"
    r"private[_-]?key|access[_-]?key|credential|authorization)"
)
# Identifiers only: dotted question ids ("secrets.rotation_owner") or prose are not config keys.
_KEY_SHAPE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
# Plain lower-case words ("warehouse-password", "enabled") name things; credentials rarely do.
_PLAIN_WORDS = re.compile(r"^[a-z]+([-_.][a-z]+)*$")
# Keys that *name* or *locate* a secret rather than hold one.
_POINTER_SUFFIX = re.compile(
    r"(?i)(file|path|filepath|url|uri|endpoint|name|names|type|env|var|ttl|expiry|expires|"
    r"expiration|timeout|length|method|header|location|dir|backend|provider|limit|count)$"
)
_MIN_REDACT_PIECE = 4


@dataclass(frozen=True)
class RawSecret:
    file: str
    line: int
    rule: str
    kind: str
    value: str
    redacted: str
    priority: int = PRIORITY_HOST_RULE
    # A finding about a whole file (e.g. a committed .env) never swallows line findings.
    file_level: bool = False
    # The key or name the value sits under, when the rule knows it (for the placeholder policy).
    key: str | None = None


def is_secret_key(name: str) -> bool:
    """Does a config key / keyword argument name hold a credential (not a path or a name)?"""
    return (
        bool(_KEY_SHAPE.match(name))
        and bool(_SECRET_KEY.search(name))
        and not _POINTER_SUFFIX.search(name)
    )


def looks_like_secret_value(value: str) -> bool:
    """For generic rules: a token-like literal, not a word, a sentence, a path or a number."""
    stripped = value.strip()
    if len(stripped) < 6 or any(char.isspace() for char in stripped):
        return False
    if _PLAIN_WORDS.match(stripped) or stripped.startswith(("/", "./", "~")):
        return False
    return not stripped.replace(".", "", 1).isdigit()


def is_placeholder(value: str, key: str | None = None) -> bool:
    """The shared placeholder policy (``placeholders.py``): references, templates, fillers."""
    return is_placeholder_value(value, key=key)


def is_templated(value: str) -> bool:
    """A Jinja / Pebble expression such as ``{{ secret('X') }}`` resolves at run time."""
    return "{{" in value and "}}" in value


def locate_line(file: ProjectFile, start_line: int, value: str, end_line: int | None = None) -> int:
    """The first line from ``start_line`` that contains (the first line of) ``value``."""
    needle = next((part for part in value.splitlines() if part.strip()), value).strip()
    last = end_line if end_line is not None else start_line
    for number in range(start_line, max(start_line, last) + 1):
        if needle and needle in file.line(number):
            return number
    return start_line


def redacted_text(text: str, value: str, *, fallback: str) -> str:
    """``text`` with ``value`` masked, then generic redaction; ``fallback`` if anything leaks."""
    pieces = [value, *(part.strip() for part in value.splitlines())]
    out = " ".join(text.split())
    for piece in sorted({p for p in pieces if p}, key=len, reverse=True):
        out = out.replace(piece, "***")
    out = redact(out)
    if len(out) > 120:
        out = out[:117] + "..."
    if leaks(out, value):
        return fallback
    return out


def leaks(text: str, value: str) -> bool:
    """Whether ``text`` still carries ``value`` or any sizeable line of it."""
    if value and value in text:
        return True
    return any(
        len(part.strip()) >= _MIN_REDACT_PIECE and part.strip() in text
        for part in value.splitlines()
    )


def keyed(
    key: str,
    value: str,
    rule: str,
    file: str,
    line: int,
    *,
    priority: int = PRIORITY_HOST_RULE,
) -> RawSecret:
    """A finding for ``key: value`` shaped evidence (YAML pair, keyword argument, env line)."""
    return RawSecret(
        file=file,
        line=line,
        rule=rule,
        kind=rule,
        value=value,
        redacted=f"{key}: ***",
        priority=priority,
        key=key,
    )
