"""When another writer saved first: may a change be re-applied on the fresh content?

A change is re-applied (its mutation run again on what is on disk now) unless it touches a part
of the review the other writer changed too: then re-applying would overwrite their work, so the
save is refused and the operator told which parts collided. The parts are each answer, each
item's waivers, the sign-off chain, the probe snapshot and each top-level field; ``updated`` is
bookkeeping every save changes, so it never counts as a collision.
"""

from __future__ import annotations

from typing import Any

from wizard.core.review.model import Review


def _parts(review: Review) -> dict[str, Any]:
    raw = review.model_dump(mode="json", exclude={"updated"})
    parts: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "answers":
            parts.update({f"answers.{qid}": answer for qid, answer in value.items()})
        elif key == "waivers":
            for waiver in value:
                parts.setdefault(f"waivers on {waiver['item']}", []).append(waiver)
        else:
            parts[key] = value
    return parts


def changed_parts(before: Review, after: Review) -> set[str]:
    old, new = _parts(before), _parts(after)
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def collisions(base: Review, theirs: Review, ours: Review) -> list[str]:
    """Parts both the other writer (``base`` -> ``theirs``) and this change (``theirs`` ->
    ``ours``) changed."""
    return sorted(changed_parts(base, theirs) & changed_parts(theirs, ours))
