"""Waivers as decisions: what one accepts, who must approve it, and whether it still covers.

A waiver records the item's status and the findings behind it when it was made. It covers the
item only while nothing got worse and nothing new appeared, while it is within its expiry (and
the policy's ``max_days``), and, when the policy names approver roles, once someone other than
its author approved it in one of them. Otherwise the item shows its own status and says why the
waiver no longer applies. Making and approving waivers check the same rules up front.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from wizard.core.errors import BadInputError
from wizard.core.plain import SchemaError
from wizard.core.review.model import Review, Waiver, WaiverApproval
from wizard.core.review.policy import NO_POLICY, Policy
from wizard.core.safety.credentials import describe

# Worse later in this order; a waiver accepting `warn` does not accept `fail`.
_RANK = {"pass": 0, "warn": 1, "open": 2, "fail": 3}


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


def _approved(waiver: Waiver, policy: Policy) -> bool:
    roles = policy.waivers.approver_roles
    if not roles:
        return True
    return any(
        approval.role.casefold() in roles and not _same_person(approval.by, waiver.author)
        for approval in waiver.approvals
    )


def _too_long(waiver: Waiver, policy: Policy, today: date) -> bool:
    limit = policy.waivers.max_days
    start = waiver.created or today
    return limit is not None and (waiver.expires - start).days > limit


def why_not_covered(
    waiver: Waiver, own_status: str, findings: list[str], policy: Policy, today: date
) -> str | None:
    """Why an active waiver does not cover the item as it is now; None when it does."""
    who = waiver.author or waiver.owner
    if _too_long(waiver, policy, today):
        return (
            f"the waiver by {who} runs until {waiver.expires.isoformat()}, longer than the "
            f"policy's {policy.waivers.max_days} days"
        )
    if not _approved(waiver, policy):
        roles = ", ".join(policy.waivers.approver_roles)
        return f"the waiver by {who} awaits approval by someone else in role {roles}"
    if waiver.status is not None and _RANK[own_status] > _RANK[waiver.status]:
        return (
            f"the waiver by {who} accepted {waiver.status}, and the item is now {own_status}; "
            "it no longer covers it"
        )
    new = sorted(set(findings) - set(waiver.covers)) if waiver.status is not None else []
    if new:
        return f"the waiver by {who} no longer covers it: new since it was made: {', '.join(new)}"
    return None


def active_waiver(review: Review, item_id: str, today: date) -> tuple[Waiver | None, list[str]]:
    """The item's newest unexpired waiver, and a note for each expired one."""
    notes: list[str] = []
    active: Waiver | None = None
    for waiver in review.waivers:
        if waiver.item != item_id:
            continue
        if waiver.active_on(today):
            active = waiver
        else:
            notes.append(
                f"Waiver by {waiver.owner} expired on {waiver.expires.isoformat()} "
                f"({waiver.reason}); the item is evaluated on its own again."
            )
    return active, notes


def _clean(field: str, text: str) -> str:
    value = text.strip()
    said = describe(value, f"--{field}")
    if said is not None:
        raise BadInputError(f"{said}; the waiver was not recorded.")
    return value


def make_waiver(
    review: Review,
    item_id: str,
    *,
    reason: str,
    owner: str,
    expires: date,
    author: str,
    today: date,
    policy: Policy = NO_POLICY,
) -> Waiver:
    """A waiver of the item as it is now (in memory; the caller stores and saves it)."""
    from wizard.core.evaluation.evaluate import evaluate

    others = review.model_copy(update={"waivers": [w for w in review.waivers if w.item != item_id]})
    item = evaluate(others, others.probe, today, policy).item(item_id)
    if item.status == "pass":
        raise BadInputError(f"{item_id}: the item passes; there is nothing to waive.")
    if expires <= today:
        raise BadInputError(
            f"--expires {expires.isoformat()}: a waiver must end after today "
            f"({today.isoformat()}); give a date such as "
            f"{(today + timedelta(days=30)).isoformat()}."
        )
    limit = policy.waivers.max_days
    if limit is not None and expires > today + timedelta(days=limit):
        raise BadInputError(
            f"--expires {expires.isoformat()}: {policy.path} allows waivers of at most {limit} "
            f"days; choose {(today + timedelta(days=limit)).isoformat()} or earlier. Nothing "
            "was changed."
        )
    try:
        # Validated as pydantic validated it: a too-short reason is refused here.
        return Waiver.model_validate(
            dict(
                item=item_id,
                reason=_clean("reason", reason),
                owner=_clean("owner", owner),
                expires=expires,
                created=today,
                author=author,
                status=_accepted(item.own_status),
                covers=list(item.findings),
            )
        )
    except SchemaError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in detail['loc'])}: {detail['msg']}"
            for detail in error.errors()
        )
        raise BadInputError(f"the waiver is incomplete: {problems}.") from None


def _accepted(status: str) -> Literal["warn", "fail", "open"]:
    if status in ("warn", "fail", "open"):
        return status  # type: ignore[return-value]
    raise BadInputError(f"an item that is {status} cannot be waived.")


def record_waiver(review: Review, waiver: Waiver, today: date) -> None:
    """Store a waiver; it replaces the item's active one (expired ones stay as history)."""
    review.waivers = [
        kept for kept in review.waivers if kept.item != waiver.item or not kept.active_on(today)
    ] + [waiver]


def approve_waiver(
    review: Review,
    item_id: str,
    *,
    by: str,
    role: str,
    at: datetime,
    today: date | None = None,
    policy: Policy = NO_POLICY,
) -> WaiverApproval:
    """Approve the item's active waiver as ``by`` in ``role`` (in memory; the caller saves)."""
    waiver, _ = active_waiver(review, item_id, today or at.date())
    if waiver is None:
        raise BadInputError(f"{item_id}: there is no active waiver to approve.")
    if _same_person(by, waiver.author):
        raise BadInputError(
            f"{item_id}: {by} made this waiver and cannot approve it; another person in the "
            "approving role has to."
        )
    roles = policy.waivers.approver_roles
    if roles and role.casefold() not in roles:
        raise BadInputError(
            f"--role {role}: {policy.path} lets only {', '.join(roles)} approve waivers."
        )
    if not policy.role(role).admits(by):
        raise BadInputError(
            f"{by} may not act as {role} under {policy.path} (its roles.{role}.principals)."
        )
    approval = WaiverApproval.model_validate({"by": by, "role": role.casefold(), "at": at})
    waiver.approvals.append(approval)
    return approval
