"""Benchmark: the portfolio dashboard over 1,000 generated reviews with git history.

Run: .venv/bin/python bench/bench_dashboard.py [--files N] [--weeks W] [--rounds R] [--keep DIR]

bench/portfolio_gen.py writes the reviews into one git repository over W weekly commits (about
7,700 committed versions for 1,000 reviews and 8 weeks). Every sample is a whole process of the
installed command. The baseline, measured in the same run, is ``status --format json``, which
reads, validates and evaluates every current review but no history; the dashboard adds the
git history (one ``git log`` and one ``git cat-file --batch`` for the repository) and evaluates
every committed version, spread over the machine's cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portfolio_gen import generate

BIN = Path(sys.executable).parent / "truthound-readiness"


def _time(command: list[str], cwd: Path, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="keep the portfolio and pages here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trr-bench-dashboard-"))
    try:
        root = generate(work / "portfolio", args.files, weeks=args.weeks)
        versions = subprocess.run(
            ["git", "log", "--name-only", "--format="], cwd=root, capture_output=True, text=True
        ).stdout.count(".toml")
        page = work / "portfolio.html"
        status = [str(BIN), "status", "."]
        runs = {
            "status --format json (baseline)": [*status, "--format", "json"],
            "status --format html": [*status, "--format", "html", "-o", str(page)],
            "status --format md": [*status, "--format", "md"],
            "status --format html --no-history": [*status, "--format", "html", "--no-history"],
        }
        subprocess.run(runs["status --format json (baseline)"], cwd=root, capture_output=True)
        timings = {label: _time(command, root, args.rounds) for label, command in runs.items()}
        print(
            f"reviews: {args.files} files, {versions} committed versions over {args.weeks} weeks; "
            f"{os.cpu_count()} cores; medians of {args.rounds} runs"
        )
        baseline = timings["status --format json (baseline)"]
        for label, seconds in timings.items():
            print(f"{label + ':':<38}{seconds:7.2f} s  ({seconds / baseline:.2f}x)")
        svgs = page.read_text(encoding="utf-8").count("<svg")
        print(f"page: {page.stat().st_size / 1024:.0f} KiB, {svgs} inline SVGs")
        if args.keep is not None:
            if args.keep.exists():
                shutil.rmtree(args.keep)
            shutil.copytree(work, args.keep, symlinks=True)
            print(f"kept in {args.keep}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
