"""What an evaluation needs from the knowledge base for one host and engine, worked out once.

Why: ``status`` evaluates hundreds or thousands of reviews against the same knowledge base and a
handful of hosts. Filling every question's guide path and every item's texts, finding each item
and its failure mode by a linear search and building the same "not answered yet" reasons again
for every review was most of the time an evaluation of a new review took. Everything held here
is derived from the knowledge base, the host and the engine only, never from a review's answers,
waivers or evidence, so the evaluation stays one pure function of its inputs.
"""

from __future__ import annotations

from wizard.core.evaluation.contribution import Contribution
from wizard.core.kb.knowledge import FailureMode, Item, KnowledgeBase, Layer, Question
from wizard.core.kb.wording import fill
from wizard.core.records import Record, record, replace


@record(frozen=True, kw_only=False)
class QuestionPlan(Record):
    question: Question
    # The question's guide path written for the host and engine.
    doc: str
    # What the question says while unanswered: an "open" reason when it is required.
    unanswered: tuple[Contribution, ...]


@record(frozen=True, kw_only=False)
class ItemPlan(Record):
    item: Item
    doc: str
    # Shown only when the item fails or warns; the failure mode is frozen, so one copy serves
    # every evaluation.
    failure: FailureMode | None


@record(frozen=True, kw_only=False)
class Plan(Record):
    questions: tuple[QuestionPlan, ...]
    items: dict[str, ItemPlan]
    layers: tuple[Layer, ...]


def _question_plan(question: Question, host: str, engine: str) -> QuestionPlan:
    doc = question.render_doc(host, engine)
    unanswered = (
        (Contribution("open", f"Not answered yet: {question.id}.", doc, question.id),)
        if question.required
        else ()
    )
    return QuestionPlan(question, doc, unanswered)


def _item_plan(kb: KnowledgeBase, item: Item, host: str, engine: str) -> ItemPlan:
    failure = kb.failure_mode(item.failure_mode)
    if failure is not None:
        failure = replace(failure, read_first=fill(failure.read_first, host, engine))
    return ItemPlan(item, fill(item.doc, host, engine), failure)


def build_plan(kb: KnowledgeBase, host: str, engine: str) -> Plan:
    return Plan(
        questions=tuple(_question_plan(question, host, engine) for question in kb.questions),
        items={item.id: _item_plan(kb, item, host, engine) for item in kb.items},
        layers=kb.layers,
    )


# Keyed by the knowledge base's identity as well, so a test building its own knowledge base never
# sees another one's plan; the entry keeps the knowledge base alive, so its id cannot be reused.
_PLANS: dict[tuple[int, str, str], tuple[KnowledgeBase, Plan]] = {}
# Hosts and engines are a few registry ids; the bound only matters to callers passing made-up
# ones (tests, hand-built reviews).
_MAX_PLANS = 256


def evaluation_plan(kb: KnowledgeBase, host: str, engine: str) -> Plan:
    """The plan for ``host`` and ``engine``, built on first use."""
    key = (id(kb), host, engine)
    entry = _PLANS.get(key)
    if entry is not None and entry[0] is kb:
        return entry[1]
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    plan = build_plan(kb, host, engine)
    _PLANS[key] = (kb, plan)
    return plan
