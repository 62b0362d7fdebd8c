"""The TUI under a shrinking window, an interrupt, and keys that must land where they are meant."""

from __future__ import annotations

import time
from pathlib import Path

import pexpect
from textual import events

from tests.tui import scenes
from tests.tui.driving import (
    answer_with_keys,
    current_question,
    review_screen,
    saved,
    wait_until_loaded,
)
from tests.tui.test_cli import spawn
from wizard.core.review.store import create_review, new_review
from wizard.tui.app import make_app
from wizard.tui.screens.item_detail import ItemDetailScreen
from wizard.tui.screens.too_small import TooSmallScreen


def fresh_review(tmp_path: Path) -> Path:
    path = tmp_path / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    return path


async def test_shrinking_to_tiny_and_back_keeps_working(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until_loaded(pilot)
        # 60x16 is the documented minimum: drawn, not replaced; below it the notice shows.
        for columns, lines in ((50, 12), (60, 16), (61, 17), (20, 8), (59, 30), (120, 36)):
            await pilot.resize_terminal(columns, lines)
            await pilot.pause(0.1)
            small = columns < 60 or lines < 16
            assert isinstance(app.screen, TooSmallScreen) == small, (columns, lines)
            if small:
                notice = str(app.screen.query_one("#too-small").render())
                assert f"{columns}x{lines}" in notice and "60x16" in notice
        assert app.return_code is None, "the app is still running"
        assert current_question(pilot) == "quickstart.local_run"
        await answer_with_keys(pilot, "yes")
        assert saved(path)["answers"]["quickstart.local_run"]["value"] is True
        assert current_question(pilot) != "quickstart.local_run"


async def test_the_items_list_takes_enter_right_after_ctrl_t(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemDetailScreen)
        first = review_screen_items(app)
        assert app.screen.item_id == first


def review_screen_items(app: object) -> str:
    from wizard.core.kb.knowledge import load_knowledge

    return load_knowledge().items[0].id


async def test_the_steps_list_takes_enter_right_after_ctrl_g(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+g", "down", "enter")
        await pilot.pause()
        assert current_question(pilot) is not None
        assert review_screen(pilot).current != "quickstart.local_run"


def _wait_for_answers(path: Path, wanted: set[str], child: pexpect.spawn | None = None) -> None:
    deadline = time.monotonic() + 60
    while not wanted <= set(saved(path).get("answers", {})):
        assert time.monotonic() < deadline, child.before if child is not None else wanted
        time.sleep(0.1)


def _interrupt_once_both_are_saved(child: pexpect.spawn, path: Path) -> None:
    """Wait for the two first answers in the file, then Ctrl-C: exit 130, both answers kept."""
    _wait_for_answers(path, {"quickstart.local_run", "runtime.python_version"}, child)
    child.sendcontrol("c")
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    assert child.exitstatus == 130
    answers = saved(path)["answers"]
    assert answers["quickstart.local_run"]["value"] is True
    assert answers["runtime.python_version"]["value"] == "3.11.7"


def _open_in_a_terminal(tmp_path: Path, rows: int, columns: int) -> tuple[Path, pexpect.spawn]:
    """A new review opened by the real command in a pty, its probe target an interpreter that
    does not exist (the probe fails at once instead of running while keys are typed)."""
    path = fresh_review(tmp_path)
    child = spawn(
        [str(path), "--python", str(tmp_path / "missing" / "python"), "--by", "alice"],
        rows=rows,
        columns=columns,
        term="xterm-256color",
    )
    return path, child


def test_ctrl_c_in_a_real_terminal_exits_130_with_answers_saved(tmp_path: Path) -> None:
    path, child = _open_in_a_terminal(tmp_path, rows=24, columns=80)
    child.expect("Checklist")  # the loading screen's placeholder pane, or the review itself
    # Keys typed from the first frame on, the next answer before its question shows: none may
    # be dropped by the loading screen or land on the step list or the widget just answered.
    child.send("\r")  # Yes is highlighted first: answers quickstart.local_run
    child.send("3.11.7\r")  # runtime.python_version, typed ahead
    # Only changed cells are redrawn, so the screen text is no reliable sign: wait for the file.
    _interrupt_once_both_are_saved(child, path)


def test_a_paste_of_several_answers_in_a_real_terminal_lands_each_on_its_question(
    tmp_path: Path,
) -> None:
    path, child = _open_in_a_terminal(tmp_path, rows=36, columns=120)
    child.expect("Question 1 of", timeout=60)  # drawn by the review screen, not the loading one
    # One write: the terminal driver reads it as one burst of keys while the first question is
    # focused. Without pacing, "3.11.7" and the last Enter went to the yes/no list just left.
    child.send("\r3.11.7\r")
    _interrupt_once_both_are_saved(child, path)


async def test_a_burst_of_keys_read_at_once_is_delivered_one_question_at_a_time(
    tmp_path: Path,
) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until_loaded(pilot)
        assert current_question(pilot) == "quickstart.local_run"
        driver = app._driver
        assert driver is not None
        # Every key handed to the app before any of them is handled, as a driver does with a
        # paste: the pacing, not the test, has to keep them apart.
        for key, character in [("enter", "\r"), *((c, c) for c in "3.11.7"), ("enter", "\r")]:
            name = {".": "full_stop"}.get(key, key)
            event = events.Key(name, character)
            event.set_sender(app)
            driver.send_message(event)
        for _ in range(100):
            await pilot.pause(0.05)
            if "runtime.python_version" in saved(path).get("answers", {}):
                break
        answers = saved(path)["answers"]
        assert answers["quickstart.local_run"]["value"] is True
        assert answers["runtime.python_version"]["value"] == "3.11.7"
        assert current_question(pilot) not in {"quickstart.local_run", "runtime.python_version"}
