"""Credential samples for the leak tests, assembled at run time from harmless parts.

No sample appears whole in this file, so secret scanners (and the project's own pre-commit
hook) reading the repository find nothing here; the tests join the parts when they run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _j(*parts: str) -> str:
    return "".join(parts)


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = _UPPER.lower()
_DIGITS = "0123456789"
_ALNUM = _UPPER + _LOWER + _DIGITS


def _random(length: int, alphabet: str = _ALNUM, seed: int = 0) -> str:
    """A fixed pseudo-random run: random enough for the screen, absent from the source."""
    chooser = random.Random(seed * 7919 + length)
    while True:
        text = "".join(chooser.choice(alphabet) for _ in range(length))
        mixed = any(c.isupper() for c in text) + any(c.islower() for c in text)
        if alphabet != _ALNUM or (mixed == 2 and sum(c.isdigit() for c in text) >= 3):
            return text


@dataclass(frozen=True)
class Sample:
    kind: str
    text: str  # what is planted
    secret: str  # the part that must never appear anywhere


def _sample(kind: str, before: str, secret: str, after: str = "") -> Sample:
    return Sample(kind, before + secret + after, secret)


_BASE64 = _ALNUM + "+/"
_RANDOM40 = _j(_random(13, seed=1), "/", _random(17, seed=2), "/", _random(8, seed=3))
_KEY_BODY = _j("MII", "EvQIBADANBgkqhkiG9w0BAQEFAASC", _random(48, _BASE64, seed=4))
_KEY_WORD = _j("PRIV", "ATE KEY")


def samples() -> list[Sample]:
    """At least one sample of every kind the screen promises to catch."""
    return [
        _sample("aws secret", _j("AWS_SECRET", "_ACCESS_KEY="), _RANDOM40),
        _sample("aws access key id", "key id ", _j("AK", "IA", _random(16, _UPPER + _DIGITS, 5))),
        _sample("db password", _j("DB_PASS", "WORD="), _j("Tr0ub4dor", "-and-3")),
        _sample("pg password", _j("PGPASS", "WORD="), _j("hunter", "2horse")),
        _sample(
            "github pat", "", _j("github", "_pat_", _random(22, seed=6), "_", _random(16, seed=7))
        ),
        _sample("github classic", "", _j("gh", "p_", _random(36, seed=8))),
        _sample("gitlab", "", _j("gl", "pat-", _random(20, seed=9))),
        _sample("stripe", "", _j("sk", "_live_", _random(24, seed=10))),
        _sample(
            "slack token", "", _j("xo", "xb-", _random(12, _DIGITS, 11), "-", _random(24, seed=12))
        ),
        _sample("google api key", "", _j("AI", "za", "Sy", _random(33, seed=13))),
        _sample(
            "slack webhook",
            _j("https://hooks.", "slack.com/"),
            _j(
                "services/T0",
                _random(7, _UPPER, 14),
                "/B0",
                _random(7, _UPPER, 15),
                "/",
                _random(24, seed=16),
            ),
        ),
        _sample("bearer", _j("Author", "ization: Bearer "), _random(28, seed=17)),
        _sample(
            "key with header",
            "",
            _j(
                "-----BEGIN RSA ",
                _KEY_WORD,
                "-----\n",
                _KEY_BODY,
                "\n-----END RSA ",
                _KEY_WORD,
                "-----",
            ),
        ),
        _sample("key body", "", _KEY_BODY),
        _sample(
            "sas signature",
            "https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&",
            _j("sig=", _random(30, seed=18), "%2BQ%3D"),
        ),
        _sample(
            "s3 signature",
            "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&",
            _j("X-Amz-Sig", "nature=", _random(64, _DIGITS + "abcdef", 19)),
        ),
        _sample("high entropy", "the value is ", _random(26, seed=20)),
        _sample("uri password with @", "mysql://app:", _j("p@ss", "w0rdTail"), "@db/orders"),
        _sample(
            "uri password with /", "postgresql://svc:", _j("ab/c", "d9Zq"), "@warehouse:5432/dw"
        ),
        _sample(
            "jwt",
            "",
            _j("eyJhbGciOiJIUzI1NiJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.", _random(22, seed=21)),
        ),
    ]
