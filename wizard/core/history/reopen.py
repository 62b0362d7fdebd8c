"""What changed since an operator last worked on a review: the banner shown on re-open.

Pure: it reads the review (and optionally a fresh probe snapshot) and returns short human lines.
"The last session" is the operator's own latest attested answer; everything others did after
it, every waiver that has lapsed, every sign-off whose content hash no longer matches (as
``wizard.core.signoff.signoffs`` judges it) and every drift of the environment is worth a line.
"""

from __future__ import annotations

from datetime import date, datetime

from wizard.core.review.model import Answer, Review
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.values import clipped, format_value

# Past this many, answers by others are summarised in one line so the banner stays readable.
MAX_ANSWER_LINES = 5
_VALUE_WIDTH = 40


def _shown(answer: Answer) -> str:
    return clipped(format_value(answer.value) or "(none)", _VALUE_WIDTH)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def last_session(review: Review, operator: str) -> datetime | None:
    """When the operator last answered anything themselves (probe answers do not count)."""
    own = [a.at for a in review.answers.values() if a.by == operator and not a.is_probe]
    return max(own) if own else None


def answers_by_others(review: Review, operator: str) -> list[str]:
    since = last_session(review, operator)
    changed = sorted(
        (
            (question_id, answer)
            for question_id, answer in review.answers.items()
            if not answer.is_probe
            and answer.by != operator
            and (since is None or answer.at > since)
        ),
        key=lambda pair: pair[1].at,
    )
    lines = [
        f"{question_id} = {_shown(answer)} (by {answer.by}, {_stamp(answer.at)})"
        for question_id, answer in changed[:MAX_ANSWER_LINES]
    ]
    rest = changed[MAX_ANSWER_LINES:]
    if rest:
        people = ", ".join(sorted({answer.by for _, answer in rest}))
        lines.append(f"{len(rest)} more answers changed by {people}")
    return lines


def expired_waivers(review: Review, today: date) -> list[str]:
    return [
        f"waiver on {waiver.item} by {waiver.owner} expired on {waiver.expires.isoformat()}; "
        "the item is judged on its own again"
        for waiver in review.waivers
        if not waiver.active_on(today)
    ]


def stale_signoff_lines(review: Review) -> list[str]:
    """Sign-offs whose content hash no longer matches the review (the sign-off module decides)."""
    from wizard.core.signoff.gate import stale_signoffs

    lines = []
    for status in stale_signoffs(review):
        signoff = status.signoff
        line = (
            f"sign-off by {signoff.reviewer} ({signoff.role}, {signoff.decision}) on "
            f"{_stamp(signoff.at)} is stale: the review changed after it was given"
        )
        if status.changed_since:
            hint = "; ".join(status.changed_since)
            line += f" ({hint if len(hint) <= 80 else hint[:79] + '…'})"
        lines.append(line)
    return lines


def scan_lines(old: ProbeSnapshot | None, new: ProbeSnapshot) -> list[str]:
    """Credentials and settings that appeared, went away or moved since the stored scan; the
    new scan is bounded the way the review will store it, so the bound is not a change."""
    from wizard.core.evidence.scan_drift import scan_drift
    from wizard.core.evidence.snapshot import stored_scan

    if old is None or old.scan is None or new.scan is None:
        return []
    return [f"scan: {line}" for line in scan_drift(old.scan, stored_scan(new.scan))]


def changes_since_last_session(
    review: Review,
    operator: str,
    today: date,
    new_probe: ProbeSnapshot | None = None,
) -> list[str]:
    """Lines for the re-open banner, most consequential first; empty when nothing changed."""
    lines: list[str] = []
    if new_probe is not None:
        from wizard.core.evidence.probe import probe_drift

        lines += [f"environment: {line}" for line in probe_drift(review.probe, new_probe)]
        lines += scan_lines(review.probe, new_probe)
    lines += [f"answer: {line}" for line in answers_by_others(review, operator)]
    lines += expired_waivers(review, today)
    lines += stale_signoff_lines(review)
    return lines
