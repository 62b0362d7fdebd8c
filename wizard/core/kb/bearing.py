"""Which evidence bears on which question (``evidence.toml``), as typed, checked data.

Loaded once per process; every entry is checked against the questions it names, so a renamed
question or choice cannot silently switch an evidence link (or a contradiction) off.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, cast

from wizard.core.kb.knowledge import AnswerValue, Question, load_knowledge
from wizard.core.kb.registry import KnowledgeDataError, kb_bytes
from wizard.core.records import Record, record
from wizard.core.tomlfile import loads_toml

EVIDENCE_FILE = "evidence.toml"
Source = Literal["credentials", "setting", "probe"]
Fact = Literal["python", "host", "truthound", "adapter", "adapter_version"]
SOURCES: tuple[str, ...] = ("credentials", "setting", "probe")
FACTS: tuple[str, ...] = ("python", "host", "truthound", "adapter", "adapter_version")
_KEYS = {"question", "source", "rules", "fact", "found", "clean", "conflicts"}


@record(frozen=True, kw_only=False)
class Bearing(Record):
    """One kind of evidence that bears on one question."""

    question: str
    source: Source
    rules: tuple[str, ...] = ()
    fact: Fact | None = None
    found: AnswerValue | None = None
    clean: AnswerValue | None = None
    conflicts: tuple[AnswerValue, ...] = ()


def _check_value(where: str, question: Question, value: AnswerValue) -> None:
    if question.type == "bool":
        ok = isinstance(value, bool)
    elif question.type in ("choice", "multi"):
        ok = isinstance(value, str) and question.choice(value) is not None
    else:
        ok = isinstance(value, str)
    if not ok:
        raise KnowledgeDataError(
            f"{EVIDENCE_FILE}: {where}: {value!r} is not an answer {question.id} accepts."
        )


def _bearing(number: int, entry: dict[str, object]) -> Bearing:
    where = f"bearing {number}"
    unknown = set(entry) - _KEYS
    if unknown or "question" not in entry or entry.get("source") not in SOURCES:
        raise KnowledgeDataError(
            f"{EVIDENCE_FILE}: {where} needs `question` and a `source` of {', '.join(SOURCES)}"
            f" and knows no {sorted(unknown)}."
        )
    question = load_knowledge().question(str(entry["question"]))
    if question is None:
        raise KnowledgeDataError(f"{EVIDENCE_FILE}: {where} names no question.")
    source = cast(Source, entry["source"])
    fact = entry.get("fact")
    if (source == "probe") != (fact is not None) or (fact is not None and fact not in FACTS):
        raise KnowledgeDataError(
            f"{EVIDENCE_FILE}: {where}: a probe source needs a `fact` of {', '.join(FACTS)}."
        )
    rules = tuple(str(rule) for rule in cast(list[object], entry.get("rules", [])))
    if (source == "setting") != bool(rules):
        raise KnowledgeDataError(f"{EVIDENCE_FILE}: {where}: a setting source needs `rules`.")
    found = cast(AnswerValue | None, entry.get("found"))
    clean = cast(AnswerValue | None, entry.get("clean"))
    conflicts = tuple(cast(list[AnswerValue], entry.get("conflicts", [])))
    for value in [found, clean, *conflicts]:
        if value is not None:
            _check_value(where, question, value)
    return Bearing(question.id, source, rules, cast(Fact | None, fact), found, clean, conflicts)


@cache
def bearings() -> tuple[Bearing, ...]:
    """Every evidence link, in file order."""
    table = loads_toml(kb_bytes(EVIDENCE_FILE).decode("utf-8"))
    return tuple(
        _bearing(number, entry) for number, entry in enumerate(table.get("bearing", []), 1)
    )


def bearings_for(question_id: str) -> tuple[Bearing, ...]:
    return tuple(entry for entry in bearings() if entry.question == question_id)


def probe_answerable() -> frozenset[str]:
    """The questions a probe of the target interpreter answers by itself."""
    return frozenset(entry.question for entry in bearings() if entry.source == "probe")
