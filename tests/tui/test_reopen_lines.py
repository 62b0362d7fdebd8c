"""The pure re-open summary: who changed what since the operator's own last answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.tui import scenes
from wizard.core.history.reopen import MAX_ANSWER_LINES, changes_since_last_session, last_session
from wizard.core.review.store import load_review, new_review


def test_lines_cover_answers_waivers_signoffs_and_drift(tmp_path: Path) -> None:
    path, newer = scenes.reopened(tmp_path)
    review = load_review(path).review
    lines = changes_since_last_session(review, "alice", scenes.TODAY, new_probe=newer)
    assert lines[:3] == [
        "environment: apache-airflow 2.6.0 -> 2.7.3",
        "environment: truthound 3.2.0 -> 3.2.1",
        "environment: airflow verdict minimum -> in-range",
    ]
    assert "answer: engine.fallback = chain (by bob, 2025-03-04 15:00 UTC)" in lines
    assert any(line.startswith("waiver on fail-semantics by bob expired") for line in lines)
    assert any(line.startswith("sign-off by carol (platform lead, approve)") for line in lines)


def test_nothing_to_say_for_the_author_right_after_their_own_session(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    review = load_review(path).review
    # Probe answers are not "someone else"; alice answered everything else herself.
    assert changes_since_last_session(review, "alice", scenes.TODAY) == []
    assert last_session(review, "alice") == scenes.at(3, 9, 40)


def test_bob_sees_every_answer_alice_gave_summarised(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    review = load_review(path).review
    lines = changes_since_last_session(review, "bob", scenes.TODAY)
    assert len(lines) == MAX_ANSWER_LINES + 1
    assert lines[-1].startswith("answer: ") and "more answers changed by alice" in lines[-1]


def test_a_waiver_is_reported_only_once_it_has_lapsed() -> None:
    from wizard.core.review.model import Waiver

    review = new_review("t", "airflow", "truthound")
    review.waivers.append(
        Waiver(
            item="resilience", reason="until the pool exists", owner="bob", expires=date(2025, 3, 9)
        )
    )
    assert changes_since_last_session(review, "alice", date(2025, 3, 9)) == []
    assert changes_since_last_session(review, "alice", date(2025, 3, 10)) == [
        "waiver on resilience by bob expired on 2025-03-09; the item is judged on its own again"
    ]


def test_a_signoff_is_reported_only_once_the_content_changes(tmp_path: Path) -> None:
    from wizard.core.review.model import SignOff
    from wizard.core.signoff.content_hash import HASH_VERSION, content_hash

    review = load_review(scenes.half_green(tmp_path)).review
    review.signoffs.append(
        SignOff(
            reviewer="carol",
            role="platform lead",
            decision="approve",
            at=scenes.at(5, 9),
            content_hash=content_hash(review),
            hash_version=HASH_VERSION,
        )
    )
    assert changes_since_last_session(review, "alice", scenes.TODAY) == []
    review.answers["source.documented"].value = False
    (line,) = changes_since_last_session(review, "alice", scenes.TODAY)
    assert line.startswith("sign-off by carol (platform lead, approve) on 2025-03-05 09:00 UTC")
    assert "stale" in line
