"""Paths a review stores are relative to the review file, so a committed review works on
another machine (or in another clone) exactly as on the one that wrote it."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

# An absolute project folder this many levels above the review's folder, or fewer, is stored
# relative (a review in pipeline/review/ naming pipeline/); further away it is kept as typed,
# since such a folder is probably not part of the same repository.
MAX_LEVELS_UP = 2


def relative_to_review(folder: str, review_path: Path) -> str:
    """``folder`` as the review should store it: relative (with ``/``) when absolute and inside
    or near the review's folder; anything else unchanged."""
    typed = Path(folder).expanduser()
    if not typed.is_absolute():
        return folder
    base = review_path.resolve().parent
    try:
        relative = os.path.relpath(typed.resolve(), base)
    except ValueError:  # another drive on Windows: no relative form exists
        return folder
    parts = PurePosixPath(Path(relative).as_posix()).parts
    if parts.count("..") > MAX_LEVELS_UP or (parts and parts[0] != ".." and ".." in parts):
        return folder
    return PurePosixPath(*parts).as_posix() if parts else "."
