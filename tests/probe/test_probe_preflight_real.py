"""The real run_preflight of truthound-orchestration 3.0.3, run through the probe in its venv."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from wizard.core.evidence.probe import (
    PreflightInputs,
    probe_environment,
    run_preflight_probe,
    take_snapshot,
)
from wizard.core.evidence.probe.runner import run_target_script
from wizard.core.review.observations import PreflightResult

pytestmark = pytest.mark.target_venv

# Calls the library directly, the way upstream documents it, with the same inputs the probe gets.
DIRECT = """
import json, sys
from common.engines import EngineCreationRequest, normalize_runtime_context, run_preflight
inputs = json.loads(sys.stdin.read())
context = normalize_runtime_context(platform=inputs["platform"],
    connection_id=inputs["connection_id"], profile_name=inputs["profile_name"])
keywords = {"required_operations": inputs["required_operations"] or None}
if inputs["source"]:
    keywords[inputs["source"]["argument"]] = inputs["source"]["value"]
if inputs["observability"]:
    keywords["observability"] = inputs["observability"]
report = run_preflight(EngineCreationRequest(engine_name=inputs["engine"],
    runtime_context=context), **keywords)
print(json.dumps([[c.name, c.status.value, c.message] for c in report.compatibility.checks]))
"""

CASES = [
    PreflightInputs(host="airflow", source_kind="sql", source_reference="SELECT * FROM users"),
    PreflightInputs(
        host="airflow", source_kind="sql", source_reference="SELECT 1", connection="pg_default"
    ),
    PreflightInputs(
        host="dbt", source_kind="warehouse_relation", source_reference="a.users", connection="prod"
    ),
    PreflightInputs(host="prefect", engine="pandera", operations=("check", "drift", "anomaly")),
    PreflightInputs(
        host="dagster", engine="ge", source_kind="local_path", source_reference="users.parquet"
    ),
    PreflightInputs(
        host="kestra",
        source_kind="remote_uri",
        source_reference="s3://b/k.parquet",
        openlineage_endpoint="http://marquez:5000/api/v1/lineage",
    ),
    PreflightInputs(
        host="mage",
        source_kind="remote_uri",
        source_reference="postgresql://u:secret@h/db",
        connection="default",
    ),
    PreflightInputs(host="airflow", openlineage_endpoint="marquez:5000"),
]


def direct_checks(python: str, inputs: PreflightInputs) -> list[list[str]]:
    done = subprocess.run(
        [python, "-c", DIRECT],
        input=json.dumps(inputs.to_request()),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def shared(result: PreflightResult) -> list[list[str]]:
    return [[c.name, c.status, c.message] for c in result.checks if c.origin == "run_preflight"]


def preflight(python: str, inputs: PreflightInputs) -> PreflightResult:
    packages = probe_environment(python, timeout=60).packages
    return run_preflight_probe(python, inputs, packages, timeout=120)


@pytest.mark.parametrize("inputs", CASES, ids=lambda case: f"{case.host}-{case.engine}")
def test_probe_reports_exactly_what_run_preflight_returns(
    target_python: str, inputs: PreflightInputs
) -> None:
    result = preflight(target_python, inputs)
    assert result.ran
    expected = direct_checks(target_python, inputs)
    if inputs.source_reference and "secret" in inputs.source_reference:
        expected = [[n, s, m.replace("secret", "***")] for n, s, m in expected]
    assert shared(result) == expected
    assert expected  # the comparison is not vacuous


def test_sql_without_connection_fails_source_resolution_with_the_library_message(
    target_python: str,
) -> None:
    inputs = PreflightInputs(host="airflow", source_kind="sql", source_reference="SELECT * FROM t")
    result = preflight(target_python, inputs)
    check = next(c for c in result.checks if c.name == "source_resolution")
    assert (check.status, check.origin) == ("failed", "run_preflight")
    assert check.message == "sql sources require a connection or profile"
    assert result.compatible is False
    assert (result.source_kind, result.requires_connection) == ("sql", True)


def test_sql_with_a_connection_passes(target_python: str) -> None:
    inputs = PreflightInputs(
        host="airflow", source_kind="sql", source_reference="SELECT * FROM t", connection="pg"
    )
    result = preflight(target_python, inputs)
    assert next(c for c in result.checks if c.name == "source_resolution").status == "passed"
    assert result.compatible is True


@pytest.mark.parametrize("reference", ["SELECT\n  id\nFROM analytics.users", "analytics.users"])
def test_sql_the_resolver_would_miss_is_passed_as_sql_and_explained(
    target_python: str, reference: str
) -> None:
    kind = "sql" if reference.startswith("SELECT") else "warehouse_relation"
    inputs = PreflightInputs(host="airflow", source_kind=kind, source_reference=reference)
    result = preflight(target_python, inputs)
    checks = {c.name: c for c in result.checks}
    assert checks["source_resolution"].status == "failed"  # passed as sql=, so it is checked
    assert (
        checks["source_shape"].status == "failed"
        and "plain object" in checks["source_shape"].message
    )
    assert checks["source_shape"].origin == "wizard"


def test_windows_path_is_flagged(target_python: str) -> None:
    inputs = PreflightInputs(
        host="kestra", source_kind="local_path", source_reference="C:\\d\\x.csv"
    )
    result = preflight(target_python, inputs)
    checks = {c.name: c for c in result.checks}
    assert (
        checks["source_resolution"].message == "remote_uri sources require a connection or profile"
    )
    assert "source_shape" not in checks  # a drive path is the evaluation's source rule's call


def test_pandera_without_pandera_gets_our_failed_gap_check(target_python: str) -> None:
    result = preflight(target_python, PreflightInputs(host="prefect", engine="pandera"))
    checks = {c.name: c for c in result.checks}
    # The library itself is satisfied: engine resolves as 0.0.0 and passes ...
    assert checks["engine_runtime"].status == "passed"
    assert result.engine_version == "0.0.0"
    # ... so only the wizard's check stands between this and a failing production run.
    assert (
        checks["engine_library"].status == "failed" and checks["engine_library"].origin == "wizard"
    )
    assert "pip install 'pandera>=0.20.0'" in checks["engine_library"].message
    assert result.compatible is False


def test_unknown_operation_becomes_a_failed_check_not_a_crash(target_python: str) -> None:
    result = preflight(target_python, PreflightInputs(host="airflow", operations=("streaming",)))
    [check] = [c for c in result.checks if c.origin == "run_preflight"]
    assert check.name == "run_preflight" and check.status == "failed"
    assert "ValueError" in check.message and "streaming" in check.message


def test_bad_openlineage_endpoint_fails_the_observability_check(target_python: str) -> None:
    result = preflight(
        target_python, PreflightInputs(host="airflow", openlineage_endpoint="ftp://x")
    )
    check = next(c for c in result.checks if c.name == "observability")
    assert check.status == "failed" and "absolute http(s) URL" in check.message


def test_password_in_a_source_uri_never_leaves_the_target(target_python: str) -> None:
    inputs = PreflightInputs(
        host="airflow", source_kind="remote_uri", source_reference="postgresql://u:secret@h/db"
    )
    raw: dict[str, Any] = run_target_script(
        target_python, {"scan": True, "preflight": inputs.to_request()}, 120
    )
    assert "secret" not in json.dumps(raw)
    assert raw["preflight"]["resolved_source"]["reference"] == "postgresql://u:***@h/db"
    snapshot = take_snapshot(target_python, inputs, 120)
    assert "secret" not in snapshot.model_dump_json()
    assert snapshot.preflight is not None and snapshot.preflight.ran


def test_snapshot_is_one_run_with_everything(target_python: str) -> None:
    snapshot = take_snapshot(target_python, PreflightInputs(host="dagster"), 120)
    assert snapshot.environment is not None
    assert snapshot.environment.packages["truthound-orchestration"] == "3.0.3"
    assert Path(snapshot.environment.executable) == Path(target_python)
    assert [(v.name, v.verdict) for v in snapshot.hosts] == [("dagster", "missing")]
    assert snapshot.preflight is not None and snapshot.preflight.compatible is True
    names = [c.name for c in snapshot.preflight.checks]
    assert names == ["engine_runtime", "serializer", "zero_config", "truthound_runtime"]
