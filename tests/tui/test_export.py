"""Export from the TUI in every format, then the real ``verify`` on each written file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from time import monotonic

from tests.tui import scenes
from tests.tui.driving import answer_with_keys, wait_until_loaded
from wizard.core.exports import FORMATS, SUFFIXES
from wizard.core.review.store import create_review, new_review
from wizard.tui.app import ReadinessApp, make_app
from wizard.tui.screens.export import ExportScreen


def _new_review_app(folder: Path) -> tuple[Path, ReadinessApp]:
    """A fresh Airflow review in ``folder`` and the real app opened on it, probes off."""
    path = folder / "readiness-review.toml"
    create_review(path, new_review("Orders", "airflow", "truthound"))
    return path, make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)


async def test_every_format_exported_from_the_tui_is_accepted_by_verify(tmp_path: Path) -> None:
    path, app = _new_review_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_loaded(pilot)
        await answer_with_keys(pilot, "yes")
        for position, fmt in enumerate(FORMATS):
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            await pilot.press(*(["down"] * position), "enter")
            # Keys are paced and writing an export (screened for credentials first) can outlast
            # one pause: give the screen time to close, then require that it did.
            deadline = monotonic() + 10
            while isinstance(app.screen, ExportScreen) and monotonic() < deadline:
                await pilot.pause(0.05)
            assert not isinstance(app.screen, ExportScreen), fmt
    for fmt in FORMATS:
        written = path.with_suffix(SUFFIXES[fmt])
        assert written.is_file(), fmt
        result = subprocess.run(
            [sys.executable, "-m", "wizard", "verify", str(written), "--review", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (fmt, result.stdout, result.stderr)
        assert "matches the current content" in result.stdout


async def test_escape_leaves_the_export_form_without_writing(tmp_path: Path) -> None:
    path, app = _new_review_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until_loaded(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    written = [path.with_suffix(SUFFIXES[fmt]) for fmt in FORMATS]
    assert [target.name for target in written if target.exists()] == []
