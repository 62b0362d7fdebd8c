"""Which files of the pipeline folder count as "checked in", read once each.

In a git work tree the answer is git's: tracked files plus new files git does not ignore (they
are one `git add` away from a commit). Ignored files are never reported. Outside git every file
counts except version-control folders, virtual environments and caches.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 1024 * 1024

# Folders that never hold the project's own code or config when git cannot tell us.
_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".eggs",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        "dbt_packages",
    }
)
# Which files git does not track yet is the state of a work tree, not a fact about the project:
# a review keeps the scan without the note that counts them (see evidence/snapshot.stored_scan).
UNTRACKED_NOTE = "file(s) not yet added to git (and not ignored)"


@dataclass
class ProjectFile:
    """One readable text file of the project; ``path`` is relative to the root, with ``/``."""

    path: str
    text: str
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        name = self.name
        return name[name.rfind(".") :].lower() if "." in name[1:] else ""

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def line(self, number: int) -> str:
        """The 1-based source line, or "" when out of range."""
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""


@dataclass
class FileListing:
    """The files to scan, plus what was skipped and why (for the scan's notes)."""

    files: list[ProjectFile]
    in_git: bool
    untracked_included: int = 0
    skipped_binary: int = 0
    skipped_large: int = 0
    unreadable: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        notes: list[str] = []
        if not self.in_git:
            notes.append(
                "The folder is not in a git work tree, so every file was scanned "
                "(except .git, virtual environments, node_modules and caches)."
            )
        if self.untracked_included:
            notes.append(
                f"{self.untracked_included} {UNTRACKED_NOTE} were scanned too, because the next "
                "commit would include them."
            )
        if self.skipped_binary:
            notes.append(f"{self.skipped_binary} binary file(s) were skipped.")
        if self.skipped_large:
            notes.append(f"{self.skipped_large} file(s) over 1 MiB were skipped.")
        for path in self.unreadable:
            notes.append(f"{path} could not be read and was skipped.")
        return notes


def list_project_files(root: Path, exclude: frozenset[str] = frozenset()) -> FileListing:
    """Read every file that counts as checked in under ``root``, except ``exclude`` (paths
    relative to ``root``: the review file and its backups are the wizard's, not the project's)."""
    git_paths = _git_paths(root)
    if git_paths is None:
        listing = FileListing(files=[], in_git=False)
        candidates = _walk_paths(root)
    else:
        tracked, untracked = git_paths
        listing = FileListing(files=[], in_git=True, untracked_included=len(untracked))
        untracked = [path for path in untracked if path not in exclude]
        listing.untracked_included = len(untracked)
        candidates = sorted(set(tracked) | set(untracked))
    for relative in candidates:
        if relative in exclude:
            continue
        _read_into(listing, root, relative)
    return listing


def _read_into(listing: FileListing, root: Path, relative: str) -> None:
    full = root / relative
    try:
        if full.is_symlink() or not full.is_file():
            return
        if full.stat().st_size > MAX_FILE_BYTES:
            listing.skipped_large += 1
            return
        data = full.read_bytes()
    except OSError:
        listing.unreadable.append(relative)
        return
    if b"\0" in data:
        listing.skipped_binary += 1
        return
    listing.files.append(ProjectFile(relative, data.decode("utf-8", errors="replace")))


def _git_paths(root: Path) -> tuple[list[str], list[str]] | None:
    """(tracked, untracked-but-not-ignored) paths relative to ``root``; None outside git."""
    try:
        inside = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    tracked = _git_list(root, ["ls-files", "-z", "--cached"])
    untracked = _git_list(root, ["ls-files", "-z", "--others", "--exclude-standard"])
    if tracked is None or untracked is None:
        return None
    tracked_set = set(tracked)
    # A venv or cache nobody ignored yet is still not the project's code.
    fresh = [
        path
        for path in untracked
        if path not in tracked_set and _SKIPPED_DIRS.isdisjoint(path.split("/")[:-1])
    ]
    return tracked, fresh


def _git_list(root: Path, arguments: list[str]) -> list[str] | None:
    # core.quotePath is irrelevant with -z: names come back raw, NUL-separated.
    result = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False)
    if result.returncode != 0:
        return None
    names = result.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return [name for name in names if name]


def _walk_paths(root: Path) -> list[str]:
    found: list[str] = []
    for current, dirs, files in os.walk(root):
        here = Path(current)
        dirs[:] = sorted(
            name
            for name in dirs
            if name not in _SKIPPED_DIRS
            and not (here / name / "pyvenv.cfg").exists()
            and not (name == "target" and (here / "dbt_project.yml").exists())
        )
        for name in sorted(files):
            found.append((here / name).relative_to(root).as_posix())
    return found
