"""One knowledge-base question rendered as one questionary prompt, from the question's data alone.

Nothing here knows a question by id: the type picks the widget, the knowledge base supplies the
prompt, choices and default, and validation is the core's ``parse_answer`` so every message the
operator sees is the same one the TUI and ``answer`` give.

Conventions for moving through the review (documented in docs/prompt.md):
- in lists (choice, bool) the last entries are ``back``, ``skip`` and ``quit``, reachable with the
  arrow keys or their shortcut keys ``b``, ``s`` and ``q``;
- in checkboxes (multi) the same three entries follow the choices; ticking one moves on and
  saves nothing from that screen;
- in text answers the operator types ``:back``, ``:skip`` or ``:quit``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

import questionary
from questionary import Choice, Separator

from wizard.core.errors import AnswerRejected
from wizard.core.kb.knowledge import AnswerValue, Question
from wizard.core.review.answers import parse_answer
from wizard.core.review.values import format_value


class Command(Enum):
    """A request to move through the review instead of answering."""

    BACK = "back"
    SKIP = "skip"
    QUIT = "quit"


TYPED_COMMANDS: dict[str, Command] = {f":{command.value}": command for command in Command}
COMMAND_KEYS: dict[Command, str] = {Command.BACK: "b", Command.SKIP: "s", Command.QUIT: "q"}
COMMAND_LABELS: dict[Command, str] = {
    Command.BACK: "back: the previous question",
    Command.SKIP: "skip: leave this unanswered for now",
    Command.QUIT: "quit: stop here (everything answered is saved)",
}
TEXT_HINT = "(:back, :skip, :quit)"
MULTI_HINT = "(space ticks, enter confirms; tick back, skip or quit to move on without saving)"


def wrapped(text: str, width: int) -> str:
    """``text`` wrapped at word boundaries, each line keeping its leading indent; a word longer
    than the line (a path, a URL) stays whole on a line of its own rather than being cut."""
    width = max(width - 1, 20)  # the last column makes some terminals wrap by themselves
    lines = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        lines.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=indent + ("  " if line.lstrip().startswith(("•", "-")) else ""),
                break_long_words=False,
                break_on_hyphens=False,
            )
            if line.strip()
            else line
        )
    return "\n".join(lines)


def typed_command(text: str) -> Command | None:
    return TYPED_COMMANDS.get(text.strip().lower())


def command_entries(*, with_shortcuts: bool) -> list[Choice | Separator]:
    entries: list[Choice | Separator] = [Separator()]
    for command in Command:
        key: str | bool = COMMAND_KEYS[command] if with_shortcuts else False
        entries.append(Choice(COMMAND_LABELS[command], command, shortcut_key=key))
    return entries


def text_validator(question: Question, host: str) -> Callable[[str], bool | str]:
    """True when the text is a command or a valid answer; otherwise the core's reason."""

    def validate(text: str) -> bool | str:
        if typed_command(text) is not None:
            return True
        try:
            parse_answer(question, text, host)
        except AnswerRejected as rejected:
            return rejected.message
        return True

    return validate


def multi_validator(question: Question, host: str) -> Callable[[list[Any]], bool | str]:
    def validate(picked: list[Any]) -> bool | str:
        commands = [entry for entry in picked if isinstance(entry, Command)]
        if len(commands) > 1:
            return "tick only one of back, skip and quit"
        if commands:
            return True  # the command wins; ticks made on this screen are not saved
        try:
            parse_answer(question, picked, host)
        except AnswerRejected as rejected:
            return rejected.message
        return True

    return validate


def _select(
    message: str, entries: Sequence[Choice | Separator], default: object
) -> questionary.Question:
    # The pointer starts on the default only when it is still offered (a host change can
    # withdraw a choice); questionary refuses an unknown default.
    pointed = next(
        (entry for entry in entries if not isinstance(entry, Separator) and entry.value == default),
        None,
    )
    return questionary.select(
        message,
        choices=list(entries),
        default=pointed,
        use_shortcuts=True,
        # j and k would be taken by shortcuts in long lists; arrows and shortcuts suffice.
        use_jk_keys=False,
    )


def render(
    question: Question,
    *,
    host: str,
    engine: str,
    current: AnswerValue | None,
    width: int = 80,
) -> questionary.Question:
    """The questionary prompt for ``question``; ``current`` pre-selects or pre-fills a value.

    The message is wrapped here (questionary's "? " comes before it) because prompt_toolkit
    would otherwise break it at the terminal's edge, in the middle of a word."""
    message = wrapped(question.render_prompt(host, engine), width - 2)
    default = current if current is not None else question.default
    if question.type == "choice":
        entries: list[Choice | Separator] = [
            Choice(choice.label, choice.value) for choice in question.choices_for(host)
        ]
        return _select(message, entries + command_entries(with_shortcuts=True), default)
    if question.type == "bool":
        entries = [Choice("yes", True, shortcut_key="y"), Choice("no", False, shortcut_key="n")]
        return _select(message, entries + command_entries(with_shortcuts=True), default)
    if question.type == "multi":
        ticked = set(default) if isinstance(default, list) else set()
        entries = [
            Choice(choice.label, choice.value, checked=choice.value in ticked)
            for choice in question.choices_for(host)
        ]
        return questionary.checkbox(
            message,
            choices=entries + command_entries(with_shortcuts=False),
            validate=multi_validator(question, host),
            instruction=MULTI_HINT,
        )
    optional = "" if question.required else " (optional: Enter leaves it empty)"
    return questionary.text(
        message,
        default=format_value(default),
        validate=text_validator(question, host),
        instruction=f"{TEXT_HINT}{optional}",
    )


def interpret(question: Question, result: Any, host: str) -> Command | AnswerValue:
    """Turn what the widget returned into a command or a validated value."""
    if isinstance(result, Command):
        return result
    if isinstance(result, list):
        commands = [entry for entry in result if isinstance(entry, Command)]
        if commands:
            return commands[0]
    if isinstance(result, str):
        command = typed_command(result)
        if command is not None:
            return command
    return parse_answer(question, result, host)


def ask_note(question_id: str) -> str | None:
    """An optional note after an answer; one that looks like a credential is refused."""
    from wizard.core.safety.credentials import find_credentials

    def validate(text: str) -> bool | str:
        if find_credentials(text):
            return "the note looks like it holds a credential; name the secret instead"
        return True

    note = questionary.text(
        f"Note for {question_id} (optional, Enter for none):", validate=validate
    ).unsafe_ask()
    return str(note).strip() or None
