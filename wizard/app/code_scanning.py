"""SARIF logs for ``check`` and ``scan``: where on disk meets where in the repository.

Code scanning reads every location relative to the repository root, whatever folder the
command ran from, so this module finds that root (git's work tree, else the current folder) and
expresses the review file and the scanned project relative to it. The log itself is built by
``wizard.core.exports.sarif``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wizard.core.errors import BadInputError
from wizard.core.evidence.snapshot import project_folder, resolved_root
from wizard.core.exports.sarif import SarifLog, answer_lines
from wizard.core.history.git import toplevel
from wizard.core.review.model import Review
from wizard.core.review.observations import ProjectScan
from wizard.core.tomlfile import read_regular


def repository_root(start: Path) -> Path:
    """The git work tree holding ``start`` (a file or folder), else the current folder."""
    folder = start if start.is_dir() else start.parent
    found = toplevel(folder.resolve() if str(folder) else Path.cwd())
    return (found or Path.cwd()).resolve()


def relative_prefix(folder: Path, root: Path) -> str | None:
    """``folder`` relative to ``root`` with ``/`` ("" for the root), or None when outside it."""
    try:
        relative = os.path.relpath(folder.resolve(), root)
    except ValueError:  # another drive on Windows
        return None
    if relative == ".":
        return ""
    if relative.startswith(".."):
        return None
    return Path(relative).as_posix()


def _scan_prefix(scan: ProjectScan, review: Review, review_path: Path, root: Path) -> str:
    """Where the scanned folder sits in the repository.

    A stored scan may come from another machine (its root does not exist here); then the
    review's project folder, which is what that scan read, stands in for it.
    """
    for folder in (
        resolved_root(scan.root, review_path),
        project_folder(review, review_path, None),
    ):
        if folder.is_dir():
            prefix = relative_prefix(folder, root)
            if prefix is not None:
                return prefix
    return ""


def check_sarif(review: Review, review_path: Path, document: dict[str, Any]) -> dict[str, Any]:
    """Failing items (located in the review file) and the review's scan findings."""
    root = repository_root(review_path)
    log = SarifLog()
    uri = relative_prefix(review_path, root) or review_path.name
    try:
        lines = answer_lines(read_regular(review_path, what="review file").decode("utf-8"))
    except (BadInputError, UnicodeDecodeError):
        lines = {}
    log.add_items(document, uri, lines)
    scan = review.probe.scan if review.probe is not None else None
    if scan is not None:
        log.add_scan(scan, _scan_prefix(scan, review, review_path, root))
    return log.to_dict()


def scan_sarif(scan: ProjectScan) -> dict[str, Any]:
    """The findings of one scan, located relative to the repository that holds it."""
    folder = Path(scan.root)
    root = repository_root(folder)
    log = SarifLog()
    log.add_scan(scan, relative_prefix(folder, root) or "")
    return log.to_dict()
