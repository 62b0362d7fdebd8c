"""One complete, passing Airflow review as data, shared by tests and benchmarks.

The probe snapshot here is evidence data for the pure evaluation (what a passing probe of an
Airflow runtime records), not a stand-in for a probe a user runs: the probe itself is tested
against real interpreters in ``tests/probe`` and end to end through the CLI and the TUI.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wizard.core.evaluation.support import host_verdicts
from wizard.core.review.observations import (
    EnvironmentFacts,
    PreflightCheck,
    PreflightResult,
    ProbeSnapshot,
    ProjectScan,
    SmokeCheck,
    SmokeRun,
)

# Every applicable question of an Airflow + Truthound review reading SQL, answered well.
READY_AIRFLOW: dict[str, Any] = {
    "quickstart.local_run": "yes",
    "runtime.python_version": "3.11.7",
    "runtime.host_version": "2.6.0",
    "runtime.truthound_version": "3.2.0",
    "runtime.is_production": "yes",
    "runtime.paired_upgrades": "yes",
    "source.kind": "sql",
    "source.reference": "SELECT * FROM analytics.orders",
    "source.documented": "yes",
    "engine.explicit": "yes",
    "engine.fallback": "none",
    "engine.operations": "check,profile",
    "preflight.auto_config_policy": "safe_auto",
    "rules.style": "auto_schema",
    "rules.owned": "yes",
    "rules.learned": "none",
    "preflight.in_promotion": "yes",
    "preflight.ci_file": ".github/workflows/release.yml",
    "preflight.production_inputs": "yes",
    "source.connection": "warehouse_readonly",
    "secrets.backend": "airflow_connections",
    "secrets.none_committed": "yes",
    "secrets.rotation_owner": "platform-team",
    "secrets.workers_receive": "yes",
    "results.surface": "airflow_xcom",
    "results.consumers": "finance-dashboards",
    "results.documented": "yes",
    "results.contract_checked": "yes",
    "results.tested": "yes",
    "fail.mode": "hard",
    "fail.documented": "yes",
    "ops.retries": "host_transient",
    "ops.timeout": "host",
    "ops.caching": "none",
    "ops.rate_limits": "host_concurrency",
    "obs.core_check_stable": "yes",
    "obs.alert_destination": "#dq-alerts",
    "obs.owner": "data-platform on-call",
    "obs.sla": "yes",
    "obs.audit_evidence": "yes",
    "obs.backend": "none",
    "obs.openlineage_endpoint": "",
}

PACKAGES = {"apache-airflow": "2.6.0", "truthound": "3.2.0", "truthound-orchestration": "3.0.3"}


def ready_answers(**changes: Any) -> dict[str, Any]:
    """The ready answers with ``changes`` applied; a change to None drops that answer."""
    merged = {**READY_AIRFLOW, **changes}
    return {key: value for key, value in merged.items() if value is not None}


def passing_snapshot(
    taken_at: datetime,
    *,
    packages: dict[str, str] | None = None,
    executable: str = "/opt/airflow/venv/bin/python",
    checks: tuple[tuple[str, str], ...] = (
        ("engine_runtime", "Resolved truthound runtime"),
        ("source_resolution", "Resolved sql source"),
        ("serializer", "Shared serializer is available"),
    ),
    project_root: str = "/srv/pipelines/orders",
    files_scanned: int = 12,
) -> ProbeSnapshot:
    """What a passing probe of an Airflow 2.6.0 / Python 3.11 runtime records."""
    installed = dict(PACKAGES if packages is None else packages)
    return ProbeSnapshot(
        taken_at=taken_at,
        environment=EnvironmentFacts(
            executable=executable, python_version="3.11.7", packages=installed
        ),
        hosts=host_verdicts(installed, "3.11.7", "airflow"),
        preflight=PreflightResult(
            ran=True,
            compatible=True,
            engine_name="truthound",
            engine_version="3.2.0",
            source_kind="sql",
            requires_connection=True,
            checks=[
                PreflightCheck(name=name, status="passed", message=message)
                for name, message in checks
            ],
        ),
        smoke=SmokeRun(
            ran=True,
            engine_versions={"truthound": "3.2.0"},
            checks=[
                SmokeCheck(
                    engine="truthound",
                    operation=operation,
                    ran=True,
                    passed=True,
                    message=f"{operation} returned a result with status PASSED",
                )
                for operation in ("check", "profile")
            ],
        ),
        scan=ProjectScan(
            root=project_root, hosts_detected=["airflow"], files_scanned=files_scanned
        ),
    )
