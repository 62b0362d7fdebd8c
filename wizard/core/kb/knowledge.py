"""The knowledge base: steps, layers, items, questions and failure modes, loaded from data.

The TOML files under ``wizard/core/kb/`` are the single definition of what the wizard asks and
checks. This module only types and indexes them; it holds no domain logic of its own.
The types are frozen dataclasses, checked key by key by ``building`` as they are read: pydantic
would cost every command that asks a question ~100 ms of import and model building. The shape
is also checked against pydantic models of the same files in tests/core/test_kb_schema.py.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any, Literal

from wizard.core.kb import ids
from wizard.core.kb.registry import hosts, kb_bytes
from wizard.core.kb.wording import check_wording, fill
from wizard.core.records import Record, field, fields, record, replace
from wizard.core.tomlfile import loads_toml

Outcome = Literal["pass", "warn", "fail"]
QuestionType = Literal["choice", "multi", "bool", "text", "path", "version", "number"]
AnswerValue = str | bool | float | list[str]

KB_FILES = ("steps.toml", "layers.toml", "items.toml", "questions.toml", "failure_modes.toml")
# Data that changes what an evaluation says without being a question or an item; it belongs to
# the knowledge base's version too.
VERSIONED_FILES = (
    *KB_FILES,
    "hosts.toml",
    "engines.toml",
    "matrix.toml",
    "check_vocabulary.toml",
    "evidence.toml",
)


@record(frozen=True, kw_only=False)
class Step(Record):
    id: str
    title: str
    summary: str
    doc: str


@record(frozen=True, kw_only=False)
class Layer(Record):
    id: str
    title: str
    claim: str
    items: tuple[str, ...]
    doc: str


@record(frozen=True, kw_only=False)
class Item(Record):
    id: str
    title: str
    claim: str
    doc: str
    failure_mode: str | None = None


@record(frozen=True, kw_only=False)
class FailureMode(Record):
    id: str
    symptom: str
    cause: str
    read_first: str


@record(frozen=True, kw_only=False)
class Consequence(Record):
    """What an answer means for the items it feeds."""

    outcome: Outcome
    reason: str


@record(frozen=True, kw_only=False)
class Choice(Record):
    value: str
    label: str
    outcome: Outcome = "pass"
    reason: str = ""
    hosts: tuple[str, ...] = ()

    def offered_for(self, host: str) -> bool:
        return not self.hosts or host in self.hosts


ConditionTable = dict[str, list[Any]]
_CONDITION_KEYS: dict[str, tuple[str, ...]] = {}


@record(frozen=True, kw_only=False)
class Question(Record):
    id: str
    step: str
    type: QuestionType
    prompt: str
    help: str
    doc: str
    items: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    required: bool = True
    when: tuple[ConditionTable, ...] = ()
    depends: tuple[str, ...] = ()
    yes: Consequence | None = None
    no: Consequence | None = None
    choices: tuple[Choice, ...] = ()
    rule: str | None = None
    default: AnswerValue | None = None
    min: float | None = None
    max: float | None = None

    def __post_init__(self) -> None:
        if self.type in ("choice", "multi") and not self.choices:
            raise ValueError(f"question {self.id}: a {self.type} question needs choices")
        if self.type == "bool" and (self.yes is None or self.no is None) and self.rule is None:
            raise ValueError(f"question {self.id}: a bool question needs yes and no outcomes")

    def condition_keys(self) -> tuple[str, ...]:
        # Asked thousands of times per evaluation: computed once per question id.
        cached = _CONDITION_KEYS.get(self.id)
        if cached is None:
            keys = {key for table in self.when for key in table}
            cached = _CONDITION_KEYS[self.id] = tuple(sorted(keys | set(self.depends)))
        return cached

    def choices_for(self, host: str) -> tuple[Choice, ...]:
        """The choices ``host`` offers, their labels written for that host."""
        return tuple(
            replace(choice, label=fill(choice.label, host)) if "{" in choice.label else choice
            for choice in self.choices
            if choice.offered_for(host)
        )

    def choice(self, value: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.value == value), None)

    def render_prompt(self, host: str | None, engine: str | None) -> str:
        return fill(self.prompt, host, engine)

    def render_help(self, host: str | None, engine: str | None) -> str:
        return fill(self.help, host, engine)

    def render_doc(self, host: str | None, engine: str | None = None) -> str:
        """The guide path for ``host`` (``docs/...md``); ``wording.doc_url`` makes it a link."""
        return fill(self.doc, host, engine)


@record(frozen=True, kw_only=False)
class KnowledgeBase(Record):
    """The whole knowledge base, indexed by id, with a version hash sign-offs can bind to."""

    steps: tuple[Step, ...]
    layers: tuple[Layer, ...]
    items: tuple[Item, ...]
    questions: tuple[Question, ...]
    failure_modes: tuple[FailureMode, ...]
    # sha256 over the data files, so a sign-off names the knowledge base it was made with.
    version: str
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {question.id: question for question in self.questions})
        self._references_resolve()
        self._wording_is_known()

    def _wording_is_known(self) -> None:
        # A placeholder no host fills would reach the operator as a literal `{name}`.
        rows: tuple[Any, ...] = (*self.steps, *self.layers, *self.items, *self.failure_modes)
        for row in (*rows, *self.questions, *(c for q in self.questions for c in q.choices)):
            for spec in fields(row):
                value = getattr(row, spec.name)
                if isinstance(value, str) and "{" in value:
                    check_wording(value, f"{type(row).__name__.lower()} {getattr(row, 'id', '')}")

    def _references_resolve(self) -> None:
        step_ids = {step.id for step in self.steps}
        item_ids = {item.id for item in self.items}
        layer_ids = {layer.id for layer in self.layers}
        question_ids = [question.id for question in self.questions]
        if len(question_ids) != len(set(question_ids)):
            raise ValueError("question ids must be unique")
        for question in self.questions:
            if question.step not in step_ids:
                raise ValueError(f"question {question.id}: unknown step {question.step}")
            for item_id in question.items:
                if item_id not in item_ids:
                    raise ValueError(f"question {question.id}: unknown item {item_id}")
            for layer_id in question.layers:
                if layer_id not in layer_ids:
                    raise ValueError(f"question {question.id}: unknown layer {layer_id}")
            for key in question.condition_keys():
                if key not in ("host", "engine") and key not in question_ids:
                    raise ValueError(f"question {question.id}: condition on unknown {key}")
        for name, question_id in ids.named_ids().items():
            if question_id not in question_ids:
                raise ValueError(f"wizard.core.kb.ids.{name}: no question {question_id!r}")
        for layer in self.layers:
            for member in layer.items:
                if member not in item_ids:
                    raise ValueError(f"layer {layer.id}: unknown item {member}")

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)

    def item(self, item_id: str) -> Item:
        return next(item for item in self.items if item.id == item_id)

    def layer(self, layer_id: str) -> Layer:
        return next(layer for layer in self.layers if layer.id == layer_id)

    def question(self, question_id: str) -> Question | None:
        return self._question_index().get(question_id)

    def failure_mode(self, mode_id: str | None) -> FailureMode | None:
        return next((mode for mode in self.failure_modes if mode.id == mode_id), None)

    def questions_for_step(self, step_id: str) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if question.step == step_id)

    def questions_feeding(self, item_id: str) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if item_id in question.items)

    def _question_index(self) -> dict[str, Question]:
        return self._by_id


def _with_host_choices(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each host's own choices (``[[host.choice]]`` in hosts.toml) join their question's list.

    They come first, in registry order, ahead of the choices every host offers.
    """
    extra: dict[str, list[dict[str, Any]]] = {}
    for entry in hosts():
        for choice in entry.choices:
            extra.setdefault(choice.question, []).append(
                {
                    "value": choice.value,
                    "label": choice.label,
                    "outcome": choice.outcome,
                    "reason": choice.reason,
                    "hosts": [entry.id],
                }
            )
    known = {question["id"] for question in questions}
    for question_id in extra:
        if question_id not in known:
            raise ValueError(f"hosts.toml: a host choice names the unknown question {question_id}")
    return [
        {**question, "choices": [*extra[question["id"]], *question.get("choices", [])]}
        if question["id"] in extra
        else question
        for question in questions
    ]


@cache
def load_knowledge() -> KnowledgeBase:
    """Load and validate the knowledge base once per process."""
    from wizard.core.kb.building import build_knowledge_parts  # it builds this module's classes

    raw = {name: kb_bytes(name) for name in VERSIONED_FILES}
    digest = hashlib.sha256()
    for name in VERSIONED_FILES:
        digest.update(name.encode() + b"\0" + raw[name])
    data = {name: loads_toml(raw[name].decode("utf-8")) for name in KB_FILES}
    parts = build_knowledge_parts(
        steps=data["steps.toml"]["step"],
        layers=data["layers.toml"]["layer"],
        items=data["items.toml"]["item"],
        questions=_with_host_choices(data["questions.toml"]["question"]),
        failure_modes=data["failure_modes.toml"]["failure_mode"],
    )
    return KnowledgeBase(**parts, version=digest.hexdigest()[:16])
