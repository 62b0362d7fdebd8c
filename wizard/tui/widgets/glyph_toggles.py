"""Selected state told by a glyph, not by colour alone (legible under ``NO_COLOR`` too).

Textual draws radio buttons, checkboxes and selection-list boxes as the same character whether
on or off, and tells the two apart by colour only. These draw ``(•)`` / ``( )`` for a radio
choice and ``[x]`` / ``[ ]`` for a checkbox, three cells wide like the originals.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.selection_list import Selection

RADIO_ON, RADIO_OFF = "(•)", "( )"
BOX_ON, BOX_OFF = "[x]", "[ ]"


def _glyph(widget: RadioButton | Checkbox, on: str, off: str) -> Content:
    button_style = widget.get_visual_style("toggle--button")
    return Content.styled(on if widget.value else off, button_style)


class GlyphRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        return _glyph(self, RADIO_ON, RADIO_OFF)


class GlyphCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        return _glyph(self, BOX_ON, BOX_OFF)


def box_segments(line: Strip, selected: bool) -> Strip:
    """Replace the three-cell box Textual's SelectionList draws before a row by ``[x]``/``[ ]``."""
    segments = list(line)
    if len(segments) < 4:
        return line
    glyph = BOX_ON if selected else BOX_OFF
    plain = segments[3].style
    boxed = [
        Segment(glyph[0], plain),
        Segment(glyph[1], segments[1].style),
        Segment(glyph[2], plain),
    ]
    return Strip([*boxed, *segments[3:]])


class GlyphSelectionList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if index >= self.option_count:
            return line
        option = self.get_option_at_index(index)
        chosen = isinstance(option, Selection) and option.value in self.selected
        return box_segments(line, chosen)
