"""Exporting a review: one home for what goes into the document, shared by the CLI and the TUI.

The document is built from the review evaluated under the sign-off policy beside it (as
``check`` evaluates it) with the sign-off summary judged against the file's git history, so
``export`` on the command line and the TUI's export of the same file say the same thing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.exports import SUFFIXES, build_export, render
from wizard.core.review.atomic import write_atomically

if TYPE_CHECKING:
    from wizard.app.session import ReviewSession
    from wizard.core.review.model import Review
    from wizard.core.review.policy import Policy


def export_document(
    review: Review,
    review_path: Path,
    *,
    today: date,
    policy: Policy | None = None,
    policy_path: Path | None = None,
) -> dict[str, Any]:
    """The export document of ``review`` (stored at ``review_path``) as of ``today``."""
    from wizard.core.review.policy import find_policy
    from wizard.core.signoff.judging import judge_file

    chosen = policy if policy is not None else find_policy(review_path, policy_path)
    summary = judge_file(review, review_path, policy=chosen)
    return build_export(review, today=today, summary=summary, policy=chosen)


def export_path(review_path: Path, fmt: str) -> Path:
    """Where the TUI writes an export: beside the review, with the format's suffix."""
    return review_path.with_suffix(SUFFIXES[fmt])


def write_export(session: ReviewSession, fmt: str) -> Path:
    """Render the session's review as it is now in ``fmt`` and write it beside the review."""
    document = export_document(
        session.review, session.path, today=session.today, policy=session.policy
    )
    target = export_path(session.path, fmt)
    write_atomically(target, render(document, fmt))
    return target
