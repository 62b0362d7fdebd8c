"""Settings evidence for resilience, fail-semantics and observability, and misleading knobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.projects import BUILDERS, SampleProject
from wizard.core.evidence.scan import scan_project, summarise_for_items
from wizard.core.review.observations import ProjectScan, SettingFinding


def _by_kind(scan: ProjectScan, file: str) -> dict[str, SettingFinding]:
    return {finding.kind: finding for finding in scan.settings if finding.file == file}


def _rules(findings: dict[str, SettingFinding]) -> dict[str, tuple[str, str | None]]:
    return {kind: (finding.item, finding.rule) for kind, finding in findings.items()}


def test_airflow_default_args_operator_and_dag_settings(tmp_path: Path) -> None:
    airflow = BUILDERS["airflow"](tmp_path, planted=True)
    found = _by_kind(scan_project(airflow.root), "dags/orders_quality.py")
    assert _rules(found) == {
        "retries": ("resilience", "retry"),
        "retry_delay": ("resilience", "retry"),
        "retry_exponential_backoff": ("resilience", "retry"),
        "execution_timeout": ("resilience", "timeout"),
        "on_failure_callback": ("observability", "callback"),
        "max_active_runs": ("resilience", "concurrency"),
        "fail_on_error": ("fail-semantics", "fail-flag"),
        "warning_threshold": ("fail-semantics", "misleading-threshold-units"),
        "timeout_seconds": ("resilience", "misleading-timeout"),
        "pool": ("resilience", "concurrency"),
    }
    assert found["retry_delay"].value == "timedelta(minutes=5)"
    assert found["execution_timeout"].misleading is None  # host-native
    threshold = found["warning_threshold"].misleading
    assert threshold is not None and "0.05 acts as 0.05 %, not 5 %" in threshold
    timeout = found["timeout_seconds"].misleading
    assert timeout is not None and "execution_timeout" in timeout


def test_prefect_native_settings_and_factory_gaps(tmp_path: Path) -> None:
    prefect = BUILDERS["prefect"](tmp_path, planted=True)
    scan = scan_project(prefect.root)
    flow = [f for f in scan.settings if f.file == "flows/orders_flow.py"]
    flagged = {(f.line, f.kind): f.rule for f in flow if f.misleading}
    source = (prefect.root / "flows/orders_flow.py").read_text().splitlines()
    lines = {kind: source[line - 1] for (line, kind) in flagged}
    assert sorted(str(rule) for rule in flagged.values()) == [
        "misleading-cache",
        "misleading-cache",
        "misleading-flow-retries",
        "misleading-threshold-units",
        "misleading-timeout",
    ]
    assert "DataQualityBlock(" in lines["timeout_seconds"]
    assert "CheckTaskConfig(" in lines["cache_key"]
    assert "QualityFlowConfig(" in lines["retries"]
    # @task / @flow knobs and CheckTaskConfig.retries are applied by Prefect: not flagged.
    native = {(f.kind, f.value) for f in flow if f.misleading is None}
    assert {
        ("retries", "3"),
        ("retry_delay_seconds", "30"),
        ("timeout_seconds", "600"),
        ("timeout_seconds", "3600"),
        ("cache_key_fn", "task_input_hash"),
        ("cache_expiration", "timedelta(hours=1)"),
        ("retries", "2"),
    } <= native
    assert ("prefect.yaml", "concurrency_limit") in {(f.file, f.kind) for f in scan.settings}


def test_dbt_severities_and_profile_knobs(tmp_path: Path) -> None:
    dbt = BUILDERS["dbt"](tmp_path, planted=True)
    scan = scan_project(dbt.root)
    schema = _by_kind(scan, "models/schema.yml")
    assert {kind: f.value for kind, f in schema.items()} == {
        "severity": "warn",
        "warn_if": '">10"',
        "error_if": '">100"',
    }
    assert all(f.item == "fail-semantics" for f in schema.values())
    assert _by_kind(scan, "dbt_project.yml")["default_severity"].value == "warn"
    profile = _by_kind(scan, "profiles.yml")
    assert _rules(profile) == {
        "threads": ("resilience", "concurrency"),
        "connect_retries": ("resilience", "retry"),
    }


def test_mage_thresholds_are_flagged_in_mage_terms(tmp_path: Path) -> None:
    mage = BUILDERS["mage"](tmp_path, planted=True)
    scan = scan_project(mage.root)
    block = _by_kind(scan, "transformers/check_orders.py")
    assert block["warning_threshold"].rule == "misleading-mage-warning"
    warning = block["warning_threshold"].misleading
    assert warning is not None and "only writes a log line" in warning
    assert block["min_pass_rate"].rule == "misleading-threshold-units"
    assert block["timeout_seconds"].rule == "misleading-timeout"
    pipeline = _by_kind(scan, "pipelines/orders_quality/metadata.yaml")
    # retry_config is reported once, as a block; its nested keys are not repeated.
    assert list(pipeline) == ["retry_config"]
    assert pipeline["retry_config"].value == "retries: 2 delay: 30"


def test_kestra_flow_retry_timeout_errors_and_concurrency(tmp_path: Path) -> None:
    kestra = BUILDERS["kestra"](tmp_path, planted=True)
    found = _by_kind(scan_project(kestra.root), "flows/orders_quality.yml")
    assert _rules(found) == {
        "timeout": ("resilience", "kestra-flow"),
        "retry": ("resilience", "kestra-flow"),
        "errors": ("observability", "kestra-flow"),
        "concurrency": ("resilience", "kestra-flow"),
    }
    assert found["retry"].value == "type: constant maxAttempt: 3 interval: PT30S"
    assert found["errors"].value.startswith("1 item(s):")


@pytest.mark.parametrize("host", sorted(BUILDERS))
def test_clean_projects_flag_nothing_misleading(tmp_path: Path, host: str) -> None:
    BUILDERS[host](tmp_path, planted=False)
    scan = scan_project(tmp_path)
    assert [f for f in scan.settings if f.misleading] == []


def test_sla_objects_presets_decorators_and_dagster_tags(tmp_path: Path) -> None:
    project = SampleProject(tmp_path, "dagster")
    project.write(
        "quality.py",
        """
        from dagster import RetryPolicy, asset
        from truthound_dagster import LENIENT_DQ_CONFIG, SLAConfig, SLAResource
        from common.cache import cached

        sla = SLAResource(max_failure_rate=0.05, min_pass_rate=0.95)
        config = SLAConfig(max_failure_rate=0.05, max_execution_time_seconds=60)
        resource_config = LENIENT_DQ_CONFIG


        @cached
        def reference_rules():
            return []


        @asset(retry_policy=RetryPolicy(max_retries=2), op_tags={"dagster/max_runtime": 900})
        def orders():
            return []


        lineage = dict(observability={"backend": "openlineage", "endpoint": "https://ol:OlPw-9@ol.internal"})
        """,
    )
    scan = scan_project(tmp_path)
    found = {(f.line, f.kind): (f.item, f.rule, f.misleading) for f in scan.settings}
    assert found == {
        (5, "SLAResource"): ("observability", "sla", None),
        (6, "SLAConfig"): ("observability", "sla", None),
        (7, "LENIENT_DQ_CONFIG"): ("fail-semantics", "fail-preset", None),
        (10, "cached"): ("resilience", "cache", None),
        # retry_policy=RetryPolicy(...) is one setting, reported once (by the call).
        (15, "RetryPolicy"): ("resilience", "retry", None),
        (15, "dagster/max_runtime"): ("resilience", "timeout", None),
        (20, "observability"): ("observability", "lineage", None),
        (20, "observability.backend"): ("observability", "observability-backend", None),
    }
    lineage = next(f for f in scan.settings if f.kind == "observability")
    assert "OlPw-9" not in lineage.value and "***" in lineage.value
    assert "OlPw-9" not in scan.model_dump_json()


def test_summary_groups_settings_by_item(tmp_path: Path) -> None:
    airflow = BUILDERS["airflow"](tmp_path, planted=True)
    scan = scan_project(airflow.root)
    grouped = summarise_for_items(scan)
    assert list(grouped) == ["resilience", "fail-semantics", "observability"]
    assert sum(len(findings) for findings in grouped.values()) == len(scan.settings)
    assert {f.kind for f in grouped["observability"]} == {"on_failure_callback"}
    assert all(f.item == item for item, findings in grouped.items() for f in findings)
