"""Keystrokes an operator would type for each question, worked out from the knowledge base.

The widgets are questionary's: lists take a shortcut key then Enter (the keys are the digits in
order, since b, s and q are reserved for back, skip and quit), checkboxes take Space to tick and
Down to move, text takes the characters (after Ctrl-U clears any pre-filled answer) and Enter.
"""

from __future__ import annotations

from wizard.core.kb.knowledge import AnswerValue, load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
CLEAR_LINE = "\x15"
CTRL_C = "\x03"
# questionary's shortcut alphabet without the keys the prompt mode reserves for its commands.
SHORTCUTS = [key for key in "1234567890abcdefghijklmnopqrstuvwxyz" if key not in "bsq"]
COMMAND_KEYS = {"back": "b", "skip": "s", "quit": "q"}
COMMAND_ORDER = ("back", "skip", "quit")


def setup(title: str, host: str, engine: str = "truthound") -> str:
    """Title, host and engine for a review file that does not exist yet."""
    return (
        CLEAR_LINE
        + title
        + ENTER
        + SHORTCUTS[host_ids().index(host)]
        + ENTER
        + SHORTCUTS[engine_ids().index(engine)]
        + ENTER
    )


def command(question_id: str, name: str, host: str) -> str:
    """Back, skip or quit at this question, the way its widget offers it."""
    question = load_knowledge().question(question_id)
    assert question is not None
    if question.type in ("choice", "bool"):
        return COMMAND_KEYS[name] + ENTER
    if question.type == "multi":
        # From the first choice: past every choice (the separator is skipped) to the command.
        moves = len(question.choices_for(host)) + COMMAND_ORDER.index(name)
        return DOWN * moves + SPACE + ENTER
    return CLEAR_LINE + f":{name}" + ENTER


def answer(
    question_id: str, value: AnswerValue, host: str, *, current: AnswerValue | None = None
) -> str:
    """Keys that answer ``question_id`` with ``value``; ``current`` is what is pre-selected."""
    question = load_knowledge().question(question_id)
    assert question is not None, question_id
    if question.type == "bool":
        return ("y" if value else "n") + ENTER
    offered = [choice.value for choice in question.choices_for(host)]
    if question.type == "choice":
        return SHORTCUTS[offered.index(str(value))] + ENTER
    if question.type == "multi":
        assert isinstance(value, list)
        start = current if current is not None else question.default
        ticked = set(start) if isinstance(start, list) else set()
        keys = ""
        for choice in offered:
            if (choice in value) != (choice in ticked):
                keys += SPACE
            keys += DOWN
        return keys + ENTER
    return CLEAR_LINE + str(value) + ENTER
