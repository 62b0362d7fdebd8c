"""Whether the current sign-offs meet a release's requirements (roles, distinct signers)."""

from __future__ import annotations

from itertools import permutations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.core.signoff.gate import SignOffStatus


def _assign(roles: tuple[str, ...], holders: dict[str, list[str]], distinct: bool) -> bool:
    """Can every role be filled by a holding approver, each principal once when ``distinct``?"""
    if not distinct:
        return all(holders.get(role) for role in roles)
    people = sorted({person for role in roles for person in holders.get(role, [])})
    if len(people) < len(roles):
        return False
    return any(
        all(person in holders.get(role, []) for role, person in zip(roles, chosen, strict=False))
        for chosen in permutations(people, len(roles))
    )


Case = tuple[str, str | None]


def _why_not(entry: SignOffStatus) -> str:
    if entry.standing == "stale":
        hints = f" ({'; '.join(entry.changed_since)})" if entry.changed_since else ""
        return f"{entry.label} is stale: the review changed after it was signed{hints}"
    if entry.standing == "invalid":
        return f"{entry.label}: signature does not hold ({entry.signature_detail})"
    if entry.standing == "not-allowed":
        return f"{entry.label} does not count: {entry.problem}"
    return f"{entry.label} {entry.signoff.decision}d the review"


def requirement_cases(
    current: list[SignOffStatus], required: tuple[str, ...], *, distinct: bool
) -> list[Case]:
    """One (name, problem or None) per requirement; a problem fails the gate.

    ``required`` empty asks every role that signed for a holding approval, and at least one.
    Any holding rejection fails it too, whatever its role.
    """
    if not required and not current:
        return [("any role", "no sign-off: the review is unsigned")]
    roles = required or tuple(dict.fromkeys(e.signoff.role.casefold() for e in current))
    holders: dict[str, list[str]] = {}
    for entry in current:
        if entry.counts and entry.signoff.decision == "approve":
            holders.setdefault(entry.signoff.role.casefold(), []).append(entry.principal)
    cases: list[Case] = []
    for role in roles:
        if holders.get(role):
            cases.append((role, None))
            continue
        mine = [entry for entry in current if entry.signoff.role.casefold() == role]
        if not mine:
            cases.append((role, f"missing sign-off for role {role!r}"))
        else:
            cases.append((role, "; ".join(_why_not(entry) for entry in mine)))
    for entry in current:
        if entry.counts and entry.signoff.decision == "reject":
            cases.append((entry.signoff.role.casefold(), f"{entry.label} rejected the review"))
    if distinct and all(holders.get(role) for role in roles) and not _assign(roles, holders, True):
        cases.append(
            (
                "distinct signers",
                "distinct_signers: one principal cannot fill two of the required roles "
                f"({', '.join(roles)}); another person has to sign one of them",
            )
        )
    return cases
