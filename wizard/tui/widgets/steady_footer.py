"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes (new key widgets, each styled again) on every change of the
screen's bindings, which happens at every focus move: opening a review moved focus often
enough to rebuild it about ten times before the operator saw anything (docs/performance.md).
This one compares what it would show with what it shows and skips the rebuild when they match.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, bool, str], ...]


def _shown(screen: Screen[Any]) -> Shown:
    return tuple(
        (binding.key, binding.description, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class SteadyFooter(Footer):
    _drawn: Shown | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = _shown(screen)
            if shown == self._drawn:
                return
            self._drawn = shown
        super().bindings_changed(screen)
