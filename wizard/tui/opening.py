"""Opening the review for the app, in its loading worker: the heavy imports and the file checks.

Only the app's loading worker imports this module, after the first frame is on screen, so the
headless core (pydantic models, the knowledge base, the support matrix) and the real screens
load while the operator already sees the layout and can quit.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wizard.app.identity import operator_name
from wizard.app.session import ReviewSession
from wizard.core.kb.knowledge import load_knowledge

# The screens the app shows next; importing them here keeps their cost off the UI thread.
REVIEW_SCREEN = "wizard.tui.screens.review"
SETUP_SCREEN = "wizard.tui.screens.setup"


@dataclass(frozen=True)
class OpenedReview:
    """What the app needs to leave the loading screen; ``session`` None means a new file."""

    operator: str
    session: ReviewSession | None


def open_for_app(
    path: Path,
    *,
    operator: str | None,
    today: date,
    python: str | None,
    project: Path | None,
    overrides: Mapping[str, str],
) -> OpenedReview:
    """Read, validate and (with ``overrides``) update the file; raises ReadinessError subclasses.

    A broken file or an invalid override raises before any review screen exists, and nothing
    is written in either case.
    """
    exists = path.exists()
    for module in (REVIEW_SCREEN,) if exists else (SETUP_SCREEN, REVIEW_SCREEN):
        importlib.import_module(module)
    load_knowledge()
    who = operator_name(operator)
    if not exists:
        return OpenedReview(who, None)
    session = ReviewSession.open(
        path,
        operator=who,
        today=today,
        python=python,
        project=project,
        overrides=overrides or None,
    )
    return OpenedReview(who, session)
