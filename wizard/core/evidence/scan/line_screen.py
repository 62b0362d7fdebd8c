"""Cheap per-line tests in front of the plugins the regex gate cannot hold back.

Four default plugins run on every line the regex gate (``prefilter.py``) lets through and on
every line it does not: the keyword detector, the two high-entropy string plugins and the JWT
detector. Each has a necessary condition that costs a substring test or one short regex, far
less than the plugin (the keyword detector alone tries up to seven long regexes per line):

- keyword detector: every one of its patterns contains one of detect-secrets' ``DENYLIST``
  words (``api_?key``, ``password``, ``secret``, ...), matched case-insensitively; on an ASCII
  line that means the lowered line holds one of the words' literal pieces. Non-ASCII lines
  always go to the plugin, because Unicode case folding (``ſ`` matches ``s``) differs from
  ``str.lower``.
- high-entropy strings: the plugin reports a quoted run of its charset whose Shannon entropy is
  above its limit. A run of ``n`` characters has entropy at most ``log2(n)``, so a run shorter
  than ``2 ** limit`` (9 hex digits, 23 base64 characters) can never pass; the screen asks for a
  quoted run of at least ``floor(2 ** limit)`` characters, one fewer than needed, so rounding in
  the plugin's arithmetic cannot matter.
- JWT detector: its only pattern starts with the literal ``eyJ`` and it reports nothing its
  pattern did not match.

A plugin that does not look exactly like the one reasoned about here (a subclass overriding the
methods, another charset regex) gets no screen and runs on every line as before.
``tests/scan/test_line_screen.py`` checks on the whole corpus that the screen hides nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from detect_secrets.plugins import keyword
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.high_entropy_strings import (
    HexHighEntropyString,
    HighEntropyStringsPlugin,
)
from detect_secrets.plugins.jwt import JwtTokenDetector

from wizard.core.evidence.scan.prefilter import RegexGate

LineCheck = Callable[[str, str], bool]  # (line, lowered line) -> could the plugin report here


def keyword_literals(denylist: tuple[str, ...]) -> tuple[str, ...] | None:
    """One literal every match of each denylist entry must contain (its last piece after the
    optional ``_?`` parts: ``key`` for ``api_?key``), minimised; None when an entry uses other
    regex syntax."""
    needed: set[str] = set()
    for entry in denylist:
        pieces = entry.split("_?")
        if not all(piece and re.fullmatch(r"[^\W_]+", piece) for piece in pieces):
            return None
        needed.add(pieces[-1])
    # A literal that contains another is implied by it ("password" by "pass").
    return tuple(sorted(word for word in needed if not any(o in word for o in needed - {word})))


def _keyword_check(plugin: Any) -> LineCheck | None:
    kind = type(plugin)
    if kind.analyze_line is not keyword.KeywordDetector.analyze_line:
        return None
    if kind.analyze_string is not keyword.KeywordDetector.analyze_string:
        return None
    words = keyword_literals(tuple(keyword.DENYLIST))
    if words is None or not _every_keyword_regex_needs_the_denylist():
        return None

    def check(line: str, lowered: str) -> bool:
        return not line.isascii() or any(word in lowered for word in words)

    return check


def _every_keyword_regex_needs_the_denylist() -> bool:
    # The reasoning above holds while every pattern the plugin can use is built around the
    # denylist group (as detect-secrets 1.5.0 builds them); a version that adds one without it
    # turns the screen off.
    tables = [*keyword.REGEX_BY_FILETYPE.values(), keyword.QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP]
    return all(keyword.DENYLIST_REGEX in regex.pattern for table in tables for regex in table)


def _entropy_check(plugin: Any) -> LineCheck | None:
    kind = type(plugin)
    charset = re.escape(plugin.charset)
    if (
        kind.analyze_line is not HighEntropyStringsPlugin.analyze_line
        or kind.analyze_string is not HighEntropyStringsPlugin.analyze_string
        or kind.calculate_shannon_entropy
        not in (
            HighEntropyStringsPlugin.calculate_shannon_entropy,
            HexHighEntropyString.calculate_shannon_entropy,  # only ever lowers the base value
        )
        or plugin.regex.pattern != rf"""([\'"])([{charset}]+)(\1)"""
    ):
        return None
    shortest = max(1, math.floor(2 ** float(plugin.entropy_limit)))
    quoted_run = re.compile(rf"(['\"])[{charset}]{{{shortest},}}\1")

    def check(line: str, lowered: str) -> bool:
        return quoted_run.search(line) is not None

    return check


def _jwt_check(plugin: Any) -> LineCheck | None:
    kind = type(plugin)
    if (
        kind is not JwtTokenDetector
        or kind.analyze_line is not BasePlugin.analyze_line
        or kind.analyze_string is not JwtTokenDetector.analyze_string
        or not all(
            regex.pattern.startswith("eyJ[") and not regex.flags & re.IGNORECASE
            for regex in plugin.denylist
        )
    ):
        return None
    return lambda line, lowered: "eyJ" in line


def screen_for(plugin: Any) -> LineCheck | None:
    """The plugin's necessary condition, or None (no screen: it runs on every line)."""
    if isinstance(plugin, keyword.KeywordDetector):
        return _keyword_check(plugin)
    if isinstance(plugin, HighEntropyStringsPlugin):
        return _entropy_check(plugin)
    if isinstance(plugin, JwtTokenDetector):
        return _jwt_check(plugin)
    return None


class LineScreen:
    """The regex gate plus a cheap check for each plugin it always runs."""

    def __init__(self, gate: RegexGate, *, enabled: bool = True) -> None:
        self.gate = gate
        # Keyed by id(): plugins are compared by identity, never by value.
        self._checks: dict[int, LineCheck] = {}
        if enabled:
            for plugin in gate.always:
                check = screen_for(plugin)
                if check is not None:
                    self._checks[id(plugin)] = check

    def plugins_for(self, line: str) -> list[Any]:
        """The plugins that could report something on ``line``, in detect-secrets' order."""
        allowed = self.gate.plugins_for(line)
        if not self._checks:
            return allowed
        lowered = line.lower()
        checks = self._checks
        return [
            plugin
            for plugin in allowed
            if (check := checks.get(id(plugin))) is None or check(line, lowered)
        ]
