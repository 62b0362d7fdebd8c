"""The content hash: what it covers, what it ignores, and that it survives the store."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.signoff.builders import FIXED, TODAY, ready_review
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.answers import record_answer
from wizard.core.review.model import Review, Waiver
from wizard.core.review.store import create_review, load_review, save_loaded
from wizard.core.signoff.content_hash import canonical_bytes, content_hash, signed_content
from wizard.core.signoff.gate import judge_signoffs, stale_signoffs
from wizard.core.signoff.signoffs import create_signoff


def _waiver(item: str, expires: date) -> Waiver:
    return Waiver(item=item, reason="accepted for the pilot", owner="maria", expires=expires)


def test_canonical_form_is_sorted_compact_utf8_with_utc_datetimes() -> None:
    review = ready_review(**{"obs.owner": "Zoë's team"})
    text = canonical_bytes(review).decode("utf-8")
    assert json.loads(text) == signed_content(review)
    assert text == json.dumps(
        json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert "Zoë" in text
    assert '"at":"2026-02-10T09:30:00Z"' in text
    assert f'"knowledge_base":"{load_knowledge().version}"' in text
    assert content_hash(review).startswith("sha256:") and len(content_hash(review)) == 71


def test_signoffs_updated_created_and_target_are_not_content() -> None:
    review = ready_review()
    before = content_hash(review)
    create_signoff(review, reviewer="Alice", role="preparer", decision="approve", today=TODAY)
    review.updated = FIXED + timedelta(days=3)
    review.created = FIXED - timedelta(days=3)
    review.target.python = "/usr/bin/python3.12"
    assert content_hash(review) == before


def test_every_part_of_the_content_changes_the_hash() -> None:
    base = content_hash(ready_review())
    edits = {
        "answer value": lambda r: setattr(r.answers["obs.owner"], "value", "someone else"),
        "answer note": lambda r: setattr(r.answers["obs.owner"], "note", "rotates weekly"),
        "answer evidence": lambda r: r.answers["obs.owner"].evidence.append("wiki/oncall"),
        "answer author": lambda r: setattr(r.answers["obs.owner"], "by", "bob"),
        "answer time": lambda r: setattr(r.answers["obs.owner"], "at", FIXED + timedelta(1)),
        "provenance": lambda r: setattr(r.answers["obs.owner"], "provenance", "probe:x"),
        "removed answer": lambda r: r.answers.pop("obs.owner"),
        "waiver": lambda r: r.waivers.append(_waiver("secrets", date(2026, 9, 1))),
        "probe": lambda r: r.probe.errors.append("probe timed out"),
        "probe removed": lambda r: setattr(r, "probe", None),
        "title": lambda r: setattr(r, "title", "Shop orders v2"),
        "engine": lambda r: setattr(r, "engine", "pandera"),
    }
    for name, edit in edits.items():
        review = ready_review()
        edit(review)
        assert content_hash(review) != base, name


def test_observation_times_are_not_content() -> None:
    """Seeing the same facts again is not a change: a re-probe must not make sign-offs stale."""
    review = ready_review()
    before = content_hash(review)
    later = FIXED + timedelta(days=5)
    assert review.probe is not None
    review.probe.taken_at = later
    for answer in review.answers.values():
        if answer.is_probe:
            answer.at = later
    assert content_hash(review) == before
    # ... while a changed fact is a change, and the sign-off can name which part moved.
    review.probe.preflight.checks[0].status = "failed"  # type: ignore[union-attr]
    assert content_hash(review) != before


def test_a_stale_signoff_names_the_part_that_changed() -> None:
    review = ready_review()
    create_signoff(review, reviewer="Alice", role="approver", decision="approve", today=TODAY)
    assert review.probe is not None and review.probe.environment is not None
    review.probe.environment.packages["truthound"] = "3.0.0"
    [entry] = judge_signoffs(review, check_signatures=False).entries
    assert entry.state == "stale"
    assert entry.changed_since == ["the probed interpreter or its packages changed"]


def test_version_one_signoffs_still_verify_after_the_upgrade() -> None:
    review = ready_review()
    signoff = create_signoff(review, reviewer="Alice", role="approver", decision="approve")
    # As a wizard before hash version 2 wrote it: no chain, no principal, the v1 hash.
    signoff.content_hash = content_hash(review, 1)
    signoff.hash_version, signoff.previous, signoff.parts = None, None, {}
    [entry] = judge_signoffs(review, check_signatures=False).entries
    assert entry.state == "fresh"


def test_waiver_order_is_not_content() -> None:
    first, second = _waiver("secrets", date(2026, 9, 1)), _waiver("resilience", date(2026, 5, 1))
    one, other = ready_review(), ready_review()
    one.waivers = [first, second]
    other.waivers = [second, first]
    assert content_hash(one) == content_hash(other)


def test_hash_survives_save_and_load_including_redacted_probe_text(tmp_path: Path) -> None:
    review = ready_review()
    # The store redacts probe text on the way to disk; the hash must already see it redacted.
    review.probe.errors.append("preflight said: password=hunter2hunter2 was rejected")
    review.probe.taken_at = datetime(2026, 2, 10, 10, 30, tzinfo=UTC).astimezone()
    signoff = create_signoff(review, reviewer="Alice", role="approver", decision="approve")
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    assert "hunter2" not in path.read_text()
    loaded = load_review(path)
    assert content_hash(loaded.review) == signoff.content_hash
    assert judge_signoffs(loaded.review).entries[0].state == "fresh"


def test_editing_an_answer_after_signing_makes_the_signoff_stale(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    review = ready_review()
    signed_at = FIXED + timedelta(hours=1)
    create_signoff(review, reviewer="Alice", role="approver", decision="approve", at=signed_at)
    create_review(path, review)
    loaded = load_review(path)
    record_answer(loaded.review, "obs.owner", "another team", by="bob")
    save_loaded(loaded)
    again: Review = load_review(path).review
    stale = stale_signoffs(again)
    assert [entry.signoff.reviewer for entry in stale] == ["Alice"]
    assert any("obs.owner" in hint for hint in stale[0].changed_since)
