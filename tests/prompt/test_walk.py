"""The prompt mode walks a whole review with real questionary widgets fed through a pipe."""

from __future__ import annotations

from pathlib import Path

from tests.prompt import keys
from tests.prompt.driver import TODAY, drive, plan_keys, saved_answers, saved_values
from tests.prompt.plans import AIRFLOW_LOCAL, DBT_PANDERA
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.flow import questions_in_order
from wizard.core.review.store import load_review
from wizard.prompt.checklist import MARKS


def test_a_complete_review_from_a_new_file_saves_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "orders.toml"
    typed = keys.setup("Orders pipeline", "airflow") + plan_keys(AIRFLOW_LOCAL, "airflow")

    session = drive(path, typed)

    assert session.exit_code == 0
    assert "End of the review." in session.transcript
    review = load_review(path).review
    assert (review.title, review.host, review.engine) == ("Orders pipeline", "airflow", "truthound")
    assert saved_values(path) == dict(AIRFLOW_LOCAL)
    on_disk = saved_answers(path)
    assert {entry["by"] for entry in on_disk.values()} == {"tester"}
    assert {entry["provenance"] for entry in on_disk.values()} == {"attested"}
    # Typed values arrive typed: a number, a list, booleans.
    assert on_disk["fail.warning_threshold"]["value"] == 0.05
    assert on_disk["engine.operations"]["value"] == ["check", "profile"]
    assert on_disk["results.tested"]["value"] is False


def test_a_checklist_follows_every_step_and_renders_the_evaluation(tmp_path: Path) -> None:
    path = tmp_path / "orders.toml"
    typed = keys.setup("Orders", "airflow") + plan_keys(AIRFLOW_LOCAL, "airflow")

    session = drive(path, typed)

    steps = load_knowledge().steps
    for step in steps[:-1]:
        assert f"Checklist after “{step.title}”" in session.transcript
    for number, step in enumerate(steps, start=1):
        assert f"== Step {number} of {len(steps)}: {step.title}" in session.transcript
    review = load_review(path).review
    final = session.transcript.rsplit("Checklist:", 1)[1]
    for item in evaluate(review, review.probe, TODAY).items:
        assert f"{MARKS[item.status]:<6} {item.title}" in final
    assert "NOT READY" in final  # no probe ran, so the preflight gate stays open


def test_the_prompt_asks_exactly_the_core_flow_in_its_order(tmp_path: Path) -> None:
    for host, engine, plan in (
        ("airflow", "truthound", AIRFLOW_LOCAL),
        ("dbt", "pandera", DBT_PANDERA),
    ):
        path = tmp_path / f"{host}.toml"
        session = drive(path, keys.setup(host, host, engine) + plan_keys(plan, host))

        review = load_review(path).review
        flow = [question.id for question in questions_in_order(review)]
        assert session.runner.asked == flow
        assert session.runner.asked == [question_id for question_id, _ in plan]
