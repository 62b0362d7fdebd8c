"""One combined regex in front of detect-secrets' regex plugins.

Twenty-odd of the default plugins are ``RegexBasedDetector`` subclasses that keep the base
``analyze_string`` and ``analyze_line``: they report something only when one of their
``denylist`` patterns matches the line. A regex alternation matches a line exactly when one of
its alternatives does, so one search with every such pattern (one alternation per flag set)
decides whether any of those plugins can report anything; only lines it matches are handed to
them. Patterns that cannot be combined safely (back-references, inline flags) leave their
plugin outside the gate, run on every line as before. The plugins themselves still decide, so
the findings are the same; ``tests/scan/test_prefilter.py`` checks it on the whole corpus.

A long alternation is itself slow (it tries every alternative at every position), so patterns
whose every match holds some literal (``AKIA``, ``://``, ``BEGIN RSA PRIVATE KEY``, see
``required_literals.py``) are searched only on lines that hold one of those literals, found by
one search for the literals alone; the few without (an IPv4 address, a Telegram token) are
searched on every line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector

from wizard.core.safety.required_literals import required_literals

_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


class RegexGate:
    """Splits plugins into those behind the gate and those that always run."""

    def __init__(self, candidates: list[Any], plugins: list[Any]) -> None:
        """``candidates``: the plugins that may go behind the gate (none: no gate at all)."""
        self.all = list(plugins)
        self.always: list[Any] = []
        self.gated: list[Any] = []
        patterns: list[re.Pattern[str]] = []
        for plugin in plugins:
            kind = type(plugin)
            if (
                plugin in candidates
                and isinstance(plugin, RegexBasedDetector)
                and kind.analyze_string is RegexBasedDetector.analyze_string
                and kind.analyze_line is BasePlugin.analyze_line
                and not any(_UNSAFE.search(regex.pattern) for regex in plugin.denylist)
            ):
                self.gated.append(plugin)
                patterns.extend(plugin.denylist)
            else:
                self.always.append(plugin)
        self._screened, self._searched = _split_by_literals(patterns)
        self._literals = [
            re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
            if words
            else None
            for words in (self._screened.exact, self._screened.folded)
        ]

    def plugins_for(self, line: str) -> list[Any]:
        """The plugins that could report something on ``line``, in detect-secrets' order."""
        if any(gate.search(line) for gate in self._searched):
            return self.all
        if (
            self._screened.gates
            and self._holds_literal(line)
            and any(gate.search(line) for gate in self._screened.gates)
        ):
            return self.all
        return self.always

    def _holds_literal(self, line: str) -> bool:
        exact, folded = self._literals
        if exact is not None and exact.search(line):
            return True
        if folded is None:
            return False
        # Lowered ASCII compares as the regex engine's case folding does; other text may fold
        # into a literal in ways str.lower does not, so it goes to the patterns.
        return not line.isascii() or folded.search(line.lower()) is not None


@dataclass
class _Screened:
    """Patterns that need one of a set of literals, combined, and the literals themselves."""

    gates: list[re.Pattern[str]] = field(default_factory=list)
    exact: set[str] = field(default_factory=set)
    folded: set[str] = field(default_factory=set)


def _combined(patterns: list[re.Pattern[str]]) -> list[re.Pattern[str]]:
    by_flags: dict[int, list[str]] = defaultdict(list)
    for regex in patterns:
        by_flags[regex.flags].append(regex.pattern)
    return [
        re.compile("|".join(f"(?:{pattern})" for pattern in group), flags)
        for flags, group in by_flags.items()
    ]


def _split_by_literals(
    patterns: list[re.Pattern[str]],
) -> tuple[_Screened, list[re.Pattern[str]]]:
    """Patterns whose every match holds a literal of two or more characters (searched only on
    lines holding one), and the rest (searched on every line)."""
    screened = _Screened()
    always: list[re.Pattern[str]] = []
    with_literals: list[re.Pattern[str]] = []
    for regex in patterns:
        literals = required_literals(regex)
        # One character (a dot, a colon) is on nearly every line: screening by it costs more.
        if literals is None or min(map(len, literals.words)) < 2:
            always.append(regex)
            continue
        with_literals.append(regex)
        (screened.folded if literals.folded else screened.exact).update(literals.words)
    screened.gates = _combined(with_literals)
    return screened, _combined(always)
