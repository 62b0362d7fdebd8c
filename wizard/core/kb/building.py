"""Build the knowledge base's dataclasses from the parsed TOML tables, checking every key.

What pydantic did for these files, by hand: unknown and missing keys are errors, the closed
vocabularies (question types, outcomes) are checked, lists become tuples and whole numbers in
number fields become floats. tests/core/test_kb_schema.py validates the same files with
pydantic models and compares the result, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from wizard.core.kb.knowledge import (
    Choice,
    Consequence,
    FailureMode,
    Item,
    Layer,
    Outcome,
    Question,
    QuestionType,
    Step,
)
from wizard.core.records import MISSING, fields

OUTCOMES = frozenset(get_args(Outcome))
QUESTION_TYPES = frozenset(get_args(QuestionType))
TUPLE_FIELDS = frozenset({"items", "layers", "depends", "hosts"})
NUMBER_FIELDS = frozenset({"min", "max", "default"})


def _checked(cls: type, data: Any, where: str) -> dict[str, Any]:
    """``data``'s keys against ``cls``'s fields: none unknown, every required one present."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected a table, got {type(data).__name__}")
    names = {f.name: f for f in fields(cls) if f.init}
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = [
        name
        for name, spec in names.items()
        if name not in data and spec.default is MISSING and spec.factory is MISSING
    ]
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in TUPLE_FIELDS:
            value = tuple(_text(item, f"{where}.{key}") for item in value)
        elif key in NUMBER_FIELDS and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        elif key in ("id", "title", "doc", "prompt", "help", "label", "value", "reason"):
            value = _text(value, f"{where}.{key}")
        values[key] = value
    return values


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected text, got {value!r}")
    return value


def _outcome(value: Any, where: str) -> Any:
    if value not in OUTCOMES:
        raise ValueError(f"{where}: outcome must be one of {', '.join(sorted(OUTCOMES))}")
    return value


def _consequence(data: Any, where: str) -> Consequence:
    values = _checked(Consequence, data, where)
    return Consequence(outcome=_outcome(values["outcome"], where), reason=values["reason"])


def _choice(data: Any, where: str) -> Choice:
    values = _checked(Choice, data, where)
    if "outcome" in values:
        _outcome(values["outcome"], where)
    return Choice(**values)


def _question(data: Any, index: int) -> Question:
    where = (
        f"questions.toml: question {data.get('id', index) if isinstance(data, Mapping) else index}"
    )
    values = _checked(Question, data, where)
    if values["type"] not in QUESTION_TYPES:
        raise ValueError(f"{where}: type must be one of {', '.join(sorted(QUESTION_TYPES))}")
    # A single table means "all of these"; a list of tables means "any of these".
    when = values.get("when", ())
    values["when"] = tuple([when] if isinstance(when, Mapping) else when)
    for key in ("yes", "no"):
        if values.get(key) is not None:
            values[key] = _consequence(values[key], f"{where}.{key}")
    values["choices"] = tuple(
        _choice(choice, f"{where}.choices[{number}]")
        for number, choice in enumerate(values.get("choices", ()))
    )
    if "required" in values and not isinstance(values["required"], bool):
        raise ValueError(f"{where}.required: expected true or false")
    return Question(**values)


def _plain(cls: type, rows: list[Any], file: str) -> tuple[Any, ...]:
    return tuple(cls(**_checked(cls, row, f"{file}[{index}]")) for index, row in enumerate(rows))


def build_knowledge_parts(
    *,
    steps: list[Any],
    layers: list[Any],
    items: list[Any],
    questions: list[Any],
    failure_modes: list[Any],
) -> dict[str, tuple[Any, ...]]:
    """The knowledge base's parts, each row checked; cross-references are its own check."""
    return {
        "steps": _plain(Step, steps, "steps.toml"),
        "layers": _plain(Layer, layers, "layers.toml"),
        "items": _plain(Item, items, "items.toml"),
        "questions": tuple(_question(row, index) for index, row in enumerate(questions)),
        "failure_modes": _plain(FailureMode, failure_modes, "failure_modes.toml"),
    }
