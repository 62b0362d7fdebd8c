"""Benchmark: whole ``truthound-readiness`` processes against floors measured in the same run.

Run: .venv/bin/python bench/bench_cli.py [--runs N] [--only NAME ...] [--tree PATH]

Every sample is a fresh process started with this interpreter (``python -m wizard ...``), so
interpreter start-up, imports and exit are all counted, as the operator waits for them. The
wizard and its baseline are run one after the other in each round (the order alternates), so
load from other processes falls on both alike; the table gives medians of wall time and of the
children's CPU time, and the ratio of the medians.

Floors: ``python -c pass`` for ``--version`` and ``--help``; a script that only parses the same
TOML file with ``tomllib`` for ``check``, ``questions`` and ``answer``; a script looping over the
same review files with ``tomllib`` for ``status``. ``--tree PATH`` runs the wizard from another
checkout (e.g. main's, for before/after numbers); the module is found through the working
directory, the interpreter and its packages stay the same.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from child_env import use_bytecode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

PY = sys.executable
BARE_PREFLIGHT = (
    "from common.engines import EngineCreationRequest, normalize_runtime_context, run_preflight\n"
    "context = normalize_runtime_context(platform='airflow')\n"
    "report = run_preflight(EngineCreationRequest(engine_name='truthound', "
    "runtime_context=context))\n"
    "print(report.compatibility.compatible)\n"
)
PARSE_ONE = "import sys, tomllib\nwith open(sys.argv[1], 'rb') as f: tomllib.load(f)\n"
PARSE_ALL = (
    "import sys, tomllib\nfrom pathlib import Path\n"
    "for p in sorted(Path(sys.argv[1]).rglob('*.toml')):\n"
    "    try: tomllib.loads(p.read_bytes().decode('utf-8'))\n"
    "    except tomllib.TOMLDecodeError: pass\n"
)


@dataclass
class Case:
    name: str
    wizard: list[str]
    baseline: list[str]
    target: float
    # Run before each wizard sample (e.g. so `answer` always changes something).
    prepare: Callable[[int], None] | None = None
    walls: dict[str, list[float]] = field(default_factory=lambda: {"wizard": [], "base": []})
    cpus: dict[str, list[float]] = field(default_factory=lambda: {"wizard": [], "base": []})


def _sample(command: list[str], cwd: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _reviews(folder: Path) -> tuple[Path, Path, Path]:
    """One answered review, and folders of new and of answered reviews for `status`."""
    from bench_status import ANSWERS, _snapshot

    from wizard.core.review.answers import AnswerInput, record_many
    from wizard.core.review.store import create_review, new_review

    def answered(path: Path, index: int) -> None:
        review = new_review(f"pipeline {index}", "airflow", "truthound")
        record_many(review, [AnswerInput(k, v) for k, v in ANSWERS.items()], by="bench")
        review.probe = _snapshot()
        create_review(path, review)

    one = folder / "one" / "readiness-review.toml"
    one.parent.mkdir(parents=True)
    answered(one, 0)
    new_dir, answered_dir = folder / "new", folder / "answered"
    return one, new_dir, answered_dir


def _portfolio(root: Path, count: int, *, full: bool) -> None:
    from bench_status import ANSWERS, _snapshot

    from wizard.core.review.answers import AnswerInput, record_many
    from wizard.core.review.store import create_review, new_review

    # Writing 10,000 reviews through the store is slow; one review of each kind is written and
    # its bytes copied (each file is still parsed, validated and evaluated on its own).
    review = new_review("pipeline", "airflow", "truthound")
    if full:
        record_many(review, [AnswerInput(k, v) for k, v in ANSWERS.items()], by="bench")
        review.probe = _snapshot()
    template = root.parent / f"template-{root.name}.toml"
    create_review(template, review)
    text = template.read_text(encoding="utf-8")
    for index in range(count):
        path = root / f"team-{index % 25:02d}" / f"pipeline-{index:05d}" / "readiness-review.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace('title = "pipeline"', f'title = "p {index}"'), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--tree", type=Path, default=REPO, help="checkout to run the wizard from")
    parser.add_argument("--status-files", type=int, default=1000)
    parser.add_argument(
        "--probe-python",
        default=None,
        metavar="PATH",
        help="also time `probe --python PATH --json` against a bare run_preflight script there",
    )
    parser.add_argument(
        "--linear", type=int, default=0, help="also time status over this many answered reviews"
    )
    args = parser.parse_args()
    use_bytecode(args.tree)  # see bench/child_env.py: otherwise every sample recompiles the wizard
    wizard = [PY, "-m", "wizard"]
    with tempfile.TemporaryDirectory(prefix="trr-bench-cli-") as name:
        root = Path(name)
        one, new_dir, answered_dir = _reviews(root)
        questions_toml = REPO / "wizard" / "core" / "kb" / "questions.toml"
        scratch = root / "scratch.toml"
        scratch.write_bytes(one.read_bytes())

        def restore(run: int) -> None:
            del run  # every `answer` sample starts from the same file, so each one saves
            scratch.write_bytes(one.read_bytes())

        cases = [
            Case("version", [*wizard, "--version"], [PY, "-c", "pass"], 3.0),
            Case("help", [*wizard, "--help"], [PY, "-c", "pass"], 3.0),
            Case("check", [*wizard, "check", str(one)], [PY, "-c", PARSE_ONE, str(one)], 3.0),
            Case(
                "questions",
                [*wizard, "questions", "--format", "json"],
                [PY, "-c", PARSE_ONE, str(questions_toml)],
                3.0,
            ),
            Case(
                "answer",
                [
                    *wizard,
                    "answer",
                    str(scratch),
                    "ops.caching",
                    "host_not_gating",
                    "--by",
                    "bench",
                ],
                [PY, "-c", PARSE_ONE, str(scratch)],
                3.0,
                prepare=restore,
            ),
        ]
        if args.probe_python:
            # The command also runs the engine smoke run in a second process; the bare script
            # is only the preflight, as in bench_probe.py.
            cases.append(
                Case(
                    "probe",
                    [
                        *wizard,
                        "probe",
                        "--python",
                        args.probe_python,
                        "--host",
                        "airflow",
                        "--json",
                    ],
                    [args.probe_python, "-c", BARE_PREFLIGHT],
                    1.3,
                )
            )
        wanted = set(args.only) if args.only else None
        if wanted is None or wanted & {"status-new", "status-answered", "status-linear"}:
            _portfolio(new_dir, args.status_files, full=False)
            _portfolio(answered_dir, args.status_files, full=True)
            cases += [
                Case(
                    "status-new",
                    [*wizard, "status", str(new_dir)],
                    [PY, "-c", PARSE_ALL, str(new_dir)],
                    3.0,
                ),
                Case(
                    "status-answered",
                    [*wizard, "status", str(answered_dir)],
                    [PY, "-c", PARSE_ALL, str(answered_dir)],
                    1.3,
                ),
            ]
            if args.linear:
                big = root / "big"
                _portfolio(big, args.linear, full=True)
                # Linear: 10x the reviews should cost 10x the parse loop's ratio, no more.
                cases.append(
                    Case(
                        "status-linear",
                        [*wizard, "status", str(big)],
                        [PY, "-c", PARSE_ALL, str(big)],
                        1.3,
                    )
                )
        if wanted is not None:
            cases = [case for case in cases if case.name in wanted]
        env_load = os.getloadavg()
        for run in range(args.runs + 1):  # the first round warms caches and is dropped
            for case in cases:
                if case.prepare is not None:
                    case.prepare(run)
                order = ("wizard", "base") if run % 2 else ("base", "wizard")
                for side in order:
                    command = case.wizard if side == "wizard" else case.baseline
                    wall, cpu = _sample(command, args.tree)
                    if run:
                        case.walls[side].append(wall)
                        case.cpus[side].append(cpu)
    print(f"tree: {args.tree}  runs: {args.runs}  load average at start: {env_load[0]:.2f}")
    print(f"{'case':<26}{'wizard':>10}{'floor':>10}{'ratio':>8}{'cpu ratio':>11}{'target':>9}")
    for case in cases:
        wall = {side: statistics.median(values) for side, values in case.walls.items()}
        cpu = {side: statistics.median(values) for side, values in case.cpus.items()}
        ratio = wall["wizard"] / wall["base"]
        cpu_ratio = cpu["wizard"] / cpu["base"]
        verdict = "met" if ratio <= case.target else "missed"
        print(
            f"{case.name:<26}{wall['wizard'] * 1000:8.0f}ms{wall['base'] * 1000:8.0f}ms"
            f"{ratio:7.2f}x{cpu_ratio:10.2f}x  <={case.target:.1f}x {verdict}"
        )


if __name__ == "__main__":
    main()
