"""The live checklist: nine items and six layers, rendered only from the core's Evaluation."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.core.evaluation.evaluate import Evaluation
from wizard.core.safety.terminal import one_line
from wizard.tui.messages import ItemChosen
from wizard.tui.status import line, symbol
from wizard.tui.widgets.option_lists import SturdyOptionList


def verdict_content(evaluation: Evaluation, *, compact: bool = False) -> Content:
    counts = evaluation.counts()
    tally = " ".join(f"{n} {status}" for status, n in counts.items() if n)
    # In the slim pane the tally gets its own line rather than wrapping mid-count.
    gap = "\n" if compact else "  "
    if evaluation.ready:
        return Content.assemble(Content.styled("READY", "bold $text-success"), gap, tally)
    return Content.assemble(Content.styled("NOT READY", "bold $text-error"), gap, tally)


LAYER_CELL = 13
# Narrower than this (the pane at 80 columns), an item's row is its symbol and title only: the
# symbols differ per status, so it still reads without colour, and the question gets the room.
FULL_ROW_WIDTH = 29


def layers_content(evaluation: Evaluation, *, compact: bool = False) -> Content:
    """Two layers a line, each a symbol and a title, so six layers take three lines."""
    cell = 1 + max((len(layer.title) for layer in evaluation.layers[::2]), default=0)
    cells: list[Content] = []
    for layer in evaluation.layers:
        title = layer.title.ljust(cell if compact else LAYER_CELL)
        cells.append(Content.assemble(symbol(layer.status), " ", title))
    rows = [Content.assemble(*cells[i : i + 2]) for i in range(0, len(cells), 2)]
    return Content("\n").join([Content.styled("Layers", "bold $foreground-muted"), *rows])


def item_row(status: str, title: str, *, compact: bool) -> Content:
    if compact:
        return Content.assemble(symbol(status), " ", title)
    return line(status, title)


WHY_REASONS = 4


def _bullet(text: str, width: int) -> str:
    """A reason as a bullet whose wrapped lines stay indented under its first word."""
    if width <= 6:
        return f"  - {text}"
    return "\n".join(textwrap.wrap(text, width, initial_indent="  - ", subsequent_indent="    "))


def why_content(evaluation: Evaluation, item_ids: tuple[str, ...], width: int = 0) -> Content:
    """What holds the current question's items where they are, from the evaluation's reasons.

    Shown only where the pane has room (a wide terminal), so the space says something useful.
    """
    parts: list[Content] = [Content.styled("This question reports to", "bold $foreground-muted")]
    for item in (evaluation.item(item_id) for item_id in item_ids):
        parts.append(item_row(item.status, item.title, compact=True))
        shown = item.reasons[:WHY_REASONS]
        parts.extend(
            Content.styled(_bullet(one_line(reason), width), "$foreground-muted")
            for reason in shown
        )
        if len(item.reasons) > len(shown):
            more = len(item.reasons) - len(shown)
            hint = f"  (+{more} more: Enter on the item)"
            parts.append(Content.styled(hint, "$foreground-muted"))
    return Content("\n").join(parts)


class ItemList(SturdyOptionList):
    """The nine items; Enter opens why an item has its status."""


class ChecklistPane(VerticalScroll):
    evaluation: reactive[Evaluation | None] = reactive(None, always_update=True)
    # The checklist items the question on screen reports to, for the "why" block.
    watching: reactive[tuple[str, ...]] = reactive((), always_update=True)

    _compact: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield ItemList(id="items")
        yield Static(id="layers")
        yield Static(id="why")

    def on_mount(self) -> None:
        self.border_title = "Checklist"
        self.watch_evaluation(self.evaluation)

    def on_resize(self) -> None:
        if (0 < self.scrollable_content_region.width < FULL_ROW_WIDTH) != self._compact:
            self.watch_evaluation(self.evaluation)

    def watch_evaluation(self, evaluation: Evaluation | None) -> None:
        if evaluation is None or not self.is_mounted:
            return
        width = self.scrollable_content_region.width
        compact = self._compact = 0 < width < FULL_ROW_WIDTH
        items = self.query_one(ItemList)
        highlighted = items.highlighted
        items.set_options(
            Option(item_row(item.status, item.title, compact=compact), id=item.id)
            for item in evaluation.items
        )
        items.highlighted = highlighted
        self.query_one("#verdict", Static).update(verdict_content(evaluation, compact=compact))
        self.query_one("#layers", Static).update(layers_content(evaluation, compact=compact))
        self.watch_watching(self.watching)

    def watch_watching(self, item_ids: tuple[str, ...]) -> None:
        if self.evaluation is None or not self.is_mounted:
            return
        listed = {item.id for item in self.evaluation.items}
        known = tuple(item_id for item_id in item_ids if item_id in listed)
        why = self.query_one("#why", Static)
        why.display = bool(known)
        width = self.scrollable_content_region.width
        why.update(why_content(self.evaluation, known, width) if known else "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ItemChosen(event.option.id))

    def shown_line(self, item_id: str) -> str:
        """The plain text of an item's row, exactly as the operator reads it."""
        items = self.query_one(ItemList)
        prompt = items.get_option(item_id).prompt
        return prompt.plain if isinstance(prompt, Content) else str(prompt)
