"""Fixtures for the probe tests: the real target interpreter and small real stand-ins."""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # `tests.support` must import however pytest is started
    sys.path.insert(0, str(REPO_ROOT))

from tests.support.target_venv import (  # noqa: E402
    AIRFLOW_REQUIREMENTS,
    PANDERA_REQUIREMENTS,
    TRUTHOUND_300_REQUIREMENTS,
    ensure_target_venv,
    ensure_venv,
    make_fake_venv,
)


@pytest.fixture(scope="session")
def target_python() -> str:
    """The cached venv with truthound-orchestration 3.0.3 (built on first use, ~20 s)."""
    return str(ensure_target_venv())


@pytest.fixture(scope="session")
def truthound_300_python() -> str:
    """truthound-orchestration 3.0.3 with truthound==3.0.0, which its adapter refuses (~20 s)."""
    return str(ensure_venv("truthound-3.0.0", TRUTHOUND_300_REQUIREMENTS))


@pytest.fixture(scope="session")
def pandera_python() -> str:
    """A plain `pip install pandera` beside the adapter: no pandas, no pyarrow (~25 s)."""
    return str(ensure_venv("pandera-without-pyarrow", PANDERA_REQUIREMENTS))


@pytest.fixture(scope="session")
def airflow_python() -> str:
    """Airflow 3.2.0 with the adapter, for its real DagBag (~60 s, 520 MB on first use)."""
    return str(ensure_venv("airflow-3.2.0", AIRFLOW_REQUIREMENTS))


@pytest.fixture
def fake_venv(tmp_path: Path) -> Callable[..., str]:
    """Build a real venv claiming the given package versions; returns its interpreter."""
    counter = iter(range(1000))

    def build(packages: dict[str, str], python: str | None = None) -> str:
        folder = tmp_path / f"venv{next(counter)}"
        return str(make_fake_venv(folder, packages, python=python))

    return build


@pytest.fixture
def shell_interpreter(tmp_path: Path) -> Callable[[str], str]:
    """An executable shell script standing in for a broken or hanging interpreter."""

    def write(body: str) -> str:
        script = tmp_path / "python"
        script.write_text("#!/bin/sh\n" + body + "\n")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        return str(script)

    return write
