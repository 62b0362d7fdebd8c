"""Benchmark: the project scan on a generated 5,000-file project, against detect-secrets' CLI.

Run: .venv/bin/python bench/bench_scan.py [--files N] [--runs N] [--venv-files N]

The project mixes Airflow DAGs, Prefect flows, dbt schema YAML and SQL, Kestra flows and
Markdown, with a handful of planted credentials so every rule path does real work. Lines vary
per file the way real code does (about a third of non-blank lines repeat elsewhere, as measured
on real packages); the share is printed so the number can be judged. Each run is a whole
process (interpreter start included): wall time, CPU time of the process and its children (CPU
/ wall near 2 means both cores worked), and the peak resident memory of the whole process tree,
sampled from /proc. Interleaved in the same run: the `detect-secrets scan --all-files` CLI on the
same folder (the baseline), the scan through `git ls-files`, and the same git work tree with a
committed virtualenv, whose cost is the difference between those two.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_DAG = '''
"""Quality checks for the {team} team's tables, pipeline {n}."""

from datetime import datetime, timedelta

from airflow import DAG
from truthound_airflow import DataQualityCheckOperator

OWNER = "team-{team}"
TABLES_{n} = ["orders_{n}", "customers_{n}", "payments_{m}", "shipments_{m}"]

default_args = {{"owner": OWNER, "retries": {retries}, "retry_delay": timedelta(minutes={m})}}


def notify_{n}(context):
    print("dag_{n} failed in", context["task_instance"].task_id, "for team {team}")


with DAG(
    dag_id="dag_{n}",
    start_date=datetime(2024, 1, {day}),
    schedule="{minute} 3 * * *",
    default_args=default_args,
    on_failure_callback=notify_{n},
) as dag_{n}:
    for table in TABLES_{n}:
        DataQualityCheckOperator(
            task_id=f"check_{{table}}_{n}",
            sql=f"SELECT * FROM analytics_{team}.{{table}} WHERE day = '{{{{ ds }}}}'",
            connection_id="warehouse_{team}",
            warning_threshold=0.0{retries},
        )
'''
_FLOW = '''
"""Prefect flow {n} owned by {team}."""

from prefect import flow, task


@task(retries={retries}, retry_delay_seconds={m}, timeout_seconds={timeout})
def extract_{n}(limit: int = {n}) -> list[int]:
    return list(range(limit))


@task
def transform_{n}(rows: list[int]) -> list[int]:
    return [row * {m} for row in rows if row % {day} == 0]


@flow(name="flow-{n}-{team}")
def flow_{n}() -> int:
    rows = extract_{n}()
    return len(transform_{n}(rows))
