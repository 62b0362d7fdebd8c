"""Benchmark: scan a generated 5,000-file pipeline project and print files per second.

Run: .venv/bin/python bench/bench_scan.py [--files N] [--runs N] [--git]

The project mixes Airflow DAGs, Prefect flows, dbt schema YAML and SQL, Kestra flows and
Markdown, with a handful of planted credentials so every rule path does real work. Lines vary
per file the way real code does (about a third of non-blank lines repeat elsewhere, as measured
on real packages); the share is printed so the number can be judged. ``--git`` puts the folder
under a real git repository first, so the ``git ls-files`` path is measured too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from wizard.core.evidence.scan import scan_project

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="report the median of N scans")
    parser.add_argument("--git", action="store_true", help="scan through git ls-files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        planted = generate(root, args.files)
        repeated = repeated_line_share(root)
        if args.git:
            subprocess.run(["git", "init", "-q", str(root)], check=True)
            subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
        timings: list[float] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            scan = scan_project(root)
            timings.append(time.perf_counter() - started)
    elapsed = statistics.median(timings)
    print(
        f"scanned {scan.files_scanned} files ({repeated:.0%} of non-blank lines repeat) in "
        f"{elapsed:.2f} s, median of {args.runs} ({scan.files_scanned / elapsed:,.0f} files/s; "
        f"runs {', '.join(f'{t:.2f}' for t in timings)} s); "
        f"{len(scan.secrets)} secret finding(s) (planted {planted}), "
        f"{len(scan.settings)} setting finding(s), hosts {', '.join(scan.hosts_detected)}"
    )


if __name__ == "__main__":
    main()
