"""Spotting and hiding credentials in free text.

Used wherever text could carry a secret towards disk or a screen: answers before they are saved,
the preflight report (which echoes source strings verbatim), scan findings and exports.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# userinfo with a password part: scheme://user:password@host
_URI_PASSWORD = re.compile(
    r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)(?P<secret>[^\s@/]+)(?=@)"
)
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
_AWS_ACCESS_KEY = re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")
_GITHUB_TOKEN = re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b")
_SLACK_TOKEN = re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b")
_ASSIGNED_SECRET = re.compile(
    r"(?i)\b(?P<name>password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)"
    r"\s*[:=]\s*(?P<quote>['\"]?)(?P<secret>[^\s'\"]{4,})(?P=quote)"
)


@dataclass(frozen=True)
class CredentialHit:
    """Where a credential-looking span sits in a text, and what kind it is."""

    kind: str
    start: int
    end: int


def find_credentials(text: str) -> list[CredentialHit]:
    """Return every credential-looking span in ``text`` (possibly overlapping kinds)."""
    hits: list[CredentialHit] = []
    for match in _URI_PASSWORD.finditer(text):
        hits.append(CredentialHit("password-in-uri", match.start("secret"), match.end("secret")))
    for kind, pattern in (
        ("private-key", _PRIVATE_KEY),
        ("aws-access-key", _AWS_ACCESS_KEY),
        ("github-token", _GITHUB_TOKEN),
        ("slack-token", _SLACK_TOKEN),
        ("jwt", _JWT),
    ):
        for match in pattern.finditer(text):
            hits.append(CredentialHit(kind, match.start(), match.end()))
    for match in _ASSIGNED_SECRET.finditer(text):
        value = match.group("secret")
        if _looks_like_reference(value):
            continue
        hits.append(CredentialHit("assigned-secret", match.start("secret"), match.end("secret")))
    return sorted(hits, key=lambda hit: hit.start)


def _looks_like_reference(value: str) -> bool:
    """Env-var and secret-store references name a secret without containing it."""
    return value.startswith(
        ("${", "$", "{{", "env_var(", "os.environ", "EnvVar(")
    ) or value.lower() in {"none", "null", "changeme", "<redacted>", "***"}


def looks_like_credential(text: str) -> bool:
    return bool(find_credentials(text))


def redact(text: str) -> str:
    """Replace every credential-looking span with ``***``; the rest of the text is kept."""
    hits = find_credentials(text)
    if not hits:
        return text
    pieces: list[str] = []
    cursor = 0
    for hit in hits:
        if hit.start < cursor:
            continue
        pieces.append(text[cursor : hit.start])
        pieces.append("***")
        cursor = hit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fingerprint(secret: str) -> str:
    """A short, stable, one-way tag so two findings of one secret can be matched, never read."""
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()[:12]


def redact_value(value: object) -> object:
    """Redact strings inside nested dicts / lists (e.g. a preflight report) before storing them."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item) for item in value]
    return value
