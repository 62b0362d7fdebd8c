"""Credential samples for the leak tests, assembled at run time from harmless parts.

No sample appears whole in this file, so secret scanners (and the project's own pre-commit
hook) reading the repository find nothing here; the tests join the parts when they run.
"""

from __future__ import annotations

from dataclasses import dataclass


def _j(*parts: str) -> str:
    return "".join(parts)


@dataclass(frozen=True)
class Sample:
    kind: str
    text: str  # what is planted
    secret: str  # the part that must never appear anywhere


def _sample(kind: str, before: str, secret: str, after: str = "") -> Sample:
    return Sample(kind, before + secret + after, secret)


_RANDOM40 = _j("wJalrXUtnFEMI", "/K7MDENG/bPxRfiCY", "Zq4Lm8Wd2Xp")
_KEY_BODY = _j(
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7", "Vq3m9Lw2Kx8Pz4Rt6Yu1Nb5Hj0Gf"
)


def samples() -> list[Sample]:
    """At least one sample of every kind the screen promises to catch."""
    return [
        _sample("aws secret", _j("AWS_SECRET", "_ACCESS_KEY="), _RANDOM40),
        _sample("aws access key id", "key id ", _j("AKIA", "QW3RT7YU1OP5AS9D")),
        _sample("db password", _j("DB_PASS", "WORD="), _j("Tr0ub4dor", "-and-3")),
        _sample("pg password", _j("PGPASS", "WORD="), _j("hunter", "2horse")),
        _sample(
            "github pat", "", _j("github", "_pat_", "11ABCDEFG0123456789", "_abcdefghijKLMNOP")
        ),
        _sample("github classic", "", _j("gh", "p_", "9Zk2Lm4Qx7Rt1Vb8Nc3Yp6Wd0Sf5Hj2Ka8U")),
        _sample("gitlab", "", _j("gl", "pat-", "xR4mK9pL2vN7qW3zT8yB")),
        _sample("stripe", "", _j("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc")),
        _sample("slack token", "", _j("xo", "xb-", "123456789012-1234567890123-AbCdEfGhIjKl")),
        _sample("google api key", "", _j("AI", "za", "SyD3mK8pL2vN7qW3zT8yB4cX9rF1hJ6gE0u")),
        _sample(
            "slack webhook",
            _j("https://hooks.", "slack.com/"),
            _j("services/T0", "1ABCDEF/B02GHIJKL/x9Y8z7W6v5U4t3S2r1Q0p9O8"),
        ),
        _sample("bearer", _j("Author", "ization: Bearer "), _j("eyJhbGciOi", "x7Qm2Lp9Vt4Rk8Nw")),
        _sample(
            "key with header",
            "",
            _j(
                "-----BEGIN RSA PRIV",
                "ATE KEY-----\n",
                _KEY_BODY,
                "\n-----END RSA PRIV",
                "ATE KEY-----",
            ),
        ),
        _sample("key body", "", _KEY_BODY),
        _sample(
            "sas signature",
            "https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&",
            _j("sig=", "Zx8Kq2Lm4Vn6Bp9Rt1Ws3Yu5Hj7%2BQ%3D"),
        ),
        _sample(
            "s3 signature",
            "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&",
            _j(
                "X-Amz-Sig",
                "nature=",
                "3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a",
            ),
        ),
        _sample("high entropy", "the value is ", _j("q8Zr2Lx", "9Vt4Nm6Bk1Wp3Yh7Gd5Fs0Ju")),
        _sample("uri password with @", "mysql://app:", _j("p@ss", "w0rdTail"), "@db/orders"),
        _sample(
            "uri password with /", "postgresql://svc:", _j("ab/c", "d9Zq"), "@warehouse:5432/dw"
        ),
        _sample(
            "jwt",
            "",
            _j("eyJhbGciOiJIUzI1NiJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIn0", ".SflKxwRJSMeKKF2QT4fwpM"),
        ),
    ]
