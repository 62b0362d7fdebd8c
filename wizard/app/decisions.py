"""Decisions on an open review: sign-offs and waivers, judged by the core, saved by the session.

The TUI's forms and the CLI's ``signoff`` and ``waive`` commands call these, so a sign-off or a
waiver is refused (or accepted) the same way whichever front end records it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import BadInputError
from wizard.core.review.model import Review, SignOff, utc_now

if TYPE_CHECKING:
    from wizard.app.session import ReviewSession
    from wizard.core.signoff.gate import SignOffSummary
    from wizard.core.signoff.signoffs import Decision


def _check_role(session: ReviewSession, role: str, principal: str | None, key: Path | None) -> None:
    """Refuse up front what the policy would never count, instead of recording it."""
    rule = session.policy.role(role)
    if not rule.admits(principal):
        allowed = ", ".join(rule.principals or ())
        raise BadInputError(
            f"--role {role}: {session.policy.path} lets only {allowed} sign as {role}; you sign "
            f"as {principal or 'nobody (no principal: pass --principal or set git user.email)'}."
        )
    if rule.signature == "required" and key is None:
        raise BadInputError(
            f"--role {role}: {session.policy.path} requires an SSH signature for {role}; pass "
            "--key with your SSH key (or its .pub when it is in ssh-agent)."
        )


def sign_off(
    session: ReviewSession,
    *,
    reviewer: str,
    role: str,
    decision: Decision,
    comment: str = "",
    key: Path | None = None,
    principal: str | None = None,
) -> SignOff:
    """Sign the review as it is now and save; nothing is saved when the core refuses."""
    from wizard.core.signoff.signoffs import clean_principal, create_signoff

    who = clean_principal(principal) if principal else session.principal
    _check_role(session, role, who, key)
    created: list[SignOff] = []
    session.commit(
        lambda review: created.append(
            create_signoff(
                review,
                reviewer=reviewer,
                role=role,
                decision=decision,
                principal=who,
                comment=comment or None,
                key=key,
                today=session.today,
            )
        ),
        strict=True,  # a sign-off covers what the reviewer saw, not what arrived meanwhile
    )
    return created[0]


def waive(session: ReviewSession, item_id: str, *, reason: str, owner: str, expires: date) -> None:
    """Accept an item as it is now until ``expires``; replaces an active waiver on the item."""
    from wizard.core.evaluation.waivers import make_waiver, record_waiver

    waiver = make_waiver(
        session.review,
        item_id,
        reason=reason,
        owner=owner,
        expires=expires,
        author=session.principal or session.operator,
        today=session.today,
        policy=session.policy,
    )
    session.commit(lambda review: record_waiver(review, waiver, session.today))


def approve_waiver(session: ReviewSession, item_id: str, *, role: str) -> None:
    from wizard.core.evaluation.waivers import approve_waiver as approve

    by = session.principal or session.operator
    session.commit(
        lambda review: approve(
            review,
            item_id,
            by=by,
            role=role,
            at=utc_now(),
            today=session.today,
            policy=session.policy,
        )
    )


def lift_waiver(session: ReviewSession, item_id: str) -> bool:
    """Remove the active waiver on an item; expired ones stay as history."""
    today = session.today
    if not any(w.item == item_id and w.active_on(today) for w in session.review.waivers):
        return False

    def mutate(review: Review) -> None:
        review.waivers = [w for w in review.waivers if w.item != item_id or not w.active_on(today)]

    session.commit(mutate)
    return True


def signoff_summary(session: ReviewSession) -> SignOffSummary:
    from wizard.core.signoff.judging import judge_file

    return judge_file(session.review, session.path, policy=session.policy)
