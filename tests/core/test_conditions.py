"""Conditional questions and stale answers."""

from __future__ import annotations

from datetime import date

from tests.core.builders import ready_review
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.answers import record_answer, set_identity
from wizard.core.review.conditions import applies, stale_answers
from wizard.core.review.flow import questions_in_order, resume_point
from wizard.core.review.store import new_review

TODAY = date(2026, 11, 28)


def _question(question_id: str):  # type: ignore[no-untyped-def]
    question = load_knowledge().question(question_id)
    assert question is not None
    return question


def test_dbt_questions_apply_only_to_dbt() -> None:
    airflow = new_review("a", "airflow", "truthound")
    dbt = new_review("d", "dbt", "truthound")
    adapter = _question("runtime.dbt_adapter")
    assert not applies(airflow, adapter)
    assert applies(dbt, adapter)
    assert "runtime.dbt_adapter" in [q.id for q in questions_in_order(dbt)]
    assert "runtime.dbt_adapter" not in [q.id for q in questions_in_order(airflow)]


def test_connection_question_follows_the_source_shape() -> None:
    review = new_review("a", "airflow", "truthound")
    connection = _question("source.connection")
    assert not applies(review, connection)
    record_answer(review, "source.kind", "local_path", by="a")
    assert not applies(review, connection)
    record_answer(review, "source.kind", "sql", by="a")
    assert applies(review, connection)


def test_dbt_always_asks_for_the_profile() -> None:
    review = new_review("d", "dbt", "truthound")
    assert applies(review, _question("source.connection"))


def test_engine_reason_is_asked_only_off_the_default_engine() -> None:
    review = new_review("a", "prefect", "truthound")
    assert not applies(review, _question("engine.reason"))
    set_identity(review, engine="great_expectations")
    assert applies(review, _question("engine.reason"))


def test_host_specific_choices_are_filtered() -> None:
    surfaces = [c.value for c in _question("results.surface").choices_for("dagster")]
    assert "dagster_metadata" in surfaces
    assert "airflow_xcom" not in surfaces
    assert "logs" in surfaces


def test_changing_an_earlier_answer_marks_dependents_stale() -> None:
    review = ready_review()
    record_answer(review, "source.kind", "remote_uri", by="bob")
    stale = {entry.question_id: entry for entry in stale_answers(review)}
    assert "source.connection" in stale
    assert stale["source.connection"].changed == ("source.kind",)
    evaluation = evaluate(review, review.probe, TODAY)
    assert evaluation.item("source-resolution").status == "open"
    assert any("Stale" in reason for reason in evaluation.item("secrets").reasons)
    assert review.answer_value("source.connection") is None
    assert "source.connection" in review.answers  # kept, only not counted


def test_confirming_a_stale_answer_clears_it() -> None:
    review = ready_review()
    record_answer(review, "source.kind", "remote_uri", by="bob")
    record_answer(review, "source.reference", "s3://lake/orders.parquet", by="bob")
    record_answer(review, "source.connection", "warehouse_readonly", by="bob")
    assert stale_answers(review) == []


def test_changing_host_stales_host_specific_answers() -> None:
    review = ready_review()
    set_identity(review, host="dagster")
    stale_ids = {entry.question_id for entry in stale_answers(review)}
    assert {"runtime.host_version", "results.surface", "secrets.backend"} <= stale_ids


def test_answers_to_questions_that_stop_applying_are_ignored() -> None:
    review = ready_review()
    record_answer(review, "source.kind", "dataframe", by="bob")
    assert not applies(review, _question("source.reference"))
    assert review.answer_value("source.reference") is None
    ids = [q.id for q in questions_in_order(review)]
    assert "source.reference" not in ids and "source.connection" not in ids


def test_resume_point_is_the_first_unanswered_question() -> None:
    review = new_review("a", "airflow", "truthound")
    assert resume_point(review) is not None
    assert resume_point(review).id == "quickstart.local_run"  # type: ignore[union-attr]
    record_answer(review, "quickstart.local_run", "yes", by="a")
    assert resume_point(review).id == "runtime.python_version"  # type: ignore[union-attr]
    assert resume_point(ready_review()) is None
