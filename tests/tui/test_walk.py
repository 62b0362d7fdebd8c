"""A whole review, from a file that does not exist yet to `ready`, with the keyboard alone.

The target interpreter is a real venv on the support matrix (Python 3.11 + Airflow 2.6.0 with
the real truthound-orchestration), the project folder is a real Airflow project, and after every
step the test reads the TOML the app saved.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.support.reviews import ready_answers
from tests.tui.driving import (
    answer_with_keys,
    current_question,
    saved,
    shown_status,
    type_text,
    wait_for_probe,
    wait_until_loaded,
)
from wizard.core.kb.knowledge import load_knowledge
from wizard.tui.app import make_app
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.setup import SetupScreen
from wizard.tui.widgets.checklist_pane import ChecklistPane

pytestmark = pytest.mark.target_venv

OPERATOR = "alice"
PROBED = ("runtime.python_version", "runtime.host_version", "runtime.truthound_version")
# What an Airflow + Truthound team that has done the work would answer, minus what the probe
# answers for them, by question id.
ANSWERS: dict[str, str] = {
    question_id: value
    for question_id, value in ready_answers(
        **{"engine.operations": "check", "ops.rate_limits": "not_needed"}
    ).items()
    if question_id not in PROBED
}


def expected_value(question_id: str) -> object:
    """The value the core stores for ANSWERS[question_id] (yes -> true, lists as lists)."""
    raw = ANSWERS[question_id]
    kind = load_knowledge().question(question_id).type  # type: ignore[union-attr]
    if kind == "bool":
        return raw == "yes"
    if kind == "multi":
        return raw.split(",")
    return raw


def assert_step_saved(path: Path, step_id: str) -> None:
    answers = saved(path)["answers"]
    ids = [q.id for q in load_knowledge().questions_for_step(step_id) if q.id in ANSWERS]
    asked = [question_id for question_id in ids if question_id in answers]
    assert asked, f"nothing of step {step_id} was saved"
    for question_id in asked:
        entry = answers[question_id]
        assert entry["value"] == expected_value(question_id), question_id
        assert entry["by"] == OPERATOR
        assert entry["provenance"] == "attested"


async def test_new_file_to_ready_with_the_keyboard_alone(
    tmp_path: Path, host_python: str, airflow_project: Path
) -> None:
    path = tmp_path / "orders" / "readiness-review.toml"
    path.parent.mkdir()
    app = make_app(path, operator=OPERATOR, today=date.today())
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "Orders pipeline")
        await pilot.press("tab", "enter")  # host: Airflow, the first choice
        await pilot.press("tab")  # engine: Truthound is already chosen
        await pilot.press("tab")
        await type_text(pilot, host_python)
        await pilot.press("tab")
        await type_text(pilot, str(airflow_project))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        created = saved(path)
        assert (created["title"], created["host"], created["engine"]) == (
            "Orders pipeline",
            "airflow",
            "truthound",
        )
        # Typed absolute, stored relative to the review: the committed file works in any clone.
        assert created["target"] == {"python": host_python, "project": "../pipeline"}
        assert (path.parent / "../pipeline").resolve() == airflow_project.resolve()

        # The first probe starts on its own after the first frame; it answers the versions.
        await wait_for_probe(pilot, 0)
        probed = saved(path)
        for question_id in PROBED:
            assert probed["answers"][question_id]["provenance"] == "probe:environment"
        assert probed["answers"]["runtime.host_version"]["value"] == "2.6.0"

        step = None
        walked: list[str] = []
        while (question_id := current_question(pilot)) is not None:
            assert question_id not in walked, f"{question_id} was asked twice"
            walked.append(question_id)
            question = load_knowledge().question(question_id)
            assert question is not None
            if step is not None and question.step != step:
                assert_step_saved(path, step)
            step = question.step
            await answer_with_keys(pilot, ANSWERS[question_id])
            assert saved(path)["answers"][question_id]["value"] == expected_value(question_id)
        assert step is not None
        assert_step_saved(path, step)
        assert set(walked) == set(ANSWERS)

        # Answers given after the probe make its preflight outdated: re-run it with the key.
        await pilot.press("ctrl+r")
        await wait_for_probe(pilot, 1)
        final = saved(path)
        assert final["probe"]["preflight"]["ran"] is True
        assert final["probe"]["preflight"]["compatible"] is True
        assert final["probe"]["scan"]["files_scanned"] >= 1
        pane = app.screen.query_one(ChecklistPane)
        assert pane.evaluation is not None and pane.evaluation.ready
        assert "READY" in str(pane.query_one("#verdict").render())
        assert shown_status(pilot, "preflight-gate").startswith("✓ pass")

    # The saved file stands on its own: the real `check` command agrees it is ready.
    check = subprocess.run(
        [sys.executable, "-m", "wizard", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
