"""Cheap per-line tests in front of the plugins the regex gate cannot hold back.

Four default plugins run on every line the regex gate (``prefilter.py``) lets through and on
every line it does not: the keyword detector, the two high-entropy string plugins and the JWT
detector. Each has a necessary condition (``wizard.core.safety.plugin_conditions``, where the
reasoning is written down) that costs a substring test or one short regex, far less than the
plugin (the keyword detector alone tries up to seven long regexes per line). Here only the
cheap half of a condition is tested: its literals when it has some (the keyword detector's
denylist words, JWT's ``eyJ``), otherwise its patterns (the entropy plugins' quoted run); the
plugin itself still does the rest.

A plugin without a condition gets no screen and runs on every line as before.
``tests/scan/test_line_screen.py`` checks on the whole corpus that the screen hides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wizard.core.evidence.scan.prefilter import RegexGate
from wizard.core.safety.plugin_conditions import Condition, condition_for

LineCheck = Callable[[str, str], bool]  # (line, lowered line) -> could the plugin report here


def _check(condition: Condition) -> LineCheck:
    words, patterns = condition.literals, condition.patterns
    if words and condition.folded:
        return lambda line, lowered: not line.isascii() or any(w in lowered for w in words)
    if words:
        return lambda line, lowered: any(word in line for word in words)
    if patterns:
        return lambda line, lowered: any(regex.search(line) for regex in patterns)
    return lambda line, lowered: True  # a condition without either holds on every line


def screen_for(plugin: Any) -> LineCheck | None:
    """The plugin's cheap check, or None (no screen: it runs on every line)."""
    condition = condition_for(plugin)
    return None if condition is None else _check(condition)


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
