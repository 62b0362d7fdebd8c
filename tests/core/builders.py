"""Reviews and evidence built for evaluation tests: real models, written the way a user would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from wizard.core.answers import AnswerInput, record_many
from wizard.core.evidence import (
    EnvironmentFacts,
    PreflightCheck,
    PreflightResult,
    ProbeSnapshot,
    ProjectScan,
)
from wizard.core.matrix import host_verdicts
from wizard.core.model import Review
from wizard.core.store import new_review

# A complete set of answers for an Airflow pipeline reading SQL, every one of them good.
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
    "obs.openlineage_endpoint": "",
}

PACKAGES = {
    "apache-airflow": "2.6.0",
    "truthound": "3.2.0",
    "truthound-orchestration": "3.0.3",
}


def passing_snapshot(
    *, taken_at: datetime | None = None, packages: dict[str, str] | None = None
) -> ProbeSnapshot:
    installed = dict(PACKAGES if packages is None else packages)
    return ProbeSnapshot(
        taken_at=taken_at or datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5),
        environment=EnvironmentFacts(
            executable="/opt/airflow/venv/bin/python",
            python_version="3.11.7",
            packages=installed,
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
                PreflightCheck(
                    name="engine_runtime", status="passed", message="Resolved truthound runtime"
                ),
                PreflightCheck(
                    name="source_resolution", status="passed", message="Resolved sql source"
                ),
                PreflightCheck(
                    name="serializer", status="passed", message="Shared serializer is available"
                ),
            ],
        ),
        scan=ProjectScan(
            root="/srv/pipelines/orders", hosts_detected=["airflow"], files_scanned=12
        ),
    )


def ready_review(**overrides: Any) -> Review:
    """An Airflow review in which every item passes, with evidence a probe would give."""
    review = new_review("Orders pipeline", "airflow", "truthound")
    answers = {**READY_AIRFLOW, **overrides}
    record_many(
        review, [AnswerInput(k, v) for k, v in answers.items() if v is not None], by="alice"
    )
    review.probe = passing_snapshot()
    return review
