"""Gathering evidence for an open review: the slow part a front end runs in the background.

``ProbeRequest`` is a copy of what a probe needs, so a TUI can keep editing while a worker (or a
helper process) probes; ``collect_evidence`` does the work; the session folds the result in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wizard.app.session import ReviewSession
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot


@dataclass(frozen=True)
class ProbeRequest:
    """Everything a probe worker needs, copied so the UI thread can keep editing the review."""

    review: Review
    review_path: Path
    python: str | None
    project: Path | None

    @classmethod
    def of(cls, session: ReviewSession) -> ProbeRequest:
        return cls(
            session.review.model_copy(deep=True), session.path, session.python, session.project
        )


def collect_evidence(request: ProbeRequest, progress: Callable[[int, str], None]) -> ProbeSnapshot:
    """The slow part, for a worker thread: probe + preflight, then the project scan."""
    from wizard.core.evidence.snapshot import gather_evidence

    progress(1, "probing the interpreter and running the preflight")
    probed = gather_evidence(
        request.review,
        review_path=request.review_path,
        python=request.python,
        project=request.project,
        include_scan=False,
    )
    progress(2, "scanning the project folder")
    staged = request.review.model_copy(update={"probe": probed})
    return gather_evidence(
        staged,
        review_path=request.review_path,
        python=request.python,
        project=request.project,
        include_probe=False,
    )


def probe_now(session: ReviewSession, *, timeout: float) -> ProbeSnapshot:
    """Probe and scan in this thread, then fold the result into the session (and save)."""
    from wizard.core.evidence.snapshot import gather_evidence

    snapshot = gather_evidence(
        session.review,
        review_path=session.path,
        python=session.python,
        project=session.project,
        timeout=timeout,
    )
    session.apply_probe(snapshot)
    return snapshot
