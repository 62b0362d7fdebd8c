"""Fixtures for the TUI tests: a real target interpreter on the support matrix and helpers."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # `tests.support` must import however pytest is started
    sys.path.insert(0, str(REPO_ROOT))

from tests.support.host_target import make_host_target  # noqa: E402
from tests.tui.projects import write_airflow_project  # noqa: E402


@pytest.fixture(scope="session")
def host_python(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Python 3.11 + apache-airflow 2.6.0 metadata + the real truthound-orchestration."""
    return str(make_host_target(tmp_path_factory.mktemp("host-target") / "venv"))


@pytest.fixture
def airflow_project(tmp_path: Path) -> Path:
    return write_airflow_project(tmp_path / "pipeline")


def saved(path: Path) -> dict[str, Any]:
    """The review file exactly as it is on disk."""
    return tomllib.loads(path.read_text(encoding="utf-8"))
