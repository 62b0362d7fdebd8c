"""Running the real CLI in its own process, and a folder's exact state, for bad-input tests."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD = 180  # seconds: a guard against a hang, not a speed assertion


def snapshot(folder: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under ``folder``: kind, size, mtime, and the bytes of small regular files."""
    state: dict[str, tuple[Any, ...]] = {}
    for path in sorted(folder.rglob("*")):
        info = os.lstat(path)
        content: Any = None
        if stat.S_ISREG(info.st_mode) and info.st_size < 1 << 20:
            content = path.read_bytes()
        elif stat.S_ISLNK(info.st_mode):
            content = os.readlink(path)
        key = str(path.relative_to(folder))
        state[key] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, content)
    return state


def run_cli(folder: Path, argv: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRUTHOUND_READINESS_USER": "corpus",
        "TRUTHOUND_READINESS_PRINCIPAL": "corpus@example.com",
    }
    env.pop("TRUTHOUND_READINESS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "wizard", *argv],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        stdin=subprocess.DEVNULL,
        check=False,
    )
