"""What the command palette offers on the review screen: actions, steps in order, items."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from wizard.core.kb.knowledge import load_knowledge
from wizard.tui.messages import ItemChosen, StepChosen

if TYPE_CHECKING:
    from wizard.tui.screens.review import ReviewScreen

PaletteEntry = tuple[str, str, Callable[[], object]]


def review_palette(screen: ReviewScreen) -> Iterator[PaletteEntry]:
    """The palette's entries for ``screen``: (title, help, what choosing it does)."""
    yield ("Re-run probes", "Probe, preflight and project scan", screen.action_run_probes)
    yield ("Next question", "Skip to the next question", screen.action_next_question)
    yield ("Previous question", "Go back one question", screen.action_previous_question)
    yield ("Reload from disk", "Read the review file again", screen.action_reload)
    yield ("Sign off", "Approve or reject the review as it is now", screen.action_sign_off)
    yield ("Export", "Write an export beside the review", screen.action_export)
    # Numbered, so the palette (which sorts what it lists by name) keeps the steps' order.
    for number, step in enumerate(load_knowledge().steps, start=1):
        yield (
            f"Go to step {number}: {step.title}",
            step.summary,
            partial(screen.post_message, StepChosen(step.id)),
        )
    for item in screen.evaluation.items if screen.evaluation else []:
        yield (
            f"Open item: {item.title}",
            f"Why it is {item.status}, its evidence, and waiving it",
            partial(screen.post_message, ItemChosen(item.id)),
        )
