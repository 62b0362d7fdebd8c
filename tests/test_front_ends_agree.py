"""The TUI and the prompt mode ask the same questions, in the same order, from one definition.

Both front ends are driven for real — the Textual app through Pilot, the prompt runner through
piped keystrokes — over the same plans, and the sequence of question ids each one asked is
compared with the other and with ``wizard.core.review.flow.questions_in_order``.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from tests.prompt.driver import drive, plan_keys
from tests.prompt.plans import AIRFLOW_LOCAL, DBT_PANDERA, Plan
from tests.tui.driving import answer_with_keys, current_question
from wizard.core.kb.knowledge import AnswerValue
from wizard.core.review.flow import questions_in_order
from wizard.core.review.store import create_review, load_review, new_review
from wizard.tui.app import make_app

PLANS = {
    "airflow-truthound": ("airflow", "truthound", AIRFLOW_LOCAL),
    "dbt-pandera": ("dbt", "pandera", DBT_PANDERA),
}


def as_keys(value: AnswerValue) -> str:
    """The raw text the TUI's widgets are driven with for a stored value."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def fresh_review(path: Path, host: str, engine: str) -> Path:
    create_review(path, new_review("Orders", host, engine))
    return path


async def tui_sequence(path: Path, plan: Plan) -> list[str]:
    answers = dict(plan)
    asked: list[str] = []
    app = make_app(
        path,
        operator="tester",
        run_probes_on_start=False,
        today=date(2026, 6, 1),
        cursor_blink=False,
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        while (question_id := current_question(pilot)) is not None:
            assert question_id not in asked, f"the TUI asked {question_id} twice"
            asked.append(question_id)
            await answer_with_keys(pilot, as_keys(answers[question_id]))
            if len(asked) > len(plan):
                break
    return asked


@pytest.mark.parametrize("name", list(PLANS))
def test_tui_and_prompt_ask_the_same_questions_in_the_same_order(tmp_path: Path, name: str) -> None:
    host, engine, plan = PLANS[name]
    tui_file = fresh_review(tmp_path / "tui.toml", host, engine)
    prompt_file = fresh_review(tmp_path / "prompt.toml", host, engine)

    # The prompt runner runs its own event loop, so the two are driven one after the other.
    tui_asked = asyncio.run(tui_sequence(tui_file, plan))
    prompt_asked = drive(prompt_file, plan_keys(plan, host)).runner.asked

    assert tui_asked == prompt_asked
    flow = [q.id for q in questions_in_order(load_review(tui_file).review)]
    assert tui_asked == flow
    assert tui_asked == [question_id for question_id, _ in plan]
    tui_values = {k: v.value for k, v in load_review(tui_file).review.answers.items()}
    prompt_values = {k: v.value for k, v in load_review(prompt_file).review.answers.items()}
    assert tui_values == prompt_values
