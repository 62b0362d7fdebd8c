"""The per-line screen in front of the keyword, entropy and JWT plugins hides no finding.

Checked as the regex gate is (``test_prefilter.py``): line by line on every file of the corpus,
the sample projects and a generated benchmark project (a plugin the screen holds back reports
nothing on that line), file by file (the same findings, in order, as with no screen and no gate),
and on the edge cases the screen's reasoning rests on.
"""

from __future__ import annotations

from pathlib import Path

from detect_secrets.plugins import keyword

from tests.scan.test_prefilter import _roots, _texts
from wizard.core.evidence.scan.detector import SecretDetector
from wizard.core.evidence.scan.line_screen import LineScreen
from wizard.core.safety.plugin_conditions import keyword_literals


def _screened_names(screen: LineScreen) -> set[str]:
    return {type(plugin).__name__ for plugin in screen.gate.always if id(plugin) in screen._checks}


def test_every_always_run_default_plugin_has_a_screen() -> None:
    with SecretDetector() as detector:
        screen = detector._screen
    assert _screened_names(screen) == {
        "KeywordDetector",
        "Base64HighEntropyString",
        "HexHighEntropyString",
        "JwtTokenDetector",
    }
    assert screen.plugins_for("import os") == []


def test_keyword_literals_cover_every_denylist_entry() -> None:
    words = keyword_literals(tuple(keyword.DENYLIST))
    assert words is not None
    for entry in keyword.DENYLIST:
        for spelling in {entry.replace("_?", "_"), entry.replace("_?", "")}:
            assert any(word in spelling for word in words), entry
    assert keyword_literals(("pass(word)?",)) is None  # unknown syntax: no screen at all


def _hits(screen: LineScreen, name: str, line: str, filename: str = "x.py") -> tuple[bool, bool]:
    """(did the screen let the plugin see the line, did the plugin report something)."""
    (plugin,) = [p for p in screen.gate.all if type(p).__name__ == name]
    return plugin in screen.plugins_for(line), bool(
        plugin.analyze_line(filename=filename, line=line, line_number=1)
    )


def test_edge_cases_reach_their_plugin() -> None:
    with SecretDetector() as detector:
        screen = detector._screen
        cases = [
            ("KeywordDetector", 'DB_PassWord = "hunter2-hunter2"'),
            ("KeywordDetector", 'x_API_KEY = "abcdef012345"'),
            ("KeywordDetector", 'contraseña = "abcdef012345"'),
            # Unicode case folding: the long s matches "s" in the plugin's regex.
            ("KeywordDetector", 'pa\u017fsword = "abcdef012345"'),
            ("HexHighEntropyString", 'x = "0123456789abcdef"'),
            ("HexHighEntropyString", "x = '1a2b3c4d5e'"),
            ("Base64HighEntropyString", 'x = "Zx8Qw2Er5Ty7Ui9Op1As3Df6Gh4Jk0LmNbVc"'),
            ("JwtTokenDetector", "t = eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"),
        ]
        for name, line in cases:
            seen, _ = _hits(screen, name, line)
            assert seen, (name, line)


def test_the_shortest_run_the_entropy_plugins_can_report_passes_the_screen() -> None:
    with SecretDetector() as detector:
        screen = detector._screen
        base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        for name, run in [
            ("HexHighEntropyString", "0123456789abcdefABCDEF"),
            ("Base64HighEntropyString", base64),
        ]:
            for length in range(1, len(run) + 1):
                for quote in "'\"":
                    seen, reported = _hits(screen, name, f"v = {quote}{run[:length]}{quote}")
                    assert seen or not reported, (name, length)


def test_no_line_held_back_would_have_given_a_plugin_a_hit(tmp_path: Path) -> None:
    held_back = 0
    with SecretDetector() as detector:
        screen = detector._screen
        for filename, text in _texts(_roots(tmp_path)):
            for line in text.splitlines():
                allowed = screen.plugins_for(line)
                for plugin in screen.gate.all:
                    if plugin in allowed:
                        continue
                    held_back += 1
                    assert not plugin.analyze_line(filename=filename, line=line), (filename, line)
    assert held_back > 10_000


def test_findings_are_the_same_with_and_without_the_screen(tmp_path: Path) -> None:
    texts = _texts(_roots(tmp_path))
    with SecretDetector() as screened:
        with_screen = [screened.scan_text(name, text) for name, text in texts]
    with SecretDetector(prefilter=False) as plain:
        assert plain._screen.plugins_for("import os") == plain._screen.gate.all
        without = [plain.scan_text(name, text) for name, text in texts]
    assert with_screen == without
    assert sum(map(len, with_screen)) > 20
