"""Re-opening a saved review mid-way: the banner says what changed, the walk resumes in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui import scenes
from tests.tui.driving import (
    answer_with_keys,
    current_question,
    review_screen,
    saved,
    wait_for_probe,
    wait_until_loaded,
)
from wizard.core.review.flow import resume_point
from wizard.core.review.store import load_review
from wizard.tui.app import make_app
from wizard.tui.widgets.changes_banner import ChangesBanner
from wizard.tui.widgets.step_navigator import StepNavigator


def banner_text(screen: object) -> str:
    banner = screen.query_one(ChangesBanner)  # type: ignore[attr-defined]
    return "\n".join(banner.lines) if banner.display else ""


@pytest.mark.target_venv
async def test_reopen_shows_changes_and_continues_where_it_left_off(
    tmp_path: Path, host_python: str, airflow_project: Path
) -> None:
    # The last probe saw Airflow 2.7.3; the real target interpreter has 2.6.0.
    path, _ = scenes.reopened(
        tmp_path, python=host_python, project=str(airflow_project), old_airflow="2.7.3"
    )
    expected_start = resume_point(load_review(path).review)
    assert expected_start is not None

    app = make_app(path, operator="alice", today=scenes.TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        screen = review_screen(pilot)
        # Before the probe: what others did, what lapsed, which sign-off went stale.
        before = banner_text(screen)
        assert "engine.fallback = chain (by bob" in before
        assert "waiver on fail-semantics by bob expired on 2025-03-05" in before
        assert "sign-off by carol (platform lead, approve)" in before
        assert current_question(pilot) == expected_start.id == "preflight.in_promotion"
        navigator = screen.query_one(StepNavigator)
        assert navigator.state is not None and navigator.state.current_step == "preflight"

        # The real probe of the real target interpreter finds a different environment.
        await wait_for_probe(pilot, 0)
        after = banner_text(screen)
        assert "environment: apache-airflow 2.7.3 -> 2.6.0" in after
        assert saved(path)["probe"]["environment"]["packages"]["apache-airflow"] == "2.6.0"

        # Continue exactly there, with the keyboard.
        await answer_with_keys(pilot, "yes")
        answer = saved(path)["answers"]["preflight.in_promotion"]
        assert (answer["value"], answer["by"]) == (True, "alice")
        assert current_question(pilot) == "preflight.ci_file"

        # Esc hides the banner; the answers stay.
        await pilot.press("escape")
        assert not screen.query_one(ChangesBanner).display
