"""Reviews and evidence built for evaluation tests: real models, written the way a user would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.reviews import passing_snapshot as shared_snapshot
from tests.support.reviews import ready_answers
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.store import new_review

READY_AIRFLOW = ready_answers()


def passing_snapshot(*, taken_at: datetime | None = None) -> ProbeSnapshot:
    # Five minutes after the answers, so the preflight is newer than every input it checked.
    moment = taken_at or datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
    return shared_snapshot(moment)


def ready_review(**overrides: Any) -> Review:
    """An Airflow review in which every item passes, with evidence a probe would give."""
    review = new_review("Orders pipeline", "airflow", "truthound")
    answers = {**READY_AIRFLOW, **overrides}
    record_many(
        review, [AnswerInput(k, v) for k, v in answers.items() if v is not None], by="alice"
    )
    review.probe = passing_snapshot()
    return review
