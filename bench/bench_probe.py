"""Probe cost against doing the same thing by hand in the same target interpreter.

    .venv/bin/python bench/bench_probe.py [--python PATH] [--runs N]

1. Full probe with preflight (``take_snapshot``: one subprocess, package scan, real
   ``run_preflight``, gap checks, parsing) vs a bare script that imports ``common.engines`` and
   calls ``run_preflight`` with the same inputs. Target: at most 1.3x.
2. Environment scan without preflight (``probe_environment``) vs ``python -m pip list
   --format=json`` in the same interpreter. Target: at most 0.5x.
3. Engine smoke run (``run_smoke``: a temporary working directory, the engine created the way
   the host does, check and drift called with time limits, the answer parsed) vs a bare script
   that creates the engine and makes the same two calls on the same frame. Target: at most 1.3x.

Without --python it uses the test suite's cached venv with truthound-orchestration 3.0.3.
Prints medians and ratios; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from child_env import use_bytecode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.target_venv import ensure_target_venv  # noqa: E402
from wizard.core.evidence.probe import PreflightInputs, probe_environment, take_snapshot  # noqa: E402
from wizard.core.evidence.probe.smoke import run_smoke  # noqa: E402

INPUTS = PreflightInputs(
    host="airflow",
    source_kind="sql",
    source_reference="SELECT * FROM users",
    connection="warehouse",
    operations=("check", "drift"),
)
BARE_PREFLIGHT = """
from common.engines import EngineCreationRequest, normalize_runtime_context, run_preflight
context = normalize_runtime_context(platform="airflow", connection_id="warehouse")
report = run_preflight(EngineCreationRequest(engine_name="truthound", runtime_context=context),
                       sql="SELECT * FROM users", required_operations=["check", "drift"])
print(report.compatibility.compatible)
"""
BARE_SMOKE = """
import os, tempfile
os.chdir(tempfile.mkdtemp())
import polars
from common.engines import EngineCreationRequest, create_engine, normalize_runtime_context
from common.orchestration import execute_operation
rows = [{"id": n, "name": f"user{n}", "amount": float(10 + n)} for n in range(1, 13)]
frame = polars.DataFrame(rows)
engine = create_engine(EngineCreationRequest(engine_name="truthound",
    runtime_context=normalize_runtime_context(platform="airflow")))
engine.start()
execute_operation("check", engine, data=frame, rules=None)
try:
    execute_operation("drift", engine, baseline=frame, current=frame)
except Exception:
    pass
"""


def median_seconds(action: Callable[[], object], runs: int) -> float:
    action()  # warm the OS file cache so neither side pays for the first cold read
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run_quietly(command: list[str]) -> None:
    subprocess.run(command, capture_output=True, check=True)


def report(label: str, ours: float, theirs: float, target: float) -> bool:
    ratio = ours / theirs
    verdict = "ok" if ratio <= target else "MISSED"
    print(
        f"{label}: {ours * 1000:.0f} ms vs {theirs * 1000:.0f} ms -> {ratio:.2f}x "
        f"(target <= {target}x) {verdict}"
    )
    return ratio <= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="target interpreter (default: the cached test venv)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    use_bytecode(REPO)  # see bench/child_env.py; the probe's scripts inherit the environment
    python = args.python or str(ensure_target_venv())
    print(f"target interpreter: {python}; median of {args.runs} runs")

    full = median_seconds(lambda: take_snapshot(python, INPUTS, 120, smoke=False), args.runs)
    bare = median_seconds(lambda: run_quietly([python, "-c", BARE_PREFLIGHT]), args.runs)
    scan = median_seconds(lambda: probe_environment(python, 120), args.runs)
    pip_list = median_seconds(
        lambda: run_quietly([python, "-m", "pip", "list", "--format=json"]), args.runs
    )

    smoke = median_seconds(lambda: run_smoke(python, INPUTS, None), args.runs)
    bare_smoke = median_seconds(lambda: run_quietly([python, "-c", BARE_SMOKE]), args.runs)

    ok = report("full probe with preflight vs bare run_preflight", full, bare, 1.3)
    ok &= report("environment scan vs pip list --format=json", scan, pip_list, 0.5)
    ok &= report("engine smoke run vs the same calls by hand", smoke, bare_smoke, 1.3)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
