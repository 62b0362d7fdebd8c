"""The evaluation plan holds exactly what the evaluation used to derive per review, and the
shortcuts for unanswered questions give what the full derivations give."""

from __future__ import annotations

import pytest

from tests.core.builders import ready_review
from wizard.core.evaluation.contribution import Contribution
from wizard.core.evaluation.evaluate import _RANK, STATUS_ORDER
from wizard.core.evaluation.plan import build_plan, evaluation_plan
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.kb.wording import fill
from wizard.core.records import replace
from wizard.core.review import conditions
from wizard.core.review.conditions import current_value, frozen_review, stale_answers
from wizard.core.review.store import new_review

PAIRS = [(host, engine) for host in host_ids() for engine in engine_ids()]


@pytest.mark.parametrize(("host", "engine"), PAIRS)
def test_the_plan_equals_the_per_review_derivation(host: str, engine: str) -> None:
    kb = load_knowledge()
    plan = build_plan(kb, host, engine)
    assert [step.question for step in plan.questions] == list(kb.questions)
    for step in plan.questions:
        question = step.question
        assert step.doc == question.render_doc(host, engine)
        expected = (
            [Contribution("open", f"Not answered yet: {question.id}.", step.doc, question.id)]
            if question.required
            else []
        )
        assert list(step.unanswered) == expected
    assert list(plan.items) == [item.id for item in kb.items]
    for item in kb.items:
        entry = plan.items[item.id]
        assert entry.item is kb.item(item.id)
        assert entry.doc == fill(item.doc, host, engine)
        mode = kb.failure_mode(item.failure_mode)
        wanted = (
            None if mode is None else replace(mode, read_first=fill(mode.read_first, host, engine))
        )
        assert entry.failure == wanted
    assert plan.layers == kb.layers


def test_plans_are_built_once_per_knowledge_base_host_and_engine() -> None:
    kb = load_knowledge()
    first = evaluation_plan(kb, "airflow", "truthound")
    assert evaluation_plan(kb, "airflow", "truthound") is first
    assert evaluation_plan(kb, "prefect", "truthound") is not first
    # Another knowledge base (a test's own, say) never reuses this one's plan.
    other = replace(kb)
    assert evaluation_plan(other, "airflow", "truthound") is not first


def test_ranks_sort_as_the_status_order() -> None:
    assert sorted(STATUS_ORDER, key=_RANK.__getitem__) == list(STATUS_ORDER)
    assert all(_RANK[status] == STATUS_ORDER.index(status) for status in STATUS_ORDER)


def test_a_review_without_answers_has_no_stale_answers_and_no_live_values() -> None:
    review = new_review("empty", "airflow", "truthound")
    assert stale_answers(review) == []
    for question in load_knowledge().questions:
        assert current_value(review, question.id) is None
        assert conditions._compute_current_value(review, question.id) is None


def test_the_unanswered_shortcut_agrees_with_the_full_look_up() -> None:
    review = ready_review()
    del review.answers["source.kind"]
    for question in load_knowledge().questions:
        expected = conditions._compute_current_value(review, question.id)
        assert current_value(review, question.id) == expected
        with frozen_review():
            assert current_value(review, question.id) == expected


def test_staleness_judged_once_per_pass_gives_what_judging_each_time_gives() -> None:
    review = ready_review()
    review.host = "prefect"  # every answer that assumed Airflow goes stale
    kb = load_knowledge()
    outside = stale_answers(review)
    live = {question.id: current_value(review, question.id) for question in kb.questions}
    assert outside
    with frozen_review():
        assert stale_answers(review) == outside
        assert {question.id: current_value(review, question.id) for question in kb.questions} == (
            live
        )
