"""Reviews for sign-off and export tests: real models with fixed clocks, so output is stable.

The probe snapshot here is test data for the evaluation (what a passing probe of an Airflow
runtime records), not a stand-in for a probe the user runs; end-to-end tests use the real CLI.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tests.support.reviews import passing_snapshot as shared_snapshot
from tests.support.reviews import ready_answers
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review, Waiver
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.store import new_review
from wizard.core.signoff.signoffs import create_signoff

FIXED = datetime(2026, 2, 10, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 1)

# The shared ready review, with this suite's own names so the goldens read as one pipeline.
GOOD_AIRFLOW: dict[str, Any] = ready_answers(
    **{
        "source.reference": "SELECT order_id, total FROM shop.orders",
        "source.connection": "shop_readonly",
        "preflight.ci_file": ".github/workflows/promote.yml",
        "results.consumers": "finance dashboards",
        "obs.alert_destination": "#shop-dq",
        "obs.owner": "shop data on-call",
    }
)


def passing_snapshot(taken_at: datetime = FIXED) -> ProbeSnapshot:
    return shared_snapshot(
        taken_at,
        executable="/opt/shop/venv/bin/python",
        checks=(("engine_runtime", "engine resolved"), ("source_resolution", "sql source")),
        project_root="/srv/shop",
        files_scanned=7,
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
