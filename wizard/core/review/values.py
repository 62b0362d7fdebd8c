"""How an answer value is written in text: one rule for every screen, line and export."""

from __future__ import annotations

from wizard.core.kb.knowledge import AnswerValue


def format_value(value: AnswerValue | None) -> str:
    """An answer as an operator would type it back: ``yes``/``no``, ``a, b``, ``3``, ``0.5``.

    Whole numbers lose their ``.0`` and other numbers keep every digit (``repr`` is the shortest
    text that reads back as the same float), so a threshold of 1234567 is never shown as
    1.23457e+06. ``None`` and empty values give the empty string; callers say "(none)" their way.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when something was left out."""
    return text if len(text) <= width else text[: width - 1] + "…"
