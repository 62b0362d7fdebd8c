"""Credential shapes detect-secrets does not know, or knows only in quoted code.

detect-secrets is built for source files: its keyword and entropy plugins want quotes and an
identifier, so a value typed into a form (``PGPASSWORD=hunter2``, a bare key body, a signed
URL) slips past it. Each pattern here names the span to hide with the group ``secret``, or the
whole match when it has none, and a kind that error messages can show instead of the value.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

from wizard.core.records import Record, record


@record(frozen=True, kw_only=False)
class Span(Record):
    kind: str
    start: int
    end: int


# A URI's userinfo with a password part (scheme, "://", user, ":", password, "@", host). The
# password runs to the LAST "@" of the URI (greedy), so an "@" or "/" inside it is hidden
# whole. The probe's target script carries the same expression (a test holds them equal).
URI_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)(?P<secret>\S+)(?=@)")

# A name that says "secret" as a whole word or as the tail of an identifier (DB_PASSWORD,
# PGPASSWORD, AWS_SECRET_ACCESS_KEY), then = or :, then the value.
_NAMES = (
    r"pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
    r"|secret[_-]?key|client[_-]?secret|auth[_-]?token|credentials?"
)
ASSIGNED = re.compile(
    rf"(?i)(?<![A-Za-z0-9])(?P<name>[A-Za-z0-9_.-]*?(?:{_NAMES}))(?:[_-][A-Za-z0-9]+)*"
    r"(?P<sep>\s*[:=]\s*)(?P<quote>['\"]?)(?P<secret>[^\s'\",;&]{4,})(?P=quote)"
)

_REFERENCE_PREFIXES = ("${", "$", "{{", "env_var(", "os.environ", "EnvVar(", "<", "%(")
_PLACEHOLDERS = {"none", "null", "changeme", "***", "redacted", "true", "false", "required"}


def is_reference(value: str) -> bool:
    """Env-var and secret-store references name a secret without containing it."""
    return value.startswith(_REFERENCE_PREFIXES) or value.lower().strip("*") in _PLACEHOLDERS | {""}


_KEY_BLOCK = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----.*?"
    r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)",
    re.DOTALL,
)

# (kind, pattern): the whole match, or its ``secret`` group, is the credential.
TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private-key", _KEY_BLOCK),
    # PKCS#1/#8 DER bodies start "MII", OpenSSH ones encode "openssh-key-v1": a pasted body
    # without its header is still a key.
    ("private-key-body", re.compile(r"\bMII[A-Za-z0-9+/]{60,}={0,2}")),
    ("private-key-body", re.compile(r"b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{20,}={0,2}")),
    ("aws-access-key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("github-token", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{20,}")),
    ("github-token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{20,}")),
    ("gitlab-token", re.compile(r"\bgl(?:pat|dt|rt|ptt|cbt|soat)-[A-Za-z0-9_\-]{20,}")),
    ("stripe-key", re.compile(r"\b[rsp]k_(?:live|test)_[A-Za-z0-9]{10,}")),
    ("slack-token", re.compile(r"\bxox[abeoprs]-[A-Za-z0-9-]{10,}")),
    (
        "slack-webhook",
        re.compile(r"hooks\.slack\.com/(?P<secret>(?:services|workflows|triggers)/[^\s'\"<>]+)"),
    ),
    ("google-api-key", re.compile(r"\bAIza[0-9A-Za-z_\-]{30,}")),
    ("jwt", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    (
        "authorization-header",
        re.compile(
            r"(?i)\bauthori[sz]ation\s*[:=]\s*(?:(?:bearer|basic|token|bot|digest)\s+)?"
            r"(?P<secret>(?!(?:bearer|basic|token|bot|digest)\b)[A-Za-z0-9._~+/=\-]{4,})"
        ),
    ),
    (
        "bearer-token",
        re.compile(r"(?i)\bbearer\s+(?P<secret>(?=[A-Za-z._~+/=\-]*\d)[A-Za-z0-9._~+/=\-]{16,})"),
    ),
    (
        "signed-url-token",
        re.compile(
            r"(?i)[?&;](?:sig|signature|x-amz-signature|x-goog-signature|x-amz-security-token"
            r"|x-amz-credential|x-goog-credential|access_token|token|code|key|se?cret)="
            r"(?P<secret>[^&\s#'\"<>]{4,})"
        ),
    ),
)

_ENTROPY_TOKEN = re.compile(r"[A-Za-z0-9+/_\-=]{20,}")


def shannon(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _is_random(token: str) -> bool:
    """A long run mixing upper case, lower case and digits about as evenly as random text.

    Pure hex (commit ids, digests) and words joined by ``_``/``-``/``/`` do not count: they
    are everywhere in paths and links, and detect-secrets' own hex plugin covers quoted hex.
    """
    core = token.strip("=")
    if len(core) < 20 or ("/" in core.strip("/") and core.count("/") > 2):
        return False
    uppers = sum(ch.isupper() for ch in core)
    lowers = sum(ch.islower() for ch in core)
    digits = sum(ch.isdigit() for ch in core)
    if min(uppers, lowers) < 2 or digits < 2:
        return False
    # Random text over ~64 symbols of length n has entropy close to log2(n) for short n.
    return shannon(core) >= min(4.3, 0.87 * math.log2(len(core)))


# Substrings (lower case) without which a pattern cannot match: a quick test that spares most
# ordinary text the slower case-insensitive expressions.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "private-key": ("-----begin",),
    "private-key-body": ("mii", "b3blbnnzac1"),
    "aws-access-key": ("akia", "asia"),
    "github-token": ("_",),
    "gitlab-token": ("gl",),
    "stripe-key": ("k_live_", "k_test_"),
    "slack-token": ("xox",),
    "slack-webhook": ("hooks.slack",),
    "google-api-key": ("aiza",),
    "jwt": ("eyj",),
    "authorization-header": ("authori",),
    "bearer-token": ("bearer",),
    "signed-url-token": ("=",),
}
_ASSIGNED_NEEDLES = ("pass", "pwd", "secret", "token", "key", "credential")


def _present(lowered: str, needles: tuple[str, ...]) -> bool:
    return any(needle in lowered for needle in needles)


def token_spans(text: str, *, entropy: bool = True) -> Iterator[Span]:
    """Every span a pattern here finds; ``entropy=False`` leaves out the randomness test."""
    lowered = text.lower()
    for kind, pattern in TOKENS:
        if not _present(lowered, _NEEDLES.get(kind, ("",))):
            continue
        for match in pattern.finditer(text):
            group = "secret" if "secret" in pattern.groupindex else 0
            yield Span(kind, match.start(group), match.end(group))
    for match in URI_PASSWORD.finditer(text) if "://" in text else ():
        if set(match.group("secret")) == {"*"}:
            continue  # already masked
        yield Span("password-in-uri", match.start("secret"), match.end("secret"))
    assigned = ("=" in text or ":" in text) and _present(lowered, _ASSIGNED_NEEDLES)
    for match in ASSIGNED.finditer(text) if assigned else ():
        if not is_reference(match.group("secret")):
            yield Span("assigned-secret", match.start("secret"), match.end("secret"))
    for match in _ENTROPY_TOKEN.finditer(text) if entropy else ():
        if _is_random(match.group()):
            yield Span("high-entropy", match.start(), match.end())
