"""A probe that cannot run is a failure in the checklist, never a pass and never a crash."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from tests.tui import scenes
from tests.tui.driving import (
    review_screen,
    saved,
    shown_status,
    wait_for_probe,
    wait_until_loaded,
)
from wizard.core.review.store import create_review, new_review
from wizard.tui.app import make_app
from wizard.tui.widgets.probe_status import ProbeStatus


def failing_interpreter(folder: Path) -> str:
    """A real executable that exits 1 the way a broken interpreter does."""
    script = folder / "python"
    script.write_text("#!/bin/sh\necho 'boom: broken interpreter' >&2\nexit 1\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


async def test_missing_interpreter_fails_the_preflight_gate(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    assert shown_status_before(path) == "pass"
    missing = str(tmp_path / "no-such-venv" / "bin" / "python")
    app = make_app(path, python=missing, operator="alice", today=scenes.TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_probe(pilot, 0)
        assert shown_status(pilot, "preflight-gate").startswith("✗ fail")
        status = str(review_screen(pilot).query_one(ProbeStatus).render())
        assert "preflight did not run" in status
        # The line is cut at the terminal's width: the interpreter tried is named early on it.
        assert missing in status and status.index(missing) < 50, status
    probe = saved(path)["probe"]
    assert probe["preflight"]["ran"] is False
    assert probe["errors"], "the failure must be recorded, not swallowed"


async def test_rerun_from_the_command_palette_with_a_broken_interpreter(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    broken = failing_interpreter(tmp_path)
    app = make_app(
        path, python=broken, operator="alice", today=scenes.TODAY, run_probes_on_start=False
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        assert shown_status(pilot, "preflight-gate").startswith("✓ pass")  # the stored probe
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Re-run probes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for_probe(pilot, 0)
        assert shown_status(pilot, "preflight-gate").startswith("✗ fail")
        assert review_screen(pilot).query_one(ProbeStatus).state.phase == "done"
    assert saved(path)["probe"]["preflight"]["ran"] is False


def shown_status_before(path: Path) -> str:
    from wizard.core.evaluation.evaluate import evaluate
    from wizard.core.review.store import load_review

    review = load_review(path).review
    return evaluate(review, review.probe, scenes.TODAY).item("preflight-gate").status


async def test_no_target_probes_this_interpreter_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    app = make_app(path, operator="alice", today=scenes.TODAY)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_for_probe(pilot, 0)
        status = str(review_screen(pilot).query_one(ProbeStatus).render())
    executable = saved(path)["probe"]["environment"]["executable"]
    assert Path(executable).resolve() == Path(sys.executable).resolve()
    assert f"at {executable} (this wizard's own: no target given)" in status, status


async def test_a_target_given_as_this_interpreter_is_not_called_no_target(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    app = make_app(path, python=sys.executable, operator="alice", today=scenes.TODAY)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_for_probe(pilot, 0)
        status = str(review_screen(pilot).query_one(ProbeStatus).render())
    executable = saved(path)["probe"]["environment"]["executable"]
    assert f"at {executable}" in status, status
    assert "no target given" not in status, status
