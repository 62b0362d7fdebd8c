"""Layout at the sizes people use: what must be on screen without scrolling."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tests.tui import scenes
from tests.tui.driving import wait_until_loaded
from wizard.core.review.store import create_review, new_review
from wizard.tui.app import ReadinessApp, make_app
from wizard.tui.status import SYMBOLS
from wizard.tui.widgets.checklist_pane import ChecklistPane
from wizard.tui.widgets.question_view import QuestionView
from wizard.tui.widgets.step_navigator import StepNavigator


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)])
async def test_the_keys_binding_stays_in_the_footer(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=size) as pilot:
        await wait_until_loaded(pilot)
        await pilot.pause()
        width = size[0]
        shown = {
            key.description: key.region
            for key in app.screen.query(FooterKey)
            if key.display and key.region.width
        }
        assert "Keys" in shown, sorted(shown)
        assert shown["Keys"].right <= width, shown["Keys"]
        assert "Quit" in shown and shown["Quit"].right <= width, shown


@asynccontextmanager
async def half_green_at(tmp_path: Path, size: tuple[int, int]) -> AsyncIterator[ReadinessApp]:
    """The half-green review, loaded and settled in a terminal of ``size``."""
    app = make_app(
        scenes.half_green(tmp_path), operator="alice", today=scenes.TODAY, run_probes_on_start=False
    )
    assert isinstance(app, ReadinessApp)
    async with app.run_test(size=size) as pilot:
        await wait_until_loaded(pilot)
        await pilot.pause()
        yield app


async def test_at_80x24_the_prompt_answer_help_and_guide_need_no_scrolling(tmp_path: Path) -> None:
    async with half_green_at(tmp_path, (80, 24)) as app:
        view = app.screen.query_one(QuestionView)
        visible = view.content_region
        head = view.query_one("#head").region
        foot = view.query_one("#foot").region
        answer = view.answer_input()
        assert answer is not None
        # The prompt is the third line of the head; help and "Read:" close the foot.
        assert head.y + 2 >= visible.y, (head, visible)
        assert foot.bottom <= visible.bottom, (foot, visible)
        assert visible.y <= answer.region.y and answer.region.bottom <= visible.bottom
        guide = view.query_one("#foot", Static).render()
        assert "Read:" in str(guide)


async def test_at_80x24_checklist_rows_are_whole_symbol_and_title(tmp_path: Path) -> None:
    async with half_green_at(tmp_path, (80, 24)) as app:
        pane = app.screen.query_one(ChecklistPane)
        width = pane.scrollable_content_region.width
        evaluation = pane.evaluation
        assert evaluation is not None
        for item in evaluation.items:
            row = pane.shown_line(item.id)
            assert row == f"{SYMBOLS[item.status]} {item.title}"
            assert len(row) <= width, (row, width)


async def test_at_120x36_step_titles_wrap_under_their_first_word(tmp_path: Path) -> None:
    async with half_green_at(tmp_path, (120, 36)) as app:
        navigator = app.screen.query_one(StepNavigator)
        width = navigator.scrollable_content_region.width
        wrapped = 0
        for index in range(navigator.option_count):
            prompt = navigator.get_option_at_index(index).prompt
            lines = (prompt.plain if isinstance(prompt, Content) else str(prompt)).splitlines()
            assert all(len(line) <= width for line in lines), (lines, width)
            title_lines, count_line = lines[:-1], lines[-1]
            assert re.fullmatch(r" {3}[✓! ] \d+/\d+", count_line), count_line
            wrapped += len(title_lines) > 1
            # Every continuation starts where the title's first word did, not under the number.
            assert all(line.startswith("   ") and line[3] != " " for line in title_lines[1:])
        assert wrapped, "at 120 columns some step title is expected to wrap"


async def test_at_200x50_the_room_shows_the_step_outline_and_why(tmp_path: Path) -> None:
    async with half_green_at(tmp_path, (200, 50)) as app:
        screen = app.screen.region
        view = app.screen.query_one(QuestionView)
        outline = view.query_one("#outline", Static)
        assert outline.display and screen.contains_region(outline.region)
        shown = str(outline.render())
        state = view.state
        assert state is not None and state.outline
        assert len(state.outline) == state.step_total
        assert "In this step" in shown
        why = app.screen.query_one(ChecklistPane).query_one("#why", Static)
        assert why.display and screen.contains_region(why.region)
        assert "Result consumers" in str(why.render())
        assert "results.surface" in str(why.render())
        # The checklist pane takes the width (it is 38 columns at 130 to 169).
        assert app.screen.query_one(ChecklistPane).region.width >= 50
