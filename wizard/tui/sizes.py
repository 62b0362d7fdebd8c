"""The smallest terminal the review is drawn in; one home for the command line and the app.

Nothing here imports Textual, so the ``tui`` command can refuse a tiny terminal before paying
for the import.
"""

from __future__ import annotations

MIN_COLUMNS = 60
MIN_LINES = 16


def too_small(columns: int, lines: int) -> bool:
    return columns < MIN_COLUMNS or lines < MIN_LINES
