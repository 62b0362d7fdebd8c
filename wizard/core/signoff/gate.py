"""The sign-off gate: whether a review's sign-offs satisfy what a release asks for.

One function, ``signoff_gate``, that ``check --require-signoff``, the exports and the TUI all
call, so they cannot disagree.
"""

from __future__ import annotations

from typing import Any

from wizard.core.signoff.content_hash import short_hash
from wizard.core.signoff.signoffs import SignOffSummary


def gate_cases(
    summary: SignOffSummary, required_roles: list[str], *, require_signature: bool = False
) -> list[tuple[str, str | None]]:
    """One (role, problem or None) per role a gate asks for; a problem fails the gate.

    An empty list asks that there is at least one sign-off and that every role's latest one is a
    fresh approval. Named roles must each have a fresh approval as their latest sign-off. A fresh
    rejection by any other role blocks too.
    """
    latest = summary.latest_by_role()
    wanted = list(dict.fromkeys(role.strip().casefold() for role in required_roles))
    if not wanted and not latest:
        return [("any role", "no sign-off: the review is unsigned")]
    cases: list[tuple[str, str | None]] = []
    for role in wanted or list(latest):
        entry = latest.get(role)
        problem: str | None = None
        if entry is None:
            problem = f"missing sign-off for role {role!r}"
        elif entry.signature == "invalid":
            problem = f"{entry.label}: signature does not hold ({entry.signature_detail})"
        elif entry.state == "stale":
            problem = (
                f"{entry.label} is stale: signed {short_hash(entry.signoff.content_hash)}, "
                f"content is now {short_hash(summary.content_hash)}"
            )
        elif entry.signoff.decision != "approve":
            problem = f"{entry.label} rejected the review"
        elif require_signature and entry.signature != "authenticated":
            problem = f"{entry.label} is not signed by a key in the allowed-signers file"
        cases.append((role, problem))
    for role, entry in latest.items():
        if role not in wanted and wanted and entry.counts and entry.signoff.decision == "reject":
            cases.append((role, f"{entry.label} rejected the review"))
    return cases


def signoff_gate(
    summary: SignOffSummary, roles: list[str], drift: list[str], *, authenticated: bool
) -> dict[str, Any]:
    """The gate as plain data: required roles, passed, problems, and one case per requirement."""
    cases = [
        {"name": name, "problem": problem}
        for name, problem in gate_cases(summary, roles, require_signature=authenticated)
    ]
    if drift:
        cases.append(
            {
                "name": "probe drift",
                "problem": "the environment changed since the signed probe: " + "; ".join(drift),
            }
        )
    problems = [case["problem"] for case in cases if case["problem"]]
    return {"required_roles": roles, "passed": not problems, "problems": problems, "cases": cases}
