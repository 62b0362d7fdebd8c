"""Benchmark: ``status`` over 1,000 generated review files vs. a loop that only parses them.

Run: .venv/bin/python bench/bench_status.py [--files N] [--rounds R]

The files are real reviews written by the store: about half fully answered with a probe
snapshot, the rest part-way through, some with waivers and sign-offs (fresh and stale), a few
unreadable. The baseline reads each file and parses it with ``tomllib`` and nothing else; the
target is ``status`` (find, parse, validate, evaluate, hash, sign-off state) in at most 3x that.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# Benchmarks run as scripts from the repository root; make the shared test data importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.reviews import ready_answers
from wizard.core.history.portfolio import find_review_files, portfolio
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Waiver
from wizard.core.review.observations import (
    EnvironmentFacts,
    PreflightCheck,
    PreflightResult,
    ProbeSnapshot,
)
from wizard.core.review.store import create_review, new_review
from wizard.core.signoff.signoffs import create_signoff

ANSWERS = ready_answers(
    **{
        "source.reference": "SELECT id, amount FROM sales.invoices",
        "source.connection": "warehouse_ro",
        "obs.openlineage_endpoint": None,
    }
)


def _snapshot() -> ProbeSnapshot:
    return ProbeSnapshot(
        taken_at=datetime.now(UTC).replace(microsecond=0),
        environment=EnvironmentFacts(
            executable="/srv/airflow/bin/python",
            python_version="3.11.7",
            packages={"apache-airflow": "2.6.0", "truthound": "3.2.0"},
        ),
        preflight=PreflightResult(
            ran=True,
            compatible=True,
            checks=[PreflightCheck(name="engine_runtime", status="passed", message="ok")],
        ),
    )


def generate(folder: Path, count: int) -> None:
    keys = list(ANSWERS)
    for index in range(count):
        team = folder / f"team-{index % 25:02d}" / f"pipeline-{index:04d}"
        team.mkdir(parents=True, exist_ok=True)
        path = team / "readiness-review.toml"
        if index % 97 == 0:
            path.write_text("schema_version = 1\ntitle = 'broken\n", encoding="utf-8")
            continue
        review = new_review(f"pipeline {index}", "airflow", "truthound")
        answered = keys if index % 2 == 0 else keys[: 10 + index % 25]
        record_many(review, [AnswerInput(key, ANSWERS[key]) for key in answered], by="bench")
        if index % 2 == 0:
            review.probe = _snapshot()
        if index % 5 == 0:
            review.waivers.append(
                Waiver(
                    item="observability",
                    reason="alerting moves to the new pager next quarter",
                    owner="lead",
                    expires=date.today() + timedelta(days=index % 60 - 20),
                )
            )
        if index % 3 == 0:
            create_signoff(review, reviewer="rev", role="approver", decision="approve")
            if index % 6 == 0:
                review.title += " (edited after sign-off)"
        create_review(path, review)


def _time(action: object, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trr-bench-status-") as name:
        root = Path(name)
        generate(root, args.files)
        files = find_review_files([root])
        portfolio([root], date.today())  # warm-up: imports and the knowledge base, once

        def bare() -> None:
            for path in files:
                with contextlib.suppress(tomllib.TOMLDecodeError):
                    tomllib.loads(path.read_bytes().decode("utf-8"))

        def status() -> None:
            portfolio([root], date.today())

        baseline = _time(bare, args.rounds)
        measured = _time(status, args.rounds)
    print(f"files: {len(files)} review files ({args.rounds} rounds, median)")
    for label, seconds in (("tomllib parse loop", baseline), ("status", measured)):
        per_file = seconds / len(files) * 1e6
        print(f"{label + ':':<20}{seconds * 1000:8.1f} ms  ({per_file:.0f} us/file)")
    print(f"ratio: {measured / baseline:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
