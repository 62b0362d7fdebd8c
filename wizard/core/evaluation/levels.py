"""Which readiness level a review holds: a pure roll-up of one evaluation.

The levels are data (``kb/reporting.toml``). A level counts only when every level below it
counts too, the way scorecards climb; ``missing`` says what the next level still needs, so a
dashboard can tell a team what to do rather than only where it stands.
"""

from __future__ import annotations

from wizard.core.evaluation.evaluate import Evaluation
from wizard.core.kb.reporting import Level, load_reporting
from wizard.core.records import Record, field, record


@record(frozen=True, kw_only=False)
class LevelStanding(Record):
    level: Level
    rank: int  # 0 for the floor
    next_level: Level | None = None
    missing: tuple[str, ...] = field(default=())


def unmet(level: Level, evaluation: Evaluation, *, approved: bool) -> list[str]:
    """What keeps a review from ``level`` (empty when it meets it)."""
    gaps = [
        f"{item.id} is {item.status}"
        for item in evaluation.items
        if (item.id in level.items and item.status not in level.accept)
        or (level.ready and item.status not in ("pass", "waived"))
    ]
    if level.ready and not evaluation.ready and not gaps:
        gaps.append("a review layer does not hold")
    if level.approved and not approved:
        gaps.append("no fresh approval")
    return gaps


def level_of(evaluation: Evaluation, *, approved: bool) -> LevelStanding:
    """The highest level met together with every level below it.

    ``approved``: a fresh approval is on record and no fresh rejection (the sign-off summary's
    ``approved`` state), decided by the caller because sign-offs sit above the evaluation.
    """
    levels = load_reporting().levels
    rank = 0
    for index, level in enumerate(levels[1:], start=1):
        if unmet(level, evaluation, approved=approved):
            break
        rank = index
    following = levels[rank + 1] if rank + 1 < len(levels) else None
    missing = tuple(unmet(following, evaluation, approved=approved)) if following else ()
    return LevelStanding(levels[rank], rank, following, missing)
