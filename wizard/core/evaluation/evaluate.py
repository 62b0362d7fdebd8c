"""The one evaluation: (review, probe snapshot, today) -> the status of every item and layer.

Pure: no clock, no disk, no subprocess. The TUI's checklist pane, the prompts' summary, the
CLI's ``check`` and every export render from this function and nothing else.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from wizard.core.evaluation.contribution import Contribution
from wizard.core.evaluation.plan import ItemPlan, evaluation_plan
from wizard.core.evaluation.rules import rule_contributions
from wizard.core.evaluation.waivers import active_waiver, why_not_covered
from wizard.core.kb.knowledge import FailureMode, Question, load_knowledge
from wizard.core.records import Record, field, record
from wizard.core.review.conditions import Staleness, applies, frozen_review, stale_answers
from wizard.core.review.model import Answer, Review, Waiver
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.policy import NO_POLICY, Policy
from wizard.core.review.values import format_value

Status = Literal["pass", "warn", "fail", "open", "waived"]
STATUS_ORDER: tuple[Status, ...] = ("fail", "open", "warn", "waived", "pass")
_RANK: dict[str, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}
# How a status reads in plain text (CLI tables, prompt summaries).
STATUS_LABELS: dict[str, str] = {
    "pass": "PASS",
    "warn": "WARN",
    "fail": "FAIL",
    "open": "OPEN",
    "waived": "WAIVED",
}


@record(frozen=True, kw_only=False)
class EvidenceLine(Record):
    """One piece of evidence behind a status, with where it came from."""

    text: str
    provenance: str
    source: str
    by: str | None = None
    at: str | None = None


@record(kw_only=False)
class ItemResult(Record):
    id: str
    title: str
    status: Status
    reasons: list[str]
    doc: str
    questions: list[str]
    evidence: list[EvidenceLine] = field(default_factory=list)
    failure_mode: FailureMode | None = None
    waiver: Waiver | None = None
    # The status without any waiver, and the keys of what holds it below pass.
    own_status: Status = "open"
    findings: list[str] = field(default_factory=list)


@record(kw_only=False)
class LayerResult(Record):
    id: str
    title: str
    status: Status
    reasons: list[str]
    doc: str
    items: list[str]


@record(kw_only=False)
class Evaluation(Record):
    ready: bool
    items: list[ItemResult]
    layers: list[LayerResult]
    stale: list[Staleness]
    open_questions: list[str]
    today: date

    def item(self, item_id: str) -> ItemResult:
        return next(item for item in self.items if item.id == item_id)

    def layer(self, layer_id: str) -> LayerResult:
        return next(layer for layer in self.layers if layer.id == layer_id)

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = dict.fromkeys(STATUS_ORDER, 0)
        for item in self.items:
            tally[item.status] += 1
        return tally


def worst(statuses: list[Status]) -> Status:
    for status in STATUS_ORDER:
        if status in statuses:
            return status
    return "open"


def _answer_contributions(
    question: Question, answer: Answer, stale: Staleness | None, doc: str
) -> list[Contribution]:
    """What one question's answer says about the items it feeds (unanswered: see ``Plan``)."""
    if stale is not None:
        return [
            Contribution(
                "open",
                f"Stale: {stale.explain()}; confirm or change it.",
                doc,
                question.id,
            )
        ]
    value = answer.value
    provenance = answer.provenance
    if question.type == "bool" and question.yes and question.no:
        outcome = question.yes if value is True else question.no
        return [Contribution(outcome.outcome, outcome.reason, doc, question.id, provenance)]
    if question.type == "choice" and isinstance(value, str):
        choice = question.choice(value)
        if choice is not None:
            return [Contribution(choice.outcome, choice.reason, doc, question.id, provenance)]
    if question.rule:
        return []  # the named rule speaks for this answer
    return [Contribution("pass", f"Answered: {question.id}.", doc, question.id, provenance)]


def _evidence_for(answer: Answer, question: Question) -> EvidenceLine:
    text = f"{question.id} = {format_value(answer.value) or '(none)'}"
    if answer.note:
        text += f" — {answer.note}"
    if answer.evidence:
        text += f" [evidence: {', '.join(answer.evidence)}]"
    return EvidenceLine(
        text=text,
        provenance=answer.provenance,
        source=question.id,
        by=answer.by,
        at=answer.at.isoformat(),
    )


def evaluate(
    review: Review, probe: ProbeSnapshot | None, today: date, policy: Policy = NO_POLICY
) -> Evaluation:
    """Evaluate every item and layer. ``probe`` is usually ``review.probe``; the policy decides
    how long waivers may run and whether they need an approval."""
    with frozen_review():
        return _evaluate(review, probe, today, policy)


