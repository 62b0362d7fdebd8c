"""Defaults the command line needs before any review is read.

Kept free of imports so parsing arguments (and the TUI's first frame) never loads the models.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_REVIEW_PATH = Path("readiness-review.toml")
