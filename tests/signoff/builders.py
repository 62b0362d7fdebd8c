"""Reviews for sign-off and export tests: real models with fixed clocks, so output is stable.

The probe snapshot here is test data for the evaluation (what a passing probe of an Airflow
runtime records), not a stand-in for a probe the user runs; end-to-end tests use the real CLI.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
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
from wizard.core.model import Review, Waiver
from wizard.core.signoff import create_signoff
from wizard.core.store import new_review

FIXED = datetime(2026, 2, 10, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 1)

GOOD_AIRFLOW: dict[str, Any] = {
    "quickstart.local_run": "yes",
    "runtime.python_version": "3.11.7",
    "runtime.host_version": "2.6.0",
    "runtime.truthound_version": "3.2.0",
    "runtime.is_production": "yes",
    "runtime.paired_upgrades": "yes",
    "source.kind": "sql",
    "source.reference": "SELECT order_id, total FROM shop.orders",
    "source.documented": "yes",
    "source.connection": "shop_readonly",
    "engine.explicit": "yes",
    "engine.fallback": "none",
    "engine.operations": "check,profile",
    "rules.style": "auto_schema",
    "rules.owned": "yes",
    "rules.learned": "none",
    "preflight.in_promotion": "yes",
    "preflight.ci_file": ".github/workflows/promote.yml",
    "preflight.production_inputs": "yes",
    "secrets.backend": "airflow_connections",
    "secrets.none_committed": "yes",
    "secrets.rotation_owner": "platform-team",
    "secrets.workers_receive": "yes",
    "results.surface": "airflow_xcom",
    "results.consumers": "finance dashboards",
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
    "obs.alert_destination": "#shop-dq",
    "obs.owner": "shop data on-call",
    "obs.sla": "yes",
    "obs.audit_evidence": "yes",
    "obs.openlineage_endpoint": "",
}

PACKAGES = {"apache-airflow": "2.6.0", "truthound": "3.2.0", "truthound-orchestration": "3.0.3"}


def passing_snapshot(taken_at: datetime = FIXED) -> ProbeSnapshot:
    return ProbeSnapshot(
        taken_at=taken_at,
        environment=EnvironmentFacts(
            executable="/opt/shop/venv/bin/python", python_version="3.11.7", packages=PACKAGES
        ),
        hosts=host_verdicts(PACKAGES, "3.11.7", "airflow"),
        preflight=PreflightResult(
            ran=True,
            compatible=True,
            engine_name="truthound",
            engine_version="3.2.0",
            source_kind="sql",
            requires_connection=True,
            checks=[
                PreflightCheck(name="engine_runtime", status="passed", message="engine resolved"),
                PreflightCheck(name="source_resolution", status="passed", message="sql source"),
            ],
        ),
        scan=ProjectScan(root="/srv/shop", hosts_detected=["airflow"], files_scanned=7),
    )


def _pin_clock(review: Review) -> Review:
    for answer in review.answers.values():
        answer.at = FIXED
    review.created = review.updated = FIXED
    return review


def ready_review(**changes: Any) -> Review:
    """An Airflow review where every item passes; ``changes`` override answers (None drops)."""
    review = new_review("Shop orders", "airflow", "truthound")
    answers = {**GOOD_AIRFLOW, **changes}
    inputs = [AnswerInput(key, value) for key, value in answers.items() if value is not None]
    record_many(review, inputs, by="alice")
    review.probe = passing_snapshot()
    return _pin_clock(review)


def mixed_review() -> Review:
    """Every status at once, two waivers (one expired), a fresh and a stale sign-off."""
    review = ready_review(
        **{"secrets.none_committed": "no", "results.tested": None, "rules.owned": "no"}
    )
    review.answers["obs.sla"].value = False
    review.waivers = [
        Waiver(
            item="observability",
            reason="SLA alerts move to the new pager in Q2",
            owner="maria",
            expires=date(2026, 6, 30),
            created=date(2026, 2, 1),
        ),
        Waiver(
            item="resilience",
            reason="retries reviewed last year",
            owner="sam",
            expires=date(2026, 1, 31),
            created=date(2025, 12, 1),
        ),
    ]
    create_signoff(
        review,
        reviewer="Priya",
        role="preparer",
        decision="approve",
        comment="first complete pass",
        at=datetime(2026, 2, 11, 8, 0, tzinfo=UTC),
        today=TODAY,
    )
    review.answers["obs.owner"].value = "shop data on-call <oncall@example.com> | pager"
    create_signoff(
        review,
        reviewer="Jon",
        role="approver",
        decision="reject",
        comment="secrets must be fixed first",
        at=datetime(2026, 2, 12, 8, 0, tzinfo=UTC),
        today=TODAY,
    )
    review.updated = FIXED
    return review
