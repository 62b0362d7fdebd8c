"""`truthound-readiness probe` end to end: real subprocesses, real venvs, real review files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.target_venv import make_fake_venv
from wizard.cli.commands.probe import snapshot_to_dict
from wizard.core.evidence.probe import PreflightInputs, take_snapshot

pytestmark = pytest.mark.target_venv


def wizard(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
        check=False,
    )


def metadata_overlay(tmp_path: Path, packages: dict[str, str]) -> dict[str, str]:
    """PYTHONPATH pointing at extra .dist-info folders: the target venv then 'has' a host."""
    overlay = tmp_path / "overlay"
    for name, version in packages.items():
        info = overlay / f"{name.replace('-', '_')}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    return {"PYTHONPATH": str(overlay)}


def test_json_report_has_the_documented_fields(target_python: str, tmp_path: Path) -> None:
    done = wizard("probe", "--python", target_python, "--host", "airflow", "--json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # airflow is not installed there: not ready
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["python"]["version"].startswith("3.11.")
    assert report["python"]["executable"] == target_python
    assert report["packages"]["truthound-orchestration"] == "3.0.3"
    [host] = report["hosts"]
    assert {key: host[key] for key in ("name", "version", "verdict")} == {
        "name": "airflow",
        "version": None,
        "verdict": "missing",
    }
    assert "apache-airflow" in host["reason"]
    assert report["preflight"]["ran"] is True and report["preflight"]["compatible"] is True
    assert {"name", "status", "message"} <= set(report["preflight"]["checks"][0])
    assert "drift" not in report


def test_ready_environment_exits_zero_with_text_report(target_python: str, tmp_path: Path) -> None:
    env = metadata_overlay(tmp_path, {"dagster": "1.12.18"})
    done = wizard("probe", "--python", target_python, "--host", "dagster", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dagster (chosen): in-range - Dagster 1.12.18 on Python 3.11" in done.stdout
    assert "Preflight (truthound 3.2.0): compatible" in done.stdout
    assert "truthound_runtime [wizard]" in done.stdout


def test_pandera_engine_without_pandera_is_not_ready(target_python: str, tmp_path: Path) -> None:
    env = metadata_overlay(tmp_path, {"prefect": "3.6.29"})
    done = wizard(
        "probe",
        "--python",
        target_python,
        "--host",
        "prefect",
        "--engine",
        "pandera",
        "--json",
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 1
    checks = {c["name"]: c for c in json.loads(done.stdout)["preflight"]["checks"]}
    assert checks["engine_runtime"]["status"] == "passed"
    assert checks["engine_library"]["status"] == "failed"


def test_review_supplies_inputs_saves_the_snapshot_and_reports_drift(
    target_python: str, tmp_path: Path
) -> None:
    earlier = str(make_fake_venv(tmp_path / "old-venv", {"apache-airflow": "2.9.3"}))
    review = tmp_path / "review.toml"
    assert (
        wizard(
            "new", str(review), "--host", "airflow", "--python", earlier, cwd=tmp_path
        ).returncode
        == 0
    )
    for question, value in (("source.kind", "sql"), ("source.reference", "analytics.users")):
        answered = wizard("answer", str(review), question, value, cwd=tmp_path)
        assert answered.returncode == 0, answered.stderr

    first = wizard("probe", "--review", str(review), "--json", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    first_report = json.loads(first.stdout)
    assert first_report["preflight"]["ran"] is False  # no truthound-orchestration in that venv
    assert "pip install truthound-orchestration" in first_report["preflight"]["error"]
    assert "[probe.environment]" in review.read_text()

    second = wizard(
        "probe", "--review", str(review), "--python", target_python, "--json", cwd=tmp_path
    )
    report = json.loads(second.stdout)
    assert "truthound-orchestration now installed: 3.0.3" in report["drift"]
    assert "apache-airflow now missing" in report["drift"]
    assert "airflow verdict in-range -> missing" in report["drift"]
    shape = next(c for c in report["preflight"]["checks"] if c["name"] == "source_shape")
    assert shape["status"] == "failed"  # a bare relation, passed as sql=, with no connection

    contradicting = wizard("probe", "--review", str(review), "--host", "dbt", cwd=tmp_path)
    assert contradicting.returncode == 2
    assert "--host dbt contradicts the review" in contradicting.stderr


def test_secret_in_source_never_reaches_the_json(target_python: str) -> None:
    inputs = PreflightInputs(
        host="airflow", source_kind="remote_uri", source_reference="postgresql://u:secret@h/db"
    )
    report = snapshot_to_dict(take_snapshot(target_python, inputs, 120), None)
    assert report["preflight"]["ran"] and report["preflight"]["source_kind"] == "remote_uri"
    assert "secret" not in json.dumps(report)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--python", "/nowhere/python"], "error: the interpreter /nowhere/python does not exist"),
        (["--timeout", "0"], "argument --timeout: '0' is not a positive number of seconds"),
        (["--host", "luigi"], "invalid choice: 'luigi'"),
    ],
)
def test_bad_input_exits_two(tmp_path: Path, args: list[str], message: str) -> None:
    done = wizard("probe", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
