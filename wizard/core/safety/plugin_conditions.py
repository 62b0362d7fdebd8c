"""What a line must hold before each detect-secrets plugin can report anything on it.

A plugin's necessary condition, written as data: the line holds one of ``literals`` (compared
with the lowered line when ``folded``; a non-ASCII line always counts, because Unicode case
folding, where ``ſ`` matches ``s``, is wider than ``str.lower``) and, when ``patterns`` are given,
one of them matches somewhere in it. A plugin whose code is not exactly the code reasoned about
here (a subclass overriding its methods, another charset regex) gets no condition: it must run on
every line.

- Regex plugins (``RegexBasedDetector`` keeping the base ``analyze_line`` and
  ``analyze_string``): they report only what one of their ``denylist`` patterns matches, and
  every match holds one of the literals ``required_literals`` reads from the pattern.
- The keyword detector: every pattern it can use is built around detect-secrets' ``DENYLIST``
  words (``api_?key``, ``password``, ``secret``, ...), matched case-insensitively.
- The high-entropy string plugins report a quoted run of their charset whose Shannon entropy is
  above their limit. A run of ``n`` characters has entropy at most ``log2(n)``, so a run shorter
  than ``2 ** limit`` (9 hex digits, 23 base64 characters) can never pass; the condition asks for
  a quoted run of at least ``floor(2 ** limit)`` characters, one fewer than needed, so rounding
  in the plugin's arithmetic cannot matter.
- The JWT detector: its only pattern starts with the literal ``eyJ``.

Two places use these conditions: the project scan's per-line screen (``line_screen.py``) and
the credential screen on values (``plugin_screen.py``), which reads them from a table built here
once per detect-secrets version so that an ordinary value is judged without importing
detect-secrets (and ``requests`` with it). Run ``python -m wizard.core.safety.plugin_conditions``
to rebuild that table; ``tests/safety/test_plugin_screen.py`` fails while it is out of date.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from typing import Any

from detect_secrets.plugins import keyword
from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector
from detect_secrets.plugins.high_entropy_strings import (
    HexHighEntropyString,
    HighEntropyStringsPlugin,
)
from detect_secrets.plugins.jwt import JwtTokenDetector

from wizard.core.safety.plugin_screen import TABLE_FORMAT, TABLE_PATH
from wizard.core.safety.required_literals import required_literals


@dataclass(frozen=True)
class Condition:
    """A line can make the plugin report only if it holds a literal and matches a pattern."""

    literals: tuple[str, ...] = ()
    folded: bool = False
    patterns: tuple[re.Pattern[str], ...] = ()


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


def _keyword_condition(plugin: Any) -> Condition | None:
    kind = type(plugin)
    if kind.analyze_line is not keyword.KeywordDetector.analyze_line:
        return None
    if kind.analyze_string is not keyword.KeywordDetector.analyze_string:
        return None
    words = keyword_literals(tuple(keyword.DENYLIST))
    tables = [*keyword.REGEX_BY_FILETYPE.values(), keyword.QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP]
    patterns = list(dict.fromkeys(regex for table in tables for regex in table))
    # The reasoning holds while every pattern is built around the denylist group (as
    # detect-secrets 1.5.0 builds them); a version that adds one without it gets no condition.
    if words is None or not all(keyword.DENYLIST_REGEX in regex.pattern for regex in patterns):
        return None
    return Condition(words, folded=True, patterns=tuple(patterns))


def _entropy_condition(plugin: Any) -> Condition | None:
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
    return Condition(patterns=(re.compile(rf"(['\"])[{charset}]{{{shortest},}}\1"),))


def _jwt_condition(plugin: Any) -> Condition | None:
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
    return Condition(("eyJ",), patterns=tuple(plugin.denylist))


def _regex_condition(plugin: Any) -> Condition | None:
    kind = type(plugin)
    if (
        kind.analyze_string is not RegexBasedDetector.analyze_string
        or kind.analyze_line is not BasePlugin.analyze_line
    ):
        return None
    patterns = tuple(plugin.denylist)
    found = [required_literals(regex) for regex in patterns]
    if not patterns or any(literals is None for literals in found):
        return Condition(patterns=patterns)  # some pattern needs no literal: search them all
    folded = any(literals.folded for literals in found if literals is not None)
    # Mixed flags compare every literal with the lowered line: an exact match implies that.
    words = {
        word.lower() if folded else word
        for literals in found
        if literals is not None
        for word in literals.words
    }
    return Condition(tuple(sorted(words)), folded=folded, patterns=patterns)


def condition_for(plugin: Any) -> Condition | None:
    """The plugin's necessary condition, or None (it must run on every line)."""
    if isinstance(plugin, keyword.KeywordDetector):
        return _keyword_condition(plugin)
    if isinstance(plugin, HighEntropyStringsPlugin):
        return _entropy_condition(plugin)
    if isinstance(plugin, JwtTokenDetector):
        return _jwt_condition(plugin)
    if isinstance(plugin, RegexBasedDetector):
        return _regex_condition(plugin)
    return None


def build_table(plugins: list[Any], version: str) -> dict[str, Any]:
    """The conditions of ``plugins`` as plain data, for ``plugin_screen.py``."""
    rows: list[dict[str, Any]] = []
    for plugin in plugins:
        condition = condition_for(plugin)
        row: dict[str, Any] = {"kind": str(getattr(plugin, "secret_type", type(plugin).__name__))}
        if condition is None:
            row["always"] = True
        else:
            row["literals"] = list(condition.literals)
            row["folded"] = condition.folded
            row["patterns"] = [[regex.pattern, int(regex.flags)] for regex in condition.patterns]
        rows.append(row)
    return {"format": TABLE_FORMAT, "detect_secrets": version, "plugins": rows}


def current_table() -> dict[str, Any]:
    """The table for the installed detect-secrets and the credential screen's plugin set."""
    from detect_secrets.__version__ import VERSION

    from wizard.core.safety.credentials import detect_secrets_plugins

    return build_table(detect_secrets_plugins(), VERSION)


def main() -> int:
    TABLE_PATH.write_text(json.dumps(current_table(), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {TABLE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
