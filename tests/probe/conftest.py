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

from tests.support.target_venv import ensure_target_venv, make_fake_venv  # noqa: E402


@pytest.fixture(scope="session")
def target_python() -> str:
    """The cached venv with truthound-orchestration 3.0.3 (built on first use, ~20 s)."""
    return str(ensure_target_venv())


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
