"""The six steps of the production pattern, with how many of each step's questions are done."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.tui.messages import StepChosen
from wizard.tui.widgets.option_lists import SturdyOptionList


@dataclass(frozen=True)
class StepRow:
    step_id: str
    number: int
    title: str
    answered: int
    total: int
    needs_attention: bool


@dataclass(frozen=True)
class NavigatorState:
    rows: tuple[StepRow, ...]
    current_step: str | None


# Below this width only numbers and counts are shown; the question pane names the step.
TITLE_MIN_WIDTH = 18


def _hanging(title: str, prefix: str, width: int) -> str:
    """The title wrapped to ``width`` with continuation lines indented under its first word.

    Left to the option list, a long title wraps back to the first column, under the number.
    """
    indent = " " * len(prefix)
    lines = textwrap.wrap(title, max(width - len(prefix), 1), break_long_words=False) or [""]
    return prefix + f"\n{indent}".join(lines)


def _row_content(row: StepRow, current: bool, width: int) -> Content:
    if row.needs_attention:
        mark = Content.styled("!", "$text-warning")
    elif row.total and row.answered == row.total:
        mark = Content.styled("✓", "$text-success")
    else:
        mark = Content(" ")
    pointer = "▸" if current else " "
    counts = Content.styled(f"{row.answered}/{row.total}", "$foreground-muted")
    prefix = f"{pointer}{row.number} "
    if width < TITLE_MIN_WIDTH:  # also before the first layout (0): the resize redraws it
        return Content.assemble(prefix, mark, " ", counts)
    return Content.assemble(f"{_hanging(row.title, prefix, width)}\n   ", mark, " ", counts)


class StepNavigator(SturdyOptionList):
    """Enter (or a click) on a step posts StepChosen; the screen decides which question opens."""

    state: reactive[NavigatorState | None] = reactive(None, always_update=True)

    _drawn_width: int | None = None

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._drawn_width:
            self.watch_state(self.state)

    def watch_state(self, state: NavigatorState | None) -> None:
        if state is None:
            return
        highlighted = self.highlighted
        width = self._drawn_width = self.scrollable_content_region.width
        self.set_options(
            Option(_row_content(row, row.step_id == state.current_step, width), id=row.step_id)
            for row in state.rows
        )
        if not self.has_focus or highlighted is None:
            ids = [row.step_id for row in state.rows]
            if state.current_step in ids:
                highlighted = ids.index(state.current_step)
        self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(StepChosen(event.option.id))
