"""Answer handling in the real app: inline validation, stale dependents, waivers, refused saves."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.tui import scenes
from tests.tui.driving import (
    answer_with_keys,
    current_question,
    question_view,
    review_screen,
    saved,
    shown_status,
    type_text,
    wait_until_loaded,
)
from wizard.core.review.answers import record_answer
from wizard.core.review.store import create_review, new_review, update_review
from wizard.tui.app import make_app
from wizard.tui.screens.item_detail import ItemDetailScreen
from wizard.tui.screens.waiver import WaiverScreen
from wizard.tui.widgets.step_navigator import StepNavigator


def fresh_review(tmp_path: Path) -> Path:
    path = tmp_path / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    return path


def error_text(pilot: object) -> str:
    label = question_view(pilot).query_one("#error")  # type: ignore[arg-type]
    return str(label.render()) if label.display else ""


async def test_invalid_version_is_explained_inline_and_not_saved(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        assert current_question(pilot) == "quickstart.local_run"
        await pilot.press("ctrl+n")
        assert current_question(pilot) == "runtime.python_version"
        await type_text(pilot, "three.eleven")
        # Explained while typing, with the core's own words.
        assert "is not a version number" in error_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert current_question(pilot) == "runtime.python_version"
        assert "is not a version number" in error_text(pilot)
        assert "runtime.python_version" not in saved(path).get("answers", {})
        # Fixing it clears the message and saves.
        await type_text(pilot, "3.11.7")
        assert error_text(pilot) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert saved(path)["answers"]["runtime.python_version"]["value"] == "3.11.7"


async def test_changing_an_earlier_answer_flags_the_stale_dependent(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+n")
        await answer_with_keys(pilot, "3.11.7")
        assert current_question(pilot) == "runtime.host_version"
        await answer_with_keys(pilot, "2.6.0")
        navigator = review_screen(pilot).query_one(StepNavigator)
        assert navigator.state is not None
        assert not navigator.state.rows[0].needs_attention

        # Back to the Python version (two questions back) and change it.
        await pilot.press("ctrl+y", "ctrl+y")
        assert current_question(pilot) == "runtime.python_version"
        await answer_with_keys(pilot, "3.12.1")
        # The host version was given for Python 3.11.7: the walk lands on it, flagged.
        assert current_question(pilot) == "runtime.host_version"
        saved_line = str(question_view(pilot).query_one("#head").render())
        assert "Needs attention" in saved_line
        assert "runtime.python_version" in saved_line
        assert navigator.state.rows[0].needs_attention
        assert "!" in str(navigator.get_option_at_index(0).prompt)
        stored = saved(path)["answers"]["runtime.host_version"]
        assert stored["basis"]["runtime.python_version"] == "3.11.7"  # kept, not silently updated

        # Confirming it again clears the flag.
        await answer_with_keys(pilot, "2.6.0")
        assert not navigator.state.rows[0].needs_attention
        assert saved(path)["answers"]["runtime.host_version"]["basis"] == {
            "runtime.python_version": "3.12.1",
            "host": "airflow",
        }


async def test_waiving_an_item_from_its_view(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        assert shown_status(pilot, "observability").startswith("· open")
        await pilot.press("ctrl+t", "end", "enter")  # the last item: Observability
        await pilot.pause()
        assert isinstance(app.screen, ItemDetailScreen)
        assert app.screen.item_id == "observability"
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WaiverScreen)

        await type_text(pilot, "no")  # too short: explained, nothing saved
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WaiverScreen)
        assert "reason" in str(app.screen.query_one("#waiver-error").render())
        assert "waivers" not in saved(path)

        await type_text(pilot, "alerting is wired in the next sprint")
        await pilot.press("tab", "tab", "enter")  # owner and expiry keep their suggestions
        await pilot.pause()
        assert isinstance(app.screen, ItemDetailScreen)
        assert "~ waived" in str(app.screen.query_one("#item-text").render())
        waiver = saved(path)["waivers"][0]
        assert waiver["item"] == "observability"
        assert waiver["owner"] == "alice"
        assert waiver["reason"] == "alerting is wired in the next sprint"
        assert waiver["expires"] == scenes.TODAY + timedelta(days=30)

        await pilot.press("escape")
        await pilot.pause()
        assert shown_status(pilot, "observability").startswith("~ waived")


def _another_writer_answers(path: Path, question_id: str, value: str) -> None:
    """Someone else (another terminal, a script) saves an answer through the store."""
    update_review(path, lambda review: record_answer(review, question_id, value, by="bob"))


async def test_a_refused_save_keeps_the_typed_answer(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "3.11.7")
        # Someone else answers the same question meanwhile: saving would overwrite them.
        _another_writer_answers(path, "runtime.python_version", "3.12.1")
        await pilot.press("enter")
        await pilot.pause()
        assert "another writer saved" in error_text(pilot)
        assert "answers.runtime.python_version" in error_text(pilot)
        assert "ctrl+l" in error_text(pilot)
        widget = question_view(pilot).answer_input()
        assert widget is not None and widget.raw_value() == "3.11.7"
        assert saved(path)["answers"]["runtime.python_version"]["value"] == "3.12.1"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert current_question(pilot) == "runtime.python_version"
        await pilot.press("enter")
        await pilot.pause()
        assert saved(path)["answers"]["runtime.python_version"]["value"] == "3.11.7"


async def test_another_writers_answer_is_kept_when_the_tui_saves(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "3.11.7")
        _another_writer_answers(path, "fail.mode", "hard")
        await pilot.press("enter")
        await pilot.pause()
        answers = saved(path)["answers"]
        assert answers["runtime.python_version"]["value"] == "3.11.7"
        assert answers["fail.mode"]["value"] == "hard" and answers["fail.mode"]["by"] == "bob"


async def test_the_mouse_opens_an_item_and_picks_a_step(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        assert await pilot.click("#items", offset=(2, 0))  # the first item's row
        await pilot.pause()
        assert isinstance(app.screen, ItemDetailScreen)
        assert app.screen.item_id == "host-tuple"
        await pilot.press("escape")
        await pilot.pause()
        navigator = review_screen(pilot).query_one(StepNavigator)
        assert await pilot.click(StepNavigator, offset=(3, 1))  # step 1's first line
        await pilot.pause()
        assert navigator.state is not None and navigator.state.current_step == "quickstart"
        assert current_question(pilot) == "quickstart.local_run"


async def test_note_and_evidence_are_saved_with_the_answer(tmp_path: Path) -> None:
    path = fresh_review(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("tab")  # from the Yes/No list to the note
        await pilot.press(*"ran the example DAG on a laptop")
        await pilot.press("tab", *"https://ci.example.com/run/42, docs/quickstart.md")
        await pilot.press("shift+tab", "shift+tab", "enter")  # back to Yes, and save
        await pilot.pause()
    answer = saved(path)["answers"]["quickstart.local_run"]
    assert answer["value"] is True
    assert answer["note"] == "ran the example DAG on a laptop"
    assert answer["evidence"] == ["https://ci.example.com/run/42", "docs/quickstart.md"]


async def test_command_line_answers_win_and_bad_ones_stop_the_start(tmp_path: Path) -> None:
    from wizard.core.errors import AnswerRejected

    path = scenes.half_green(tmp_path)
    assert saved(path)["answers"]["source.documented"]["value"] is True
    app = make_app(
        path,
        operator="bob",
        today=scenes.TODAY,
        run_probes_on_start=False,
        overrides={"source.documented": "no"},
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        # Saved by the time the review is on screen, before any key is pressed.
        answer = saved(path)["answers"]["source.documented"]
        assert (answer["value"], answer["by"]) == (False, "bob")
        assert shown_status(pilot, "source-resolution").startswith("! warn")

    before = path.read_bytes()
    refused = make_app(path, operator="bob", overrides={"runtime.python_version": "three"})
    async with refused.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
    # The app ends at once, carrying the error the `tui` command prints, and writes nothing.
    assert refused.phase == "failed"
    assert isinstance(refused.load_error, AnswerRejected)
    assert "runtime.python_version" in refused.load_error.message
    assert refused.return_code == 2
    assert path.read_bytes() == before


async def test_f1_lists_the_keys_of_every_screen(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#keys-body Static").render())
        for expected in ("^r", "Re-run probe, preflight and scan", "Waive", "Item view"):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert review_screen(pilot) is app.screen