def _evaluate(
    review: Review, probe: ProbeSnapshot | None, today: date, policy: Policy
) -> Evaluation:
    plan = evaluation_plan(load_knowledge(), review.host, review.engine)
    stale_list = stale_answers(review)
    stale_by_id = {entry.question_id: entry for entry in stale_list}
    item_parts: dict[str, list[Contribution]] = {item_id: [] for item_id in plan.items}
    layer_parts: dict[str, list[Contribution]] = {layer.id: [] for layer in plan.layers}
    item_questions: dict[str, list[str]] = {item_id: [] for item_id in plan.items}
    item_evidence: dict[str, list[EvidenceLine]] = {item_id: [] for item_id in plan.items}
    open_questions: list[str] = []
    answers = review.answers

    for step in plan.questions:
        question = step.question
        if question.when and not applies(review, question):
            continue
        answer = answers.get(question.id)
        stale = stale_by_id.get(question.id)
        evidence: EvidenceLine | None = None
        parts: list[Contribution] | tuple[Contribution, ...]
        if answer is None:
            parts = step.unanswered
        else:
            if stale is None:
                evidence = _evidence_for(answer, question)
            parts = _answer_contributions(question, answer, stale, step.doc)
        if evidence is None and question.required:
            open_questions.append(question.id)
        for item_id in question.items:
            item_parts[item_id].extend(parts)
            item_questions[item_id].append(question.id)
            if evidence is not None:
                item_evidence[item_id].append(evidence)
        for layer_id in question.layers:
            layer_parts[layer_id].extend(parts)

    for target, found in rule_contributions(review, probe).items():
        (item_parts if target in item_parts else layer_parts)[target].extend(found)

    items = [
        _item_result(
            review,
            plan.items[item_id],
            parts,
            item_questions[item_id],
            item_evidence[item_id],
            today,
            policy,
        )
        for item_id, parts in item_parts.items()
    ]
    by_id = {item.id: item for item in items}
    layers: list[LayerResult] = []
    for layer in plan.layers:
        statuses: list[Status] = [by_id[item_id].status for item_id in layer.items]
        direct = layer_parts[layer.id]
        statuses.extend(part.status for part in direct)
        reasons = [
            f"{by_id[item_id].title}: {by_id[item_id].status}" for item_id in layer.items
        ] + [part.reason for part in direct if part.status != "pass"]
        layers.append(
            LayerResult(
                layer.id, layer.title, worst(statuses), reasons, layer.doc, list(layer.items)
            )
        )
    ready = all(item.status in ("pass", "waived") for item in items) and all(
        layer.status not in ("fail", "open") for layer in layers
    )
    return Evaluation(ready, items, layers, stale_list, open_questions, today)


def _item_result(
    review: Review,
    plan: ItemPlan,
    parts: list[Contribution],
    questions: list[str],
    answer_evidence: list[EvidenceLine],
    today: date,
    policy: Policy,
) -> ItemResult:
    item = plan.item
    item_id = item.id
    # The stable sort by rank is the old sort by ``STATUS_ORDER.index``, without the search.
    ranked = sorted(parts, key=lambda part: _RANK[part.status])
    status: Status = ranked[0].status if ranked else "open"
    if status == "pass":
        reasons = list(dict.fromkeys(part.reason for part in ranked))
    else:
        reasons = list(dict.fromkeys(part.reason for part in ranked if part.status != "pass"))
    evidence = list(answer_evidence)
    for part in parts:
        if part.provenance.startswith("probe:"):
            evidence.append(EvidenceLine(part.reason, part.provenance, part.source or item_id))
    findings = list(dict.fromkeys(part.finding for part in parts if part.status != "pass"))
    own_status = status
    waiver: Waiver | None = None
    if review.waivers:  # most reviews have none: skip the search
        waiver, waiver_notes = active_waiver(review, item_id, today)
        reasons.extend(waiver_notes)
    if waiver is not None and status != "pass":
        refused = why_not_covered(waiver, status, findings, policy, today)
        if refused is not None:
            reasons.insert(0, f"Not waived: {refused}.")
            waiver = None
        else:
            reasons.insert(
                0,
                f"Waived by {waiver.owner} until {waiver.expires.isoformat()}: {waiver.reason} "
                f"(underlying status: {status}).",
            )
            status = "waived"
    elif waiver is not None:
        waiver = None  # nothing to cover: the item passes on its own
    return ItemResult(
        id=item_id,
        title=item.title,
        status=status,
        reasons=reasons,
        doc=plan.doc,
        questions=questions,
        evidence=evidence,
        failure_mode=plan.failure if status in ("fail", "warn") else None,
        waiver=waiver,
        own_status=own_status,
        findings=findings,
    )
