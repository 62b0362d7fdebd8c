"""One combined regex in front of detect-secrets' regex plugins.

Twenty-odd of the default plugins are ``RegexBasedDetector`` subclasses that keep the base
``analyze_string`` and ``analyze_line``: they report something only when one of their
``denylist`` patterns matches the line. A regex alternation matches a line exactly when one of
its alternatives does, so one search with every such pattern (one alternation per flag set)
decides whether any of those plugins can report anything; only lines it matches are handed to
them. Patterns that cannot be combined safely (back-references, inline flags) leave their
plugin outside the gate, run on every line as before. The plugins themselves still decide, so
the findings are the same; ``tests/scan/test_prefilter.py`` checks it on the whole corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector

_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


class RegexGate:
    """Splits plugins into those behind the gate and those that always run."""

    def __init__(self, candidates: list[Any], plugins: list[Any]) -> None:
        """``candidates``: the plugins that may go behind the gate (none: no gate at all)."""
        self.all = list(plugins)
        self.always: list[Any] = []
        self.gated: list[Any] = []
        patterns: dict[int, list[str]] = defaultdict(list)
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
                for regex in plugin.denylist:
                    patterns[regex.flags].append(regex.pattern)
            else:
                self.always.append(plugin)
        self._gates = [
            re.compile("|".join(f"(?:{pattern})" for pattern in group), flags)
            for flags, group in patterns.items()
        ]

    def plugins_for(self, line: str) -> list[Any]:
        """The plugins that could report something on ``line``, in detect-secrets' order."""
        if any(gate.search(line) for gate in self._gates):
            return self.all
        return self.always
