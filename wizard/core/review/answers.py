"""Turning what an operator typed into a valid answer, and recording it on a review.

Every front end goes through ``parse_answer`` and ``record_answer``: the TUI, the prompts, the
CLI's ``answer`` and scripted ``--from`` / ``--set`` all share exactly this validation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from packaging.version import InvalidVersion, Version

from wizard.core.errors import AnswerRejected
from wizard.core.kb.knowledge import AnswerValue, Question, load_knowledge
from wizard.core.kb.registry import host, host_label
from wizard.core.records import Record, record
from wizard.core.review.conditions import applies, basis_for
from wizard.core.review.model import Answer, Review, utc_now
from wizard.core.safety.credentials import describe, quoted

_TRUE = {"yes", "y", "true", "t", "1", "on"}
_FALSE = {"no", "n", "false", "f", "0", "off"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 2000


def _secret_surface(host_id: str) -> str:
    try:
        return host(host_id).secret_surface
    except KeyError:
        return "the host's secret store"


def _reject(question: Question, reason: str) -> AnswerRejected:
    return AnswerRejected(f"{question.id}: {reason}")


def _refuse_credentials(question: Question, text: str, host: str, what: str = "the answer") -> None:
    said = describe(text, what)
    if said is not None:
        raise _reject(
            question,
            f"{said}; it was not saved. "
            f"Keep the secret in {_secret_surface(host)} and "
            "answer with its name or a reference only.",
        )


def _as_text(question: Question, raw: object) -> str:
    if not isinstance(raw, str):
        raise _reject(question, f"expected text, got {type(raw).__name__}")
    text = raw.strip()
    if _CONTROL.search(text):
        raise _reject(question, "control characters are not allowed")
    if len(text) > MAX_TEXT:
        raise _reject(question, f"keep it under {MAX_TEXT} characters")
    return text


def _parse_bool(question: Question, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    original = _as_text(question, raw)
    text = original.lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _reject(question, f"answer yes or no (got {quoted(original)})")


def _parse_choice(question: Question, raw: object, host: str) -> str:
    text = _as_text(question, raw)
    offered = question.choices_for(host)
    for choice in offered:
        if text == choice.value or text.lower() == choice.label.lower():
            return choice.value
    values = ", ".join(choice.value for choice in offered)
    raise _reject(
        question, f"{quoted(text)} is not a choice for {host_label(host)}; use one of {values}"
    )


def _parse_multi(question: Question, raw: object, host: str) -> list[str]:
    if isinstance(raw, str):
        parts: Iterable[object] = [part for part in raw.split(",") if part.strip()]
    elif isinstance(raw, list | tuple):
        parts = raw
    else:
        raise _reject(question, "expected a comma-separated list")
    picked = {_parse_choice(question, part, host) for part in parts}
    if not picked:
        raise _reject(question, "pick at least one choice")
    # Knowledge-base order, so the same selection always serialises the same way.
    return [choice.value for choice in question.choices if choice.value in picked]


def _parse_version(question: Question, raw: object) -> str:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise _reject(
            question,
            f'got the number {quoted(raw)}; write versions as text (in TOML quote them: "3.10"), '
            "since a number loses trailing zeros",
        )
    text = _as_text(question, raw)
    try:
        return str(Version(text))
    except InvalidVersion:
        raise _reject(question, f"{quoted(text)} is not a version number such as 3.2.0") from None


def _parse_number(question: Question, raw: object) -> float:
    if isinstance(raw, bool):
        raise _reject(question, "expected a number")
    try:
        number = float(raw) if isinstance(raw, int | float) else float(_as_text(question, raw))
    except ValueError:
        raise _reject(question, f"{quoted(raw)} is not a number") from None
    if math.isnan(number) or math.isinf(number):
        raise _reject(question, "expected a finite number")
    if question.min is not None and number < question.min:
        raise _reject(question, f"must be at least {question.min:g}")
    if question.max is not None and number > question.max:
        raise _reject(question, f"must be at most {question.max:g}")
    return number


def _check_rule(question: Question, value: AnswerValue) -> None:
    is_endpoint = question.rule == "openlineage" and isinstance(value, str) and bool(value)
    if is_endpoint and not re.match(r"^https?://[^\s/]+", str(value)):
        raise _reject(
            question,
            "the OpenLineage endpoint must be an absolute http(s) URL such as "
            "https://lineage.example.com/api; the preflight rejects anything else",
        )
    if question.type == "path" and isinstance(value, str) and "\0" in value:
        raise _reject(question, "a path cannot contain NUL")


def parse_answer(question: Question, raw: object, host: str) -> AnswerValue:
    """Validate ``raw`` for ``question`` and return the value to store, or raise AnswerRejected."""
    if not question.required and isinstance(raw, str) and not raw.strip():
        return ""
    value: AnswerValue
    if question.type == "bool":
        value = _parse_bool(question, raw)
    elif question.type == "choice":
        value = _parse_choice(question, raw, host)
    elif question.type == "multi":
        value = _parse_multi(question, raw, host)
    elif question.type == "version":
        value = _parse_version(question, raw)
    elif question.type == "number":
        value = _parse_number(question, raw)
    else:
        value = _as_text(question, raw)
        if not value:
            raise _reject(question, "the answer is empty")
        _refuse_credentials(question, value, host)
    _check_rule(question, value)
    return value


@record(frozen=True, kw_only=False)
class AnswerInput(Record):
    question_id: str
    raw: object
    note: str | None = None
    evidence: tuple[str, ...] = ()


def record_answer(
    review: Review,
    question_id: str,
    raw: object,
    *,
    by: str,
    provenance: str = "attested",
    note: str | None = None,
    evidence: Iterable[str] = (),
    require_applicable: bool = True,
) -> Answer:
    """Validate and store one answer on ``review`` (in memory); the caller saves."""
    question = load_knowledge().question(question_id)
    if question is None:
        raise AnswerRejected(
            f"{quoted(question_id, 'the question id', bare=True)}: no such question; "
            "`truthound-readiness questions` lists them"
        )
    if require_applicable and not applies(review, question):
        raise AnswerRejected(
            f"{question_id}: this question does not apply to the review as answered so far "
            f"(it depends on {', '.join(question.condition_keys())})"
        )
    value = parse_answer(question, raw, review.host)
    _refuse_credentials(question, note or "", review.host, "the note")
    for link in evidence:
        _refuse_credentials(question, link, review.host, "the evidence link")
    answer = Answer.model_validate(  # validated, as the constructor of the pydantic model did
        dict(
            value=value,
            provenance=provenance,
            by=by,
            at=utc_now(),
            note=note.strip() if note and note.strip() else None,
            evidence=[link.strip() for link in evidence if link.strip()],
            basis=basis_for(review, question),
        )
    )
    review.answers[question_id] = answer
    review.updated = answer.at
    return answer


def record_many(review: Review, inputs: Iterable[AnswerInput], *, by: str) -> list[str]:
    """Apply several answers all-or-nothing: one invalid value rejects the whole batch.

    Answers are applied in knowledge-base order so that a later answer's conditions see the
    earlier ones from the same batch, as they would when asked one at a time.
    """
    kb = load_knowledge()
    order = {question.id: index for index, question in enumerate(kb.questions)}
    staged = review.model_copy(deep=True)
    ordered = sorted(inputs, key=lambda entry: order.get(entry.question_id, len(order)))
    problems: list[str] = []
    for entry in ordered:
        try:
            record_answer(
                staged,
                entry.question_id,
                entry.raw,
                by=by,
                note=entry.note,
                evidence=entry.evidence,
            )
        except AnswerRejected as rejected:
            problems.append(rejected.message)
    if problems:
        raise AnswerRejected(
            "nothing was applied, because these answers are invalid: " + "; ".join(problems)
        )
    review.answers = staged.answers
    review.updated = staged.updated
    return [entry.question_id for entry in ordered]


def set_identity(review: Review, *, host: str | None = None, engine: str | None = None) -> None:
    """Change host or engine; answers that assumed the old ones become stale by themselves."""
    updates: Mapping[str, str | None] = {"host": host, "engine": engine}
    for field, value in updates.items():
        if value is not None:
            setattr(review, field, value)
    review.updated = utc_now()
