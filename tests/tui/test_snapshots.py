"""Snapshot tests of the key screens at fixed sizes, with fixed dates and no live probes.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing; ``scripts/screenshots.py`` renders the same scenes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.tui.scenes import SCENES


@pytest.mark.parametrize("name", list(SCENES))
def test_screen_matches_its_snapshot(
    name: str, tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    scene = SCENES[name]
    app, run_before = scene.build(tmp_path)
    kwargs: dict[str, Any] = {"terminal_size": scene.size}
    if run_before is not None:
        kwargs["run_before"] = run_before
    assert snap_compare(app, **kwargs)
