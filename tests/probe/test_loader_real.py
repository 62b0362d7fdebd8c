"""The host's own loader in a real venv: Airflow's DagBag reports planted import errors.

Airflow 3.2.0 is built for every run (cached). The other loaders (Prefect, Dagster, dbt parse)
each need a 400-500 MB host venv; they run when TRUTHOUND_READINESS_HOST_VENVS=1 and are
skipped otherwise, to keep CI time in check.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.probe.loader_projects import LOADED, PLANTED, write_project
from tests.probe.test_probe_cli import wizard
from tests.support.target_venv import ORCHESTRATION, ensure_venv
from wizard.core.evidence.probe.environment import probe_environment
from wizard.core.evidence.probe.loader import load_project
from wizard.core.review.observations import ProjectLoad

pytestmark = pytest.mark.target_venv
OTHER_HOSTS = {
    "prefect": (ORCHESTRATION, "prefect==3.6.29"),
    "dagster": (ORCHESTRATION, "dagster==1.12.18"),
    "dbt": (ORCHESTRATION, "dbt-core>=1.10,<1.11", "dbt-postgres==1.10.0"),
}


def loaded(python: str, host: str, project: Path, timeout: float = 120) -> ProjectLoad:
    packages = probe_environment(python, timeout=60).packages
    return load_project(python, host, project, packages, timeout)


def assert_planted_errors_found(result: ProjectLoad, host: str) -> None:
    assert result.ran, result.error
    reported = [(error.file, error.line, error.message) for error in result.import_errors]
    assert len(reported) == len(PLANTED[host]), reported
    for file, line, phrase in PLANTED[host]:
        assert any(f == file and n == line and phrase in m for f, n, m in reported), reported
    if LOADED[host] is not None:
        assert LOADED[host] in result.loaded
    assert result.project_writes == []  # no __pycache__, no logs in the project


def test_the_dagbag_reports_each_planted_import_error_with_file_and_line(
    tmp_path: Path, airflow_python: str
) -> None:
    result = loaded(airflow_python, "airflow", write_project(tmp_path, "airflow"))
    assert result.loader == "airflow.dag_processing.dagbag.BundleDagBag"
    assert_planted_errors_found(result, "airflow")
    helper = next(e for e in result.import_errors if e.file == "dags/helpers/paths.py")
    assert helper.reported_for == "dags/broken_dag.py"  # the DAG whose import failed


def test_check_with_load_project_fails_the_gate_at_the_planted_line(
    tmp_path: Path, airflow_python: str
) -> None:
    project = write_project(tmp_path / "project", "airflow")
    review = tmp_path / "review.toml"
    created = wizard("new", str(review), "--host", "airflow", "--title", "Orders", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    done = wizard(
        *("check", str(review), "--probe", "--python", airflow_python, "--project", str(project)),
        *("--load-project", "--format", "json"),
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    gate = next(i for i in json.loads(done.stdout)["items"] if i["id"] == "preflight-gate")
    assert any(r.startswith("dags/helpers/paths.py:4: Airflow's loader") for r in gate["reasons"])
    assert any(r.startswith("dags/syntax_dag.py:5:") for r in gate["reasons"])


def test_probe_text_says_it_ran_the_projects_code(tmp_path: Path, airflow_python: str) -> None:
    project = write_project(tmp_path, "airflow")
    done = wizard(
        *("probe", "--python", airflow_python, "--host", "airflow"),
        *("--load-project", "--project", str(project)),
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert "Project load (ran the project's code;" in done.stdout
    assert "FAILED  dags/helpers/paths.py:4: NameError" in done.stdout


def test_a_dag_that_hangs_at_import_is_cut_off(tmp_path: Path, airflow_python: str) -> None:
    dags = tmp_path / "dags"
    dags.mkdir()
    (dags / "slow_dag.py").write_text(
        "import time\nfrom airflow import DAG\ntime.sleep(600)\n", encoding="utf-8"
    )
    result = loaded(airflow_python, "airflow", tmp_path, timeout=8)
    assert result.ran is False
    assert result.error is not None and "did not finish within 8 seconds" in result.error


def test_without_the_host_installed_the_loader_says_it_could_not_run(
    tmp_path: Path, target_python: str
) -> None:
    result = loaded(target_python, "airflow", write_project(tmp_path, "airflow"))
    assert result.ran is False
    assert result.error is not None and "Airflow is not installed in" in result.error


@pytest.mark.skipif(
    os.environ.get("TRUTHOUND_READINESS_HOST_VENVS") != "1",
    reason="host venvs of 400-500 MB each: set TRUTHOUND_READINESS_HOST_VENVS=1 to build them",
)
@pytest.mark.parametrize("host", sorted(OTHER_HOSTS))
def test_the_other_host_loaders_report_planted_errors(tmp_path: Path, host: str) -> None:
    python = str(ensure_venv(f"{host}-host", OTHER_HOSTS[host]))
    assert_planted_errors_found(loaded(python, host, write_project(tmp_path, host)), host)
