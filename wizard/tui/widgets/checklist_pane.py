"""The live checklist: nine items and six layers, rendered only from the core's Evaluation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.core.evaluation.evaluate import Evaluation
from wizard.tui.messages import ItemChosen
from wizard.tui.status import SYMBOLS, THEME_COLOURS, line
from wizard.tui.widgets.option_lists import SturdyOptionList


def verdict_content(evaluation: Evaluation) -> Content:
    counts = evaluation.counts()
    tally = " ".join(f"{n} {status}" for status, n in counts.items() if n)
    if evaluation.ready:
        return Content.assemble(Content.styled("READY", "bold $text-success"), "  ", tally)
    return Content.assemble(Content.styled("NOT READY", "bold $text-error"), "  ", tally)


LAYER_CELL = 13


def layers_content(evaluation: Evaluation) -> Content:
    """Two layers a line, each a symbol and a title, so six layers take three lines."""
    cells: list[Content] = []
    for layer in evaluation.layers:
        mark = Content.styled(SYMBOLS[layer.status], THEME_COLOURS[layer.status])
        cells.append(Content.assemble(mark, " ", layer.title.ljust(LAYER_CELL)))
    rows = [Content.assemble(*cells[i : i + 2]) for i in range(0, len(cells), 2)]
    return Content("\n").join([Content.styled("Layers", "bold $foreground-muted"), *rows])


class ItemList(SturdyOptionList):
    """The nine items; Enter opens why an item has its status."""


class ChecklistPane(VerticalScroll):
    evaluation: reactive[Evaluation | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield ItemList(id="items")
        yield Static(id="layers")

    def on_mount(self) -> None:
        self.border_title = "Checklist"
        self.watch_evaluation(self.evaluation)

    def watch_evaluation(self, evaluation: Evaluation | None) -> None:
        if evaluation is None or not self.is_mounted:
            return
        items = self.query_one(ItemList)
        highlighted = items.highlighted
        items.set_options(
            Option(line(item.status, item.title), id=item.id) for item in evaluation.items
        )
        items.highlighted = highlighted
        self.query_one("#verdict", Static).update(verdict_content(evaluation))
        self.query_one("#layers", Static).update(layers_content(evaluation))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ItemChosen(event.option.id))

    def shown_line(self, item_id: str) -> str:
        """The plain text of an item's row, exactly as the operator reads it."""
        items = self.query_one(ItemList)
        prompt = items.get_option(item_id).prompt
        return prompt.plain if isinstance(prompt, Content) else str(prompt)
