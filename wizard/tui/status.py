"""How a status looks: a word and a symbol (never colour alone), coloured by theme variables."""

from __future__ import annotations

from textual.content import Content

from wizard.core.evaluation.evaluate import Status

SYMBOLS: dict[str, str] = {"pass": "✓", "warn": "!", "fail": "✗", "open": "·", "waived": "~"}
THEME_COLOURS: dict[str, str] = {
    "pass": "$text-success",
    "warn": "$text-warning",
    "fail": "$text-error",
    "open": "$foreground-muted",
    "waived": "$text-accent",
}


def symbol(status: Status | str) -> Content:
    """The status's symbol alone, in its colour: for rows too narrow for the word."""
    return Content.styled(SYMBOLS.get(status, "?"), THEME_COLOURS.get(status, ""))


def badge(status: Status | str, *, width: int = 6) -> Content:
    """``✓ pass`` in the theme's success colour, padded so columns line up."""
    text = f"{SYMBOLS.get(status, '?')} {status}".ljust(width + 3)
    return Content.styled(text, THEME_COLOURS.get(status, ""))


def line(status: Status | str, label: str, *, width: int = 6) -> Content:
    return Content.assemble(badge(status, width=width), label)
