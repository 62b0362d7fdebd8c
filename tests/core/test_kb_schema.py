"""The knowledge base's dataclasses hold what a pydantic schema of the same files would hold.

The run time builds plain frozen dataclasses (``wizard.core.kb.building``) so that commands do not
pay for pydantic; these models are the schema written the declarative way, run over the real
files, and the two results must agree field for field.
"""

from __future__ import annotations

import tomllib
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, model_validator

from wizard.core.kb.building import build_knowledge_parts
from wizard.core.kb.knowledge import KB_FILES, _with_host_choices, load_knowledge
from wizard.core.kb.registry import kb_bytes
from wizard.core.records import asdict

Outcome = Literal["pass", "warn", "fail"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepSchema(_Strict):
    id: str
    title: str
    summary: str
    doc: str


class LayerSchema(_Strict):
    id: str
    title: str
    claim: str
    items: tuple[str, ...]
    doc: str


class ItemSchema(_Strict):
    id: str
    title: str
    claim: str
    doc: str
    failure_mode: str | None = None


class FailureModeSchema(_Strict):
    id: str
    symptom: str
    cause: str
    read_first: str


class ConsequenceSchema(_Strict):
    outcome: Outcome
    reason: str


class ChoiceSchema(_Strict):
    value: str
    label: str
    outcome: Outcome = "pass"
    reason: str = ""
    hosts: tuple[str, ...] = ()


class QuestionSchema(_Strict):
    id: str
    step: str
    type: Literal["choice", "multi", "bool", "text", "path", "version", "number"]
    prompt: str
    help: str
    doc: str
    items: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    required: bool = True
    when: tuple[dict[str, list[Any]], ...] = ()
    depends: tuple[str, ...] = ()
    yes: ConsequenceSchema | None = None
    no: ConsequenceSchema | None = None
    choices: tuple[ChoiceSchema, ...] = ()
    rule: str | None = None
    default: str | bool | float | list[str] | None = None
    min: float | None = None
    max: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _when_as_list(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("when"), dict):
            data = {**data, "when": [data["when"]]}
        return data


SCHEMAS = {
    "steps": (StepSchema, "steps.toml", "step"),
    "layers": (LayerSchema, "layers.toml", "layer"),
    "items": (ItemSchema, "items.toml", "item"),
    "questions": (QuestionSchema, "questions.toml", "question"),
    "failure_modes": (FailureModeSchema, "failure_modes.toml", "failure_mode"),
}


def _raw() -> dict[str, list[Any]]:
    data = {name: tomllib.loads(kb_bytes(name).decode("utf-8")) for name in KB_FILES}
    raw = {part: data[file][table] for part, (_, file, table) in SCHEMAS.items()}
    raw["questions"] = _with_host_choices(raw["questions"])
    return raw


def test_the_dataclasses_match_the_pydantic_schema_field_for_field() -> None:
    raw = _raw()
    kb = load_knowledge()
    for part, (schema, _, _) in SCHEMAS.items():
        expected = [schema.model_validate(row).model_dump() for row in raw[part]]
        built = [asdict(entry) for entry in getattr(kb, part)]
        assert built == expected, part
        assert len(built) > 0


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda q: q.update(colour="red"), "unknown key(s) colour"),
        (lambda q: q.pop("prompt"), "missing key(s) prompt"),
        (lambda q: q.update(type="slider"), "type must be one of"),
        (lambda q: q.update(required="maybe"), "expected true or false"),
        (lambda q: q.update(items=[3]), "expected text"),
    ],
)
def test_a_malformed_question_is_refused_as_the_schema_would(change: Any, words: str) -> None:
    raw = _raw()
    question = dict(raw["questions"][0])
    change(question)
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        build_knowledge_parts(**{**raw, "questions": [question, *raw["questions"][1:]]})
    with pytest.raises(ValueError):  # the declarative schema refuses it too
        QuestionSchema.model_validate(question)


def test_a_bad_outcome_in_a_choice_is_refused() -> None:
    raw = _raw()
    question = next(q for q in raw["questions"] if q.get("choices"))
    broken = {**question, "choices": [{**question["choices"][0], "outcome": "maybe"}]}
    with pytest.raises(ValueError, match="outcome must be one of"):
        build_knowledge_parts(**{**raw, "questions": [broken]})
