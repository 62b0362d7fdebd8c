"""Answering a choice or a yes/no question: highlight an option, Enter submits it."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wizard.core.kb.knowledge import AnswerValue, Question
from wizard.tui.widgets.answer_events import AnswerReady
from wizard.tui.widgets.glyph_toggles import RADIO_OFF, RADIO_ON
from wizard.tui.widgets.option_lists import SturdyOptionList

YES_NO = (("yes", "Yes"), ("no", "No"))


def _offered(question: Question, host: str) -> list[tuple[str, str]]:
    if question.type == "bool":
        return list(YES_NO)
    return [(choice.value, choice.label) for choice in question.choices_for(host)]


def _prefill_id(question: Question, prefill: AnswerValue | None) -> str | None:
    if isinstance(prefill, bool):
        return "yes" if prefill else "no"
    return prefill if isinstance(prefill, str) else None


class ChoiceAnswer(SturdyOptionList):
    """One option per choice the host offers (the core's ``choices_for``), or Yes / No.

    One instance is reused for every choice question, so moving on never remounts widgets.
    """

    question: Question | None = None
    _labels: tuple[str, ...] = ()

    def load(self, question: Question, host: str, prefill: AnswerValue | None) -> None:
        self.question = question
        offered = _offered(question, host)
        self._labels = tuple(label for _, label in offered)
        ids = [value for value, _ in offered]
        wanted = _prefill_id(question, prefill)
        chosen = ids.index(wanted) if wanted in ids else 0
        self.set_options(
            Option(self._marked(index, chosen), id=value)
            for index, (value, _) in enumerate(offered)
        )
        self.highlighted = chosen

    def _marked(self, index: int, chosen: int | None) -> str:
        # The choice Enter would save carries the dot, so it reads without colour too.
        return f"{RADIO_ON if index == chosen else RADIO_OFF} {self._labels[index]}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        for index in range(min(self.option_count, len(self._labels))):
            self.replace_option_prompt_at_index(index, self._marked(index, self.highlighted))

    def raw_value(self) -> object:
        option = self.highlighted_option
        return option.id if option is not None else ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerReady())
