"""What changed between two versions of a review, and what that did to readiness and sign-offs.

Both sides are evaluated on the same ``today`` so that a status move is caused by the content,
never by the calendar; waivers that have expired by ``today`` are listed on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wizard.core.evaluation.evaluate import STATUS_ORDER, evaluate
from wizard.core.kb.knowledge import AnswerValue
from wizard.core.review.model import Answer, Review, SignOff, Waiver
from wizard.core.review.values import format_value
from wizard.core.safety.credentials import redact, redact_value
from wizard.core.signoff.content_hash import content_hash, iso_utc, short_hash

# Better statuses later in STATUS_ORDER; a move towards pass is a gain.
_RANK = {status: index for index, status in enumerate(STATUS_ORDER)}


def _shown(value: AnswerValue | None) -> str:
    if value is None:
        return "(none)"
    return format_value(value) or "(empty)"


@dataclass(frozen=True)
class AnswerChange:
    question: str
    before: AnswerValue | None
    after: AnswerValue | None
    by: str | None
    detail: str = ""

    def describe(self) -> str:
        if self.before is None:
            words = f"+ {self.question} = {_shown(self.after)}"
        elif self.after is None:
            words = f"- {self.question} (was {_shown(self.before)})"
        elif self.detail:
            words = f"~ {self.question}: {self.detail}"
        else:
            words = f"~ {self.question}: {_shown(self.before)} -> {_shown(self.after)}"
        return words + (f" (by {self.by})" if self.by else "")


@dataclass(frozen=True)
class StatusMove:
    item: str
    title: str
    before: str
    after: str

    @property
    def gained(self) -> bool:
        return _RANK[self.after] > _RANK[self.before]  # type: ignore[index]

    def describe(self) -> str:
        return f"{self.title} ({self.item}): {self.before} -> {self.after}"


@dataclass
class ReviewDiff:
    identity: list[str] = field(default_factory=list)
    answers: list[AnswerChange] = field(default_factory=list)
    moves: list[StatusMove] = field(default_factory=list)
    ready_before: bool = False
    ready_after: bool = False
    probe_drift: list[str] = field(default_factory=list)
    scan_changes: list[str] = field(default_factory=list)
    waivers_added: list[str] = field(default_factory=list)
    waivers_removed: list[str] = field(default_factory=list)
    waivers_expired: list[str] = field(default_factory=list)
    signoffs_made_stale: list[str] = field(default_factory=list)
    signoffs_added: list[str] = field(default_factory=list)
    signoffs_removed: list[str] = field(default_factory=list)
    content_before: str = ""
    content_after: str = ""

    @property
    def gains(self) -> list[StatusMove]:
        return [move for move in self.moves if move.gained]

    @property
    def losses(self) -> list[StatusMove]:
        return [move for move in self.moves if not move.gained]

    @property
    def unchanged(self) -> bool:
        return self.content_before == self.content_after and not (
            self.signoffs_added or self.signoffs_removed or self.waivers_expired
        )


def _answer_changes(old: Review, new: Review) -> list[AnswerChange]:
    changes: list[AnswerChange] = []
    for key in sorted(set(old.answers) | set(new.answers)):
        before: Answer | None = old.answers.get(key)
        after: Answer | None = new.answers.get(key)
        if before is None and after is not None:
            changes.append(AnswerChange(key, None, after.value, after.by))
        elif after is None and before is not None:
            changes.append(AnswerChange(key, before.value, None, None))
        elif before is not None and after is not None and before != after:
            detail = ""
            if before.value == after.value:
                changed = [
                    name
                    for name in ("provenance", "note", "evidence", "basis", "by", "at")
                    if getattr(before, name) != getattr(after, name)
                ]
                detail = "same value, changed " + ", ".join(changed)
            changes.append(AnswerChange(key, before.value, after.value, after.by, detail))
    return changes


def _waiver_label(waiver: Waiver) -> str:
    return f"{waiver.item} by {waiver.owner} until {waiver.expires.isoformat()}: {waiver.reason}"


def _signoff_label(signoff: SignOff) -> str:
    return f"{signoff.reviewer} ({signoff.role}) {signoff.decision} at {iso_utc(signoff.at)}"


def _signoff_key(signoff: SignOff) -> tuple[str, str, str, str]:
    return (signoff.reviewer, signoff.role, iso_utc(signoff.at), signoff.content_hash)


def diff_reviews(old: Review, new: Review, today: date) -> ReviewDiff:
    from wizard.core.evidence.probe import probe_drift

    result = ReviewDiff(content_before=content_hash(old), content_after=content_hash(new))
    for name in ("title", "host", "engine"):
        if getattr(old, name) != getattr(new, name):
            result.identity.append(f"{name}: {getattr(old, name)} -> {getattr(new, name)}")
    result.answers = _answer_changes(old, new)
    before, after = evaluate(old, old.probe, today), evaluate(new, new.probe, today)
    result.ready_before, result.ready_after = before.ready, after.ready
    old_status = {item.id: item.status for item in before.items}
    for item in after.items:
        was = old_status.get(item.id)
        if was is not None and was != item.status:
            result.moves.append(StatusMove(item.id, item.title, was, item.status))
    if new.probe is not None:
        result.probe_drift = probe_drift(old.probe, new.probe)
    elif old.probe is not None:
        result.probe_drift = ["the probe snapshot was removed"]
    if old.probe is not None and new.probe is not None:
        from wizard.core.evidence.scan_drift import scan_drift

        result.scan_changes = scan_drift(old.probe.scan, new.probe.scan)
    old_waivers = {_waiver_label(waiver) for waiver in old.waivers}
    new_waivers = {_waiver_label(waiver) for waiver in new.waivers}
    result.waivers_added = sorted(new_waivers - old_waivers)
    result.waivers_removed = sorted(old_waivers - new_waivers)
    result.waivers_expired = sorted(
        _waiver_label(waiver) for waiver in new.waivers if not waiver.active_on(today)
    )
    old_keys = {_signoff_key(signoff) for signoff in old.signoffs}
    new_keys = {_signoff_key(signoff) for signoff in new.signoffs}
    for signoff in new.signoffs:
        if _signoff_key(signoff) not in old_keys:
            result.signoffs_added.append(_signoff_label(signoff))
        elif (
            signoff.content_hash == result.content_before
            and signoff.content_hash != result.content_after
        ):
            result.signoffs_made_stale.append(_signoff_label(signoff))
    result.signoffs_removed = [
        _signoff_label(signoff) for signoff in old.signoffs if _signoff_key(signoff) not in new_keys
    ]
    return result


def diff_lines(diff: ReviewDiff) -> list[str]:
    """The diff as text lines, most important first."""
    lines = [
        f"content: {short_hash(diff.content_before)} -> {short_hash(diff.content_after)}"
        + (" (unchanged)" if diff.content_before == diff.content_after else ""),
        f"readiness: {'ready' if diff.ready_before else 'not ready'} -> "
        f"{'ready' if diff.ready_after else 'not ready'}",
    ]
    sections: list[tuple[str, list[str]]] = [
        ("identity changed", diff.identity),
        ("items lost", [move.describe() for move in diff.losses]),
        ("items gained", [move.describe() for move in diff.gains]),
        ("answers changed", [change.describe() for change in diff.answers]),
        ("probe drift", diff.probe_drift),
        ("scan changes", diff.scan_changes),
        ("waivers added", diff.waivers_added),
        ("waivers removed", diff.waivers_removed),
        ("waivers expired (as of the evaluation date)", diff.waivers_expired),
        ("sign-offs made stale", diff.signoffs_made_stale),
        ("sign-offs added", diff.signoffs_added),
        ("sign-offs removed", diff.signoffs_removed),
    ]
    for title, entries in sections:
        if entries:
            lines.append(f"{title}:")
            lines += [f"  {redact(entry)}" for entry in entries]
    return lines


def diff_to_dict(diff: ReviewDiff) -> dict[str, Any]:
    return redact_value(_diff_data(diff))  # type: ignore[return-value]


def _diff_data(diff: ReviewDiff) -> dict[str, Any]:
    return {
        "content_before": diff.content_before,
        "content_after": diff.content_after,
        "ready_before": diff.ready_before,
        "ready_after": diff.ready_after,
        "identity": diff.identity,
        "answers": [
            {
                "question": change.question,
                "before": change.before,
                "after": change.after,
                "by": change.by,
                "detail": change.detail or None,
            }
            for change in diff.answers
        ],
        "gains": [vars(move) for move in diff.gains],
        "losses": [vars(move) for move in diff.losses],
        "probe_drift": diff.probe_drift,
        "scan_changes": diff.scan_changes,
        "waivers_added": diff.waivers_added,
        "waivers_removed": diff.waivers_removed,
        "waivers_expired": diff.waivers_expired,
        "signoffs_made_stale": diff.signoffs_made_stale,
        "signoffs_added": diff.signoffs_added,
        "signoffs_removed": diff.signoffs_removed,
    }
