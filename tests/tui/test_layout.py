"""Layout at the sizes people use: what must be on screen without scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from tests.tui import scenes
from tests.tui.driving import wait_until_loaded
from wizard.core.review.store import create_review, new_review
from wizard.tui.app import make_app


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
