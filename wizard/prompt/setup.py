"""The three questions that create a review file: its title, its host and its engine."""

from __future__ import annotations

from pathlib import Path

import questionary
from questionary import Choice

from wizard.core.kb.registry import engines, hosts
from wizard.core.review.model import Review
from wizard.core.review.store import new_review

MAX_TITLE = 200


def _title_problem(text: str) -> bool | str:
    if not text.strip():
        return "give the review a short title, e.g. the pipeline's name"
    if len(text.strip()) > MAX_TITLE:
        return f"keep the title under {MAX_TITLE} characters"
    return True


def ask_setup(path: Path, *, python: str | None, project: str | None) -> Review:
    """Ask title, host and engine (the host and engine decide which questions apply)."""
    folder = path.resolve().parent.name or "pipeline"
    title = questionary.text(
        "A short title for this review:", default=folder, validate=_title_problem
    ).unsafe_ask()
    host = questionary.select(
        "Which host runs the pipeline?",
        choices=[Choice(host.label, host.id) for host in hosts()],
        use_shortcuts=True,
        use_jk_keys=False,
    ).unsafe_ask()
    engine = questionary.select(
        "Which validation engine does it use?",
        choices=[Choice(engine.label, engine.id) for engine in engines()],
        default="truthound",
        use_shortcuts=True,
        use_jk_keys=False,
    ).unsafe_ask()
    return new_review(str(title).strip(), host, engine, python=python, project=project)
