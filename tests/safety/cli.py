"""Running the real CLI for the leak and injection tests, and searching everything it left.

``run_main`` calls the CLI's own ``main`` in this process (the whole command path, argparse and
the output screen included), which keeps a matrix of hundreds of runs affordable on a small
machine; ``run_process`` starts a real ``truthound-readiness`` process for the checks that the
process boundary matters to.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from tests.safety.samples import Sample
from wizard.cli.main import main

USER = "Leak Tester"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run_main(*args: str) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return Ran(code, out.getvalue(), err.getvalue())


def run_process(*args: str, cwd: Path) -> Ran:
    env = {**os.environ, "TRUTHOUND_READINESS_USER": USER, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def fragments(sample: Sample) -> list[str]:
    """The secret, and each of its lines long enough to be telling on its own."""
    parts = [sample.secret]
    parts += [line for line in sample.secret.splitlines() if len(line) >= 12]
    return parts


def leaks(sample: Sample, ran: Ran | None, folder: Path) -> list[str]:
    """Where any part of ``sample``'s secret shows up: the run's output, or any file left."""
    found = []
    if ran is not None:
        for name, text in (("stdout", ran.out), ("stderr", ran.err)):
            found += [f"{name}: {part[:8]}..." for part in fragments(sample) if part in text]
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            text = path.read_bytes().decode("utf-8", "replace")
            found += [f"{path.name}: {part[:8]}..." for part in fragments(sample) if part in text]
    return found
