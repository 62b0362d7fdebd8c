"""The setup form's opt-in for loading the project: off unless ticked, recorded in the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.tui.driving import saved, type_text, wait_until_loaded
from wizard.tui.app import make_app
from wizard.tui.screens.review import ReviewScreen


@pytest.mark.parametrize("ticked", [True, False])
async def test_the_load_project_checkbox_is_recorded_only_when_ticked(
    tmp_path: Path, ticked: bool
) -> None:
    path = tmp_path / "readiness-review.toml"
    app = make_app(path, operator="ana", today=date(2026, 12, 2), run_probes_on_start=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until_loaded(pilot)
        await type_text(pilot, "Orders")
        await pilot.press(
            "tab", "enter", "tab", "tab", "tab", "tab"
        )  # host, engine, python, folder
        if ticked:
            await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    target = saved(path).get("target", {})
    assert target.get("load_project") is (True if ticked else None)
