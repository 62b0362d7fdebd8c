"""SARIF from ``scan --format sarif`` and ``check --format sarif``: real processes on real git
repositories, every log validated against the official SARIF 2.1.0 schema (tests/data)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.scan.projects import airflow_project, git_init
from tests.signoff.builders import mixed_review
from wizard.core.evidence.scan import scan_project
from wizard.core.review.store import create_review
from wizard.core.safety.credentials import fingerprint

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text())
CLI = [sys.executable, "-m", "wizard"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [*CLI, *(str(arg) for arg in args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)


def valid_log(text: str) -> dict[str, Any]:
    """The parsed log, after the schema (with its uri / date-time formats) accepted it."""
    log: dict[str, Any] = json.loads(text)
    validator = jsonschema.validators.validator_for(SCHEMA)
    validator(SCHEMA, format_checker=validator.FORMAT_CHECKER).validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    for result in run_["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"] and rule["helpUri"].startswith("https://")
        assert result["partialFingerprints"]["truthound-readiness/v1"]
    return log


def by_identity(log: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (
            result["ruleId"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            result["partialFingerprints"]["truthound-readiness/v1"],
        ): result
        for result in log["runs"][0]["results"]
    }


def test_scan_sarif_validates_and_its_fingerprints_survive_a_rescan_and_a_line_move(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    project = airflow_project(repo / "pipelines" / "orders", planted=True)
    git_init(repo)
    first = run("scan", "pipelines/orders", "--format", "sarif", cwd=repo)
    second = run("scan", repo / "pipelines" / "orders", "--format", "sarif", cwd=tmp_path)
    # Planted credentials no allowlist covers: the scan fails, and still writes the whole log.
    assert first.returncode == 1 and second.returncode == 1, first.stderr + second.stderr
    log = valid_log(first.stdout)
    assert first.stdout == second.stdout  # the same state gives the same log, from any folder
    results = log["runs"][0]["results"]
    for planted in project.planted:
        assert planted.value not in first.stdout
        matches = [
            result
            for result in results
            if result["ruleId"] == f"secret/{planted.rule}"
            and result["properties"]["fingerprint"] == fingerprint(planted.value)
        ]
        assert len(matches) == 1, planted
        location = matches[0]["locations"][0]["physicalLocation"]
        # Relative to the repository root, not to the scanned folder.
        assert location["artifactLocation"] == {
            "uri": f"pipelines/orders/{planted.file}",
            "uriBaseId": "%SRCROOT%",
        }
    rules = {result["ruleId"] for result in results}
    assert "setting/misleading-timeout" in rules  # timeout_seconds on a Truthound operator
    security = [
        r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"].startswith("secret/")
    ]
    assert all(rule["properties"]["security-severity"] == "8.0" for rule in security)

    dag = repo / "pipelines" / "orders" / "dags" / "orders_quality.py"
    dag.write_text("# moved down by two lines\n\n" + dag.read_text(encoding="utf-8"))
    moved = valid_log(run("scan", "pipelines/orders", "--format", "sarif", cwd=repo).stdout)
    assert by_identity(moved).keys() == by_identity(log).keys()
    for key, result in by_identity(moved).items():
        before = by_identity(log)[key]["locations"][0]["physicalLocation"]["region"]["startLine"]
        after = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert after == before + (2 if key[1].endswith("orders_quality.py") else 0)


def test_an_allowed_credential_is_a_suppressed_result(tmp_path: Path) -> None:
    project = airflow_project(tmp_path / "repo", planted=True)
    helpers = project.root / "plugins" / "export_helpers.py"
    text = helpers.read_text(encoding="utf-8").replace(
        '")\n', '")  # readiness: allow-secret maria revoked key kept for the replay test\n'
    )
    helpers.write_text(text, encoding="utf-8")
    git_init(project.root)
    log = valid_log(run("scan", "--format", "sarif", cwd=project.root).stdout)
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in suppressed
    ] == ["plugins/export_helpers.py"]
    assert suppressed[0]["suppressions"][0]["kind"] == "inSource"
    assert "maria" in suppressed[0]["suppressions"][0]["justification"]


@pytest.fixture
def checked_repo(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A repository with a not-ready review under services/shop whose stored scan found the
    planted project's credentials."""
    repo = tmp_path / "repo"
    project = airflow_project(repo / "services" / "shop", planted=True)
    review = mixed_review()
    assert review.probe is not None
    review.probe.scan = scan_project(project.root, chosen_host="airflow")
    path = repo / "services" / "shop" / "readiness-review.toml"
    create_review(path, review)
    git_init(repo)
    return repo, path, [planted.value for planted in project.planted]


def test_check_sarif_locates_failing_items_in_the_review_and_findings_in_the_project(
    checked_repo: tuple[Path, Path, list[str]],
) -> None:
    repo, path, secrets = checked_repo
    out = repo / "reports" / "check.sarif"
    out.parent.mkdir()
    done = run(
        "check",
        path,
        "--today",
        "2026-03-01",
        "--format",
        "sarif",
        "--report",
        f"sarif={out}",
        cwd=repo,
    )
    assert done.returncode == 1, done.stderr  # not ready; the log is written all the same
    assert out.read_text(encoding="utf-8") == done.stdout
    log = valid_log(done.stdout)
    assert not any(secret in done.stdout for secret in secrets)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    secrets_item = results["item/secrets"]
    location = secrets_item["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "services/shop/readiness-review.toml"
    line = location["region"]["startLine"]
    review_lines = path.read_text(encoding="utf-8").splitlines()
    # At the first question feeding the item that the file answers.
    assert review_lines[line - 1] == '[answers."source.connection"]'

    assert secrets_item["level"] == "error" and secrets_item["message"]["text"]
    assert "item/host-tuple" not in results  # passing items are not results
    waived = results["item/observability"]
    assert waived["suppressions"][0]["status"] == "accepted"
    assert "maria" in waived["suppressions"][0]["justification"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
        if r["ruleId"].startswith("secret/")
    }
    assert "services/shop/dags/orders_quality.py" in uris
    again = run("check", path, "--today", "2026-03-01", "--format", "sarif", cwd=repo / "services")
    assert again.stdout == done.stdout  # stable across runs and working folders


def test_a_sarif_log_is_not_taken_for_a_review_export(
    checked_repo: tuple[Path, Path, list[str]],
) -> None:
    repo, path, _ = checked_repo
    out = repo / "check.sarif"
    run("check", path, "--report", f"sarif={out}", cwd=repo)
    done = run("verify", out, cwd=repo)
    assert done.returncode == 1  # verification failed, as for any JSON that is no export
    assert "not a JSON export" in done.stdout and "Traceback" not in done.stderr


def test_reports_come_from_one_evaluation_and_a_bad_spec_is_bad_input(
    checked_repo: tuple[Path, Path, list[str]],
) -> None:
    repo, path, _ = checked_repo
    md, junit = repo / "r.md", repo / "r.xml"
    day = ("--today", "2026-03-01")
    done = run("check", path, *day, "--report", f"md={md}", "--report", f"junit={junit}", cwd=repo)
    assert done.returncode == 1
    assert (
        md.read_text(encoding="utf-8")
        == run("check", path, *day, "--format", "md", cwd=repo).stdout
    )
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    bad = run("check", path, "--report", "pdf=out.pdf", cwd=repo)
    assert bad.returncode == 2 and "FORMAT=FILE" in bad.stderr and "Traceback" not in bad.stderr
