"""Option lists that survive being squeezed to no width, and pick a row when focused.

Textual's ``OptionList.get_content_height`` wraps each option to ``width - padding``; when a
pane is squeezed until that is exactly zero, Rich is asked to chop text into zero-wide pieces
and raises ``ValueError: range() arg 3 must not be zero`` (the crash at 50x12 and 60x16). A
list that narrow shows nothing anyway, so it counts one line per option instead.

A list focused with nothing highlighted ignores Enter until an arrow is pressed; highlighting
the first row on focus makes ``ctrl+t`` then Enter open the first item at once.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import OptionList

from wizard.tui.widgets.glyph_toggles import GlyphSelectionList


def _narrow_height(widget: OptionList, width: int) -> int | None:
    padding = widget.get_component_styles("option-list--option").padding.width
    return widget.option_count if width - padding <= 0 else None


def _highlight_first(widget: OptionList) -> None:
    if widget.highlighted is None and widget.option_count:
        widget.highlighted = 0


class SturdyOptionList(OptionList):
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        narrow = _narrow_height(self, width)
        return super().get_content_height(container, viewport, width) if narrow is None else narrow

    def on_focus(self) -> None:
        _highlight_first(self)


class SturdySelectionList(GlyphSelectionList):
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        narrow = _narrow_height(self, width)
        return super().get_content_height(container, viewport, width) if narrow is None else narrow

    def on_focus(self) -> None:
        _highlight_first(self)