'''
_SCHEMA = """
version: 2
models:
  - name: model_{n}
    description: "Model {n} of the {team} domain"
    columns:
      - name: id_{n}
        data_tests:
          - not_null
          - unique:
              config:
                severity: warn
      - name: amount_{m}
        data_tests:
          - dbt_utils.accepted_range:
              arguments:
                min_value: {day}
"""
_KESTRA = """
id: flow_{n}
namespace: analytics.{team}
tasks:
  - id: run_{n}
    type: io.kestra.plugin.scripts.shell.Commands
    commands:
      - echo "pipeline {n} for {team}"
      - ./load.sh --day {day} --batch {m}
    timeout: PT{m}M
"""
_SQL = """
-- model {n} for {team}
select id_{n}, amount_{m}, created_at
from {{{{ ref('model_{m}') }}}}
where amount_{m} > {n} and region = '{team}'
"""
_DOC = """
# Pipeline {n}

Owned by the {team} team; runs daily at 03:{minute:02d}.

- Source tables: orders_{n}, customers_{n}
- Alerts go to #dq-{team}
"""
_TEAMS = ("sales", "finance", "ops", "growth", "risk", "supply", "marketing", "support")
_WRITERS = (
    ("dags/dag_{n}.py", _DAG),
    ("flows/flow_{n}.py", _FLOW),
    ("models/schema_{n}.yml", _SCHEMA),
    ("kestra/flow_{n}.yml", _KESTRA),
    ("models/model_{n}.sql", _SQL),
    ("docs/note_{n}.md", _DOC),
)


def generate(root: Path, count: int) -> int:
    """Write ``count`` files; return how many credentials were planted."""
    (root / "dbt_project.yml").write_text("name: generated\nprofile: generated\n")
    planted = 0
    for n in range(count - 1):
        pattern, template = _WRITERS[n % len(_WRITERS)]
        path = root / pattern.format(n=n)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = template.format(
            n=n,
            m=n % 97,
            day=n % 28 + 1,
            minute=n % 60,
            retries=n % 4,
            timeout=300 + n % 7 * 60,
            team=_TEAMS[n % len(_TEAMS)],
        ).lstrip("\n")
        if path.suffix == ".py" and n % 1000 in {6, 7}:
            text += f'\nARCHIVE = "postgresql://etl:BenchPw{n}x@db.internal/orders"\n'
            planted += 1
        path.write_text(text)
    return planted


def repeated_line_share(root: Path) -> float:
    lines = [
        line.rstrip()
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.parts
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    return 1 - len(set(lines)) / len(lines)


def add_virtualenv(root: Path, files: int) -> None:
    """A committed virtualenv: a real ``python -m venv`` plus ``files`` installed-package files
    (the size of the 11,166-file venv seen in a real project), all added to git."""
    env = root / "orders-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = next(env.glob("lib/python*/site-packages"))
    for n in range(files):
        package = site / f"pkg_{n % 150}"
        package.mkdir(exist_ok=True)
        (package / f"mod_{n}.py").write_text(
            _FLOW.format(n=n, m=n % 97, day=n % 28 + 1, retries=1, timeout=60, team="vendor")
        )
    for link in env.rglob("*"):
        if link.is_symlink():
            link.unlink()
    subprocess.run(["git", "-C", str(root), "add", "-f", "-A"], check=True)


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss: int  # bytes, the whole process tree
    peak_pss: int

    @property
    def cores(self) -> float:
        return self.cpu / self.wall


def _tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of ``pid`` and all its descendants, from /proc. RSS counts pages that forked
    workers share with their parent once per process; PSS divides them among the sharers, so
    the tree's PSS is the memory it really holds."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            rss += int(rollup.split("\nRss:")[1].split()[0]) * 1024
            pss += int(rollup.split("\nPss:")[1].split()[0]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return rss, pss


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Wall time, CPU time of the process and its children, and the tree's peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    peak = peak_pss = 0
    while process.poll() is None:
        rss, pss = _tree_memory(process.pid)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.01)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(
            f"{command[0]} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak, peak_pss)


_OURS = (
    "import sys; from pathlib import Path; from wizard.core.evidence.scan import scan_project; "
    "s = scan_project(Path(sys.argv[1])); print(s.files_scanned, len(s.secrets))"
)


def ours(root: Path) -> list[str]:
    return [sys.executable, "-c", _OURS, str(root)]


def detect_secrets_cli() -> list[str]:
    # --all-files: every file, as our scan reads every file outside git. Run inside the folder
    # with ".": started from inside another git work tree (this repository) with the folder's
    # absolute path, detect-secrets 1.5.0 scans nothing and returns in under a second, which
    # earlier versions of this bench recorded as its time.
    return [str(Path(sys.executable).with_name("detect-secrets")), "scan", "--all-files", "."]


def check_cli_finds(root: Path, planted: int) -> None:
    """The baseline must really scan: it has to report every planted credential's file."""
    out = subprocess.run(detect_secrets_cli(), cwd=root, capture_output=True, check=True)
    found = len(json.loads(out.stdout)["results"])
    if found < planted:
        raise SystemExit(f"detect-secrets CLI reported {found} of {planted} planted files")


def _median(runs: list[Run]) -> Run:
    ordered = sorted(runs, key=lambda run: run.wall)
    middle = ordered[len(ordered) // 2]
    return Run(
        middle.wall,
        middle.cpu,
        max(run.peak_rss for run in runs),
        max(run.peak_pss for run in runs),
    )


def _row(label: str, run: Run, files: int) -> str:
    return (
        f"| {label} | {run.wall:.2f} s | {files / run.wall:,.0f} | {run.cpu:.2f} s | "
        f"{run.cores:.2f} | {run.peak_rss / 2**20:.0f} MiB | {run.peak_pss / 2**20:.0f} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="median of N interleaved runs")
    parser.add_argument("--venv-files", type=int, default=11000)
    args = parser.parse_args()
    # Imported here: the tests load this module for generate() without bench/ on sys.path.
    from child_env import use_bytecode

    use_bytecode(REPO)  # see bench/child_env.py: otherwise every scan sample recompiles the wizard
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        plain, in_git, with_venv = Path(tmp, "plain"), Path(tmp, "git"), Path(tmp, "venv")
        for root in (plain, in_git, with_venv):
            root.mkdir()
            planted = generate(root, args.files)
        for root in (in_git, with_venv):
            subprocess.run(["git", "init", "-q", str(root)], check=True)
            subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
        add_virtualenv(with_venv, args.venv_files)
        repeated = repeated_line_share(plain)
        check_cli_finds(plain, planted)
        results: dict[str, list[Run]] = {"ours": [], "cli": [], "git": [], "venv": []}
        for _ in range(args.runs):  # interleaved, so load from other processes hits all alike
            results["ours"].append(measure(ours(plain)))
            results["cli"].append(measure(detect_secrets_cli(), cwd=plain))
            results["git"].append(measure(ours(in_git)))
            results["venv"].append(measure(ours(with_venv)))
    medians = {name: _median(runs) for name, runs in results.items()}
    files = args.files
    print(f"{files} files, {planted} planted credentials, {repeated:.0%} of non-blank lines repeat")
    # CPU time is shown too: on a shared machine the wall time is what other load allowed.
    print("| Run | Median wall | Files/s | CPU | CPU / wall | Peak RSS (tree) | Peak PSS (tree) |")
    print("|-----|-------------|---------|-----|------------|-----------------|-----------------|")
    print(_row("scan, plain folder", medians["ours"], files))
    print(_row("detect-secrets CLI, same folder", medians["cli"], files))
    print(_row("scan, git work tree", medians["git"], files))
    print(
        _row(
            f"scan, git work tree + committed venv ({args.venv_files} files)",
            medians["venv"],
            files,
        )
    )
    ratio = medians["ours"].wall / medians["cli"].wall
    delta = medians["venv"].wall - medians["git"].wall
    print(f"ratio to detect-secrets CLI: {ratio:.2f}x; the committed venv adds {delta:+.2f} s")
    for name, runs in results.items():
        print(f"  {name}: " + ", ".join(f"{run.wall:.2f}" for run in runs) + " s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
