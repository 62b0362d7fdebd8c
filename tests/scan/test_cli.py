"""``truthound-readiness scan`` end to end: a real process on real sample projects."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.scan.projects import BUILDERS, airflow_project, dbt_project
from wizard.core.review.model import Review
from wizard.core.review.observations import EnvironmentFacts, ProbeSnapshot
from wizard.core.review.store import load_review, update_review
from wizard.core.safety.credentials import fingerprint

CLI = [sys.executable, "-m", "wizard"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_json_report_lists_hosts_secrets_and_settings_without_values(tmp_path: Path) -> None:
    project = airflow_project(tmp_path / "project", planted=True)
    result = run("scan", str(project.root), "--json", "--host", "airflow", cwd=tmp_path)
    assert result.returncode == 1, "planted credentials that no allowlist covers fail the scan"
    report = json.loads(result.stdout)
    assert report["hosts"] == ["airflow"] and report["layout_mismatch"] is None
    prints = {(s["file"], s["fingerprint"]) for s in report["secrets"]}
    for planted in project.planted:
        assert (planted.file, fingerprint(planted.value)) in prints
        assert planted.value not in result.stdout + result.stderr
    assert set(report["secrets"][0]) == {
        "file",
        "line",
        "kind",
        "rule",
        "fingerprint",
        "redacted",
        "allowed_by",
        "allowed_reason",
    }
    threshold = next(s for s in report["settings"] if s["kind"] == "warning_threshold")
    assert threshold["item"] == "fail-semantics" and "percent" in threshold["misleading"]


def test_text_report_never_prints_a_secret_value(tmp_path: Path) -> None:
    for host, build in BUILDERS.items():
        project = build(tmp_path / host, planted=True)
        result = run("scan", str(project.root), cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        output = result.stdout + result.stderr
        assert output.startswith("Scanned ") and str(project.root.resolve()) in output
        assert "Committed credentials:" in output and "open, 0 allowed" in output
        for planted in project.planted:
            assert planted.value not in output
            assert fingerprint(planted.value) in output


def test_directory_defaults_to_the_current_folder(tmp_path: Path) -> None:
    dbt_project(tmp_path, planted=False)
    result = run("scan", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hosts"] == ["dbt"]


def test_mismatched_host_is_reported_but_still_exits_zero(tmp_path: Path) -> None:
    dbt_project(tmp_path, planted=False)
    result = run("scan", ".", "--host", "prefect", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "does not look like a Prefect project" in result.stdout


def test_missing_folder_is_exit_two_with_a_clear_message(tmp_path: Path) -> None:
    result = run("scan", str(tmp_path / "nope"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "no such folder to scan" in result.stderr


def test_review_gets_the_scan_in_its_probe_snapshot(tmp_path: Path) -> None:
    project = airflow_project(tmp_path / "pipeline", planted=True)
    created = run("new", "--host", "airflow", "--project", "pipeline", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    review_path = tmp_path / "readiness-review.toml"
    result = run("scan", "--review", str(review_path), "--exit-zero", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Scan saved into {review_path}" in result.stdout
    review = load_review(review_path).review
    assert review.probe is not None and review.probe.scan is not None
    scan = review.probe.scan
    # Stored relative to the review file, so the committed review names it in every clone.
    assert scan.root == "pipeline"
    assert scan.hosts_detected == ["airflow"]
    stored = {finding.fingerprint for finding in scan.secrets}
    assert {fingerprint(planted.value) for planted in project.planted} <= stored
    saved_text = review_path.read_text(encoding="utf-8")
    for planted in project.planted:
        assert planted.value not in saved_text


def test_host_contradicting_the_review_is_bad_input(tmp_path: Path) -> None:
    assert run("new", "--host", "dbt", cwd=tmp_path).returncode == 0
    result = run("scan", "--review", "readiness-review.toml", "--host", "kestra", cwd=tmp_path)
    assert result.returncode == 2
    assert "--host kestra contradicts the review" in result.stderr


def test_scan_replaces_only_the_scan_of_an_existing_snapshot(tmp_path: Path) -> None:
    dbt_project(tmp_path, planted=True)
    assert run("new", "--host", "dbt", cwd=tmp_path).returncode == 0
    review_path = tmp_path / "readiness-review.toml"
    taken = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

    def add_probe(review: Review) -> None:
        review.probe = ProbeSnapshot(
            taken_at=taken,
            environment=EnvironmentFacts(executable="/opt/py/bin/python", python_version="3.12.3"),
        )

    update_review(review_path, add_probe)
    assert run("scan", "--review", str(review_path), cwd=tmp_path).returncode == 1
    probe = load_review(review_path).review.probe
    assert probe is not None and probe.scan is not None
    assert probe.taken_at == taken
    assert probe.environment is not None and probe.environment.python_version == "3.12.3"
    assert {finding.rule for finding in probe.scan.secrets} == {
        "dbt-profile-literal",
        "dbt-env-var-default",
    }
