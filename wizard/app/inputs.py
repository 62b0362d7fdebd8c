"""Reading what an operator typed on a command line or into a form, the same for every front end."""

from __future__ import annotations

from datetime import date

# Light on purpose: the TUI command parses --set before its first frame, which must not wait for
# the core's models.
from wizard.core.errors import BadInputError
from wizard.core.safety.credentials import quoted


def parse_today(raw: str | None, *, flag: str = "--today") -> date:
    """The evaluation date: ``raw`` as YYYY-MM-DD, or today's date when not given."""
    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        shown = quoted(raw, f"the value for {flag}")
        raise BadInputError(f"{flag} {shown}: use a date like 2026-12-31.") from None


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """``["a.b=1", ...]`` as ``{"a.b": "1"}``, in order; a later repeat of an id wins."""
    parsed: dict[str, str] = {}
    for assignment in assignments:
        key, separator, value = assignment.partition("=")
        if not separator or not key.strip():
            shown = quoted(assignment, "the value for --set")
            raise BadInputError(f"--set {shown}: write it as question.id=value.")
        parsed[key.strip()] = value
    return parsed


def split_links(text: str) -> list[str]:
    """Evidence links typed in one field, separated by commas or spaces."""
    return [part for part in text.replace(",", " ").split() if part]
