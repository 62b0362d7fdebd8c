"""Judging the sign-offs of a review *file*: its policy beside it, its git history, then the gate.

Every command that reports on sign-offs (verify, check, status, export) and the TUI go through
``judge_file``, so the policy is found the same way and the log is held against the same history.
"""

from __future__ import annotations

from pathlib import Path

from wizard.core.review.model import Review
from wizard.core.review.policy import Policy, find_policy
from wizard.core.signoff.gate import SignOffSummary, judge_signoffs
from wizard.core.signoff.ledger import committed_chains


def judge_file(
    review: Review,
    path: Path,
    *,
    policy: Policy | None = None,
    policy_path: Path | None = None,
    required_roles: list[str] | None = None,
    allowed_signers: Path | None = None,
) -> SignOffSummary:
    """The gate for the review stored at ``path`` (``review`` may be the in-memory version)."""
    chosen = policy if policy is not None else find_policy(path, policy_path)
    history = committed_chains(path) if review.signoffs and path.exists() else None
    return judge_signoffs(
        review,
        chosen,
        required_roles=required_roles,
        allowed_signers=allowed_signers,
        history=history,
    )
