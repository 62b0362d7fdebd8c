"""A generated portfolio with git history: N review files in one real git repository.

Used by bench/bench_dashboard.py and scripts/dashboard_screenshot.py. The reviews belong to 25
teams, run on the six hosts and move forward over ``weeks`` weekly commits (dated in the past
with GIT_AUTHOR_DATE / GIT_COMMITTER_DATE): questions get answered, a probe snapshot arrives,
some regress, waivers are granted (some expire within 30 days of today), sign-offs are made and
later edits leave some of them stale. A few files are unreadable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.reviews import passing_snapshot, ready_answers
from wizard.core.errors import ReadinessError
from wizard.core.kb.registry import host_ids
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review, Waiver
from wizard.core.review.store import new_review, review_to_toml
from wizard.core.signoff.signoffs import create_signoff

ANSWERS = ready_answers(**{"obs.openlineage_endpoint": None})
KEYS = list(ANSWERS)
TEAMS = [
    "payments", "growth", "search", "risk", "ledger", "identity", "catalog", "pricing",
    "logistics", "support", "marketing", "finance", "ads", "crm", "data-platform", "ml-infra",
    "fraud", "billing", "inventory", "reporting", "partners", "mobile", "web", "security", "hr",
]  # fmt: skip


def _git(root: Path, *args: str, when: datetime | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org"}
    env.update(GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _review(index: int, week: int, weeks: int, start: datetime, today: date) -> Review:
    """The review as week ``week`` leaves it; its clock is pinned, so an unchanged review
    writes the same bytes and git records a version only when something changed."""
    hosts = host_ids()
    host = "airflow" if index % 3 else hosts[(index // 3) % len(hosts)]
    review = new_review(f"pipeline {index:04d}", host, "truthound", owner=TEAMS[index % 25])
    # Progress: each review starts in a different week and answers more every week after.
    started = index % weeks
    progress = max(0, week - started + 1)
    answered = KEYS[: min(len(KEYS), 8 + progress * (4 + index % 7))]
    inputs = [AnswerInput(key, ANSWERS[key]) for key in answered]
    if index % 11 == 0 and week >= weeks - 2:
        inputs = [
            AnswerInput(i.question_id, "no") if i.question_id == "secrets.none_committed" else i
            for i in inputs
        ]
    try:
        record_many(review, inputs, by="bench")
    except ReadinessError:  # an answer another host does not offer: answer one by one
        for one in inputs:
            try:
                record_many(review, [one], by="bench")
            except ReadinessError:
                continue
    began = start + timedelta(weeks=started)
    for answer in review.answers.values():
        answer.at = began
    review.created = began
    review.updated = start + timedelta(weeks=min(week, started + len(KEYS) // 4))
    if progress >= 3 and host == "airflow":
        review.probe = passing_snapshot(began + timedelta(days=1))
    if index % 5 == 0 and progress >= 2:
        review.waivers.append(
            Waiver(
                item="observability",
                reason="alerting moves to the new pager next quarter",
                owner="lead",
                expires=today + timedelta(days=index % 50 - 5),
            )
        )
    if index % 4 == 0 and progress >= 4:
        signed = began + timedelta(weeks=4)
        create_signoff(review, reviewer="rev", role="approver", decision="approve", at=signed)
        if index % 8 == 0 and week == weeks - 1:
            review.title += " (edited after sign-off)"
    return review


def generate(root: Path, count: int, *, weeks: int = 8, today: date | None = None) -> Path:
    """Write the portfolio into ``root`` (a new git repository); returns ``root``."""
    today = today or date.today()
    root.mkdir(parents=True, exist_ok=True)
    _git(root, "init", "-q")
    start = datetime.combine(today, datetime.min.time(), tzinfo=UTC) - timedelta(weeks=weeks)
    for week in range(weeks):
        for index in range(count):
            path = root / TEAMS[index % 25] / f"pipeline-{index:04d}" / "readiness-review.toml"
            if index % 97 == 0:
                if week == 0:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text("schema_version = 1\ntitle = 'broken\n", encoding="utf-8")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                review_to_toml(_review(index, week, weeks, start, today)), encoding="utf-8"
            )
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", f"week {week + 1}", when=start + timedelta(weeks=week + 1))
    return root


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
