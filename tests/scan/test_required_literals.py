"""The literals read from a regex are really in every match, and the gate built on them opens
for every credential shape detect-secrets' regex plugins know.

The corpus-wide checks (no line the gate holds back gives a plugin a hit; the same findings
with and without the gate) are in ``test_prefilter.py``; these pin the parser's reasoning.
"""

from __future__ import annotations

import re

import pytest

from wizard.core.evidence.scan.detector import SecretDetector
from wizard.core.safety.required_literals import required_literals


@pytest.mark.parametrize(
    ("pattern", "flags", "matches"),
    [
        (r"abc[0-9]+de", 0, ["abc0de", "abc123de"]),
        (r"(?:AKIA|ASIA)[0-9A-Z]{16}", 0, ["AKIA" + "A" * 16, "ASIA" + "7" * 16]),
        (r"x?yz\d+", 0, ["yz1", "xyz22"]),
        (r"(?:ab){2,}", 0, ["abab", "ababab"]),
        (r"AWS.{0,20}?Key", re.IGNORECASE, ["aws_key", "AWS secret KEY"]),
        (r"SG\.[a-z]{22}", 0, ["SG." + "a" * 22]),
        (r"(?:cl|clou)(?:_|-|)(?:key|pw)", re.IGNORECASE, ["CL_KEY", "clou-pw", "clkey"]),
    ],
)
def test_literals_every_match_holds(pattern: str, flags: int, matches: list[str]) -> None:
    regex = re.compile(pattern, flags)
    found = required_literals(regex)
    assert found is not None and found.folded == bool(flags & re.IGNORECASE)
    for text in matches:
        assert regex.fullmatch(text), text  # the example really matches
        seen = text.lower() if found.folded else text
        assert any(word in seen for word in found.words), (text, found.words)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:ab|)d?",  # an empty alternative needs nothing
        r"(?:ab)*[0-9]+",  # a body repeated zero or more times need not be there
        r"(?i:secret)\d+",  # scoped flags compare differently
        r"\d+[.,]\d+",  # only classes
        r"(?=abc)\w+",  # a lookahead's text is not part of the match
    ],
)
def test_patterns_without_a_required_literal_get_none(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) is None


def test_folded_literals_skip_characters_with_no_ascii_lower_form() -> None:
    found = required_literals(re.compile("contraseña_key", re.IGNORECASE))
    assert found is not None and "ñ" not in "".join(found.words)


_SHAPES = [
    "AKIAIOSFODNN7EXAMPLE",
    'aws_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    "AccountKey=" + "a" * 88,
    "postgres://user:pw1234@db.internal/x",
    "ghp_" + "a1" * 18,
    "glpat-" + "x" * 20,
    "-----BEGIN RSA PRIVATE KEY-----",
    "xoxb-1234-5678-abcdef",
    "SG." + "a" * 22 + "." + "b" * 43,
    "sk_live_" + "a" * 24,
    "sq0csp-" + "a" * 43,
    "AC" + "a" * 32,
    "pypi-AgEIcHlwaS5vcmc" + "a" * 70,
    "8.8.8.8",
    "123456789:" + "A" * 35,
    "MTIz" + "a" * 20 + ".abcdef." + "b" * 27,
    # Case folding beyond ASCII: the Kelvin sign matches "k" in a case-insensitive regex.
    'cloudant_\u212aey = "' + "a" * 24 + '"',
]


def test_the_gate_opens_for_every_known_credential_shape() -> None:
    with SecretDetector() as detector:
        gate = detector._gate
        for line in _SHAPES:
            reported = any(
                plugin.analyze_line(filename="x.txt", line=line) for plugin in gate.gated
            )
            assert reported, line  # the shape is real: some gated plugin reports it
            assert gate.plugins_for(line) == gate.all, line


def test_without_the_private_regex_parser_every_line_is_searched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # re._parser is private: a Python that drops it must get no gate (so every line is
    # searched and nothing is missed), not a scan that fails to import.
    from wizard.core.safety import required_literals as module

    pattern = re.compile(r"(?:AKIA|ASIA)[0-9A-Z]{16}")
    assert required_literals(pattern) is not None
    monkeypatch.setattr(module, "_parser", None)
    assert required_literals(pattern) is None
