"""Driving the real app with the keyboard only, the way an operator would."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path
from time import monotonic
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from wizard.tui.app import ReadinessApp
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.signoff import SignOffScreen
from wizard.tui.widgets.answer_choice import ChoiceAnswer
from wizard.tui.widgets.answer_multi import MultiAnswer
from wizard.tui.widgets.checklist_pane import ChecklistPane
from wizard.tui.widgets.question_view import QuestionView


def saved(path: Path) -> dict[str, Any]:
    """The review file exactly as it is on disk."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def wait_until_loaded(pilot: Pilot[Any], timeout: float = 60) -> None:
    """Wait until the loading worker has opened the review and its screen is in place.

    The first frame is a loading screen; the tests drive the real screens, so they start from
    the loaded state. A refused file ends the app instead: then this returns without a pause.
    """
    app = pilot.app
    assert isinstance(app, ReadinessApp)
    deadline = monotonic() + timeout
    while app.phase == "loading":
        assert monotonic() < deadline, "the review did not finish loading"
        await asyncio.sleep(0.01)
    if app.phase == "ready":
        await pilot.pause()


def review_screen(pilot: Pilot[Any]) -> ReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen), f"expected the review screen, got {screen!r}"
    return screen


def question_view(pilot: Pilot[Any]) -> QuestionView:
    return review_screen(pilot).query_one(QuestionView)


def current_question(pilot: Pilot[Any]) -> str | None:
    question = question_view(pilot).question
    return question.id if question else None


def shown_status(pilot: Pilot[Any], item_id: str) -> str:
    return review_screen(pilot).query_one(ChecklistPane).shown_line(item_id)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Clear the focused input and type ``text`` key by key."""
    await pilot.press("end", "ctrl+u", *text)


async def answer_with_keys(pilot: Pilot[Any], raw: str) -> None:
    """Answer the current question: arrows and Enter, Space for multi, typing for text."""
    # Under load the screen may still be settling after the previous answer (focus moves in a
    # callback after the refresh); an operator waits for the cursor too, so wait, but bounded.
    deadline = monotonic() + 10
    while True:
        view = question_view(pilot)
        widget = view.answer_input()
        if (widget is not None and widget.has_focus) or monotonic() > deadline:
            break
        await pilot.pause(0.02)
    assert widget is not None and widget.has_focus, "the answer widget should have focus"
    if isinstance(widget, ChoiceAnswer):
        ids = [option.id for option in widget.options]
        await pilot.press("home", *["down"] * ids.index(raw), "enter")
    elif isinstance(widget, MultiAnswer):
        wanted = {part.strip() for part in raw.split(",")}
        keys = ["home"]
        for index in range(widget.option_count):
            value = widget.get_option_at_index(index).value
            if (value in wanted) != (value in widget.selected):
                keys.append("space")
            keys.append("down")
        await pilot.press(*keys, "enter")
    else:
        assert isinstance(widget, Input)
        await type_text(pilot, raw)
        await pilot.press("enter")
    await pilot.pause()


async def wait_for_probe(pilot: Pilot[Any], finished_before: int = 0, timeout: float = 180) -> None:
    """Wait until the screen has folded in one more probe result than ``finished_before``."""
    await wait_until_loaded(pilot)
    screen = review_screen(pilot)
    deadline = monotonic() + timeout
    while screen.probes_finished <= finished_before:
        assert monotonic() < deadline, "the probe did not finish"
        await pilot.pause(0.05)
    await pilot.pause()


async def sign_with_keys(
    pilot: Pilot[Any], *, role: str, decision_downs: int, comment: str, key: str = ""
) -> SignOffScreen:
    """Open the form with ctrl+o and fill it the way an operator would (focus starts on the
    reviewer's name, prefilled; Tab twice reaches Role).

    A role ending in ``→`` is typed without it and completed from the suggestions (right arrow).
    """
    await pilot.press("ctrl+o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SignOffScreen)
    assert pilot.app.focused is screen.query_one("#signoff-reviewer")
    await pilot.press("tab", "tab")
    await type_text(pilot, role.removesuffix("→"))
    if role.endswith("→"):
        await pilot.pause()  # the suggestion arrives from a worker
        await pilot.press("right")
    await pilot.press("tab", *["down"] * decision_downs, "enter")  # decision: pick a button
    await pilot.press("tab")
    await type_text(pilot, comment)
    await pilot.press("tab")
    await type_text(pilot, key)
    await pilot.press("enter")
    await pilot.pause()
    return screen
