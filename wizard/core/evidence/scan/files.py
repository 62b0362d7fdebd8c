"""Which files of the pipeline folder count as "checked in", read once each.

In a git work tree the answer is git's: tracked files plus new files git does not ignore (they
are one `git add` away from a commit). Ignored files are never reported. Outside git every file
counts except version-control folders, virtual environments and caches.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

MAX_FILE_BYTES = 1024 * 1024
# Data samples (dbt seeds, fixtures) hold rows, not configuration; past this size they are
# skipped (a 10,000-line CSV costs more than the rest of a project and holds no settings).
MAX_DATA_BYTES = 64 * 1024
DATA_SUFFIXES = frozenset(
    {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".avro", ".orc", ".xlsx", ".xls", ".sql.gz"}
)

# Folders that never hold the project's own code or config, in git or not, with the reason the
# scan gives when it skips them. A folder holding ``pyvenv.cfg`` is a virtualenv whatever its
# name. ``--include GLOB`` reads a skipped path anyway.
SKIPPED_DIRS: dict[str, str] = {
    ".git": "version control",
    ".hg": "version control",
    ".svn": "version control",
    ".venv": "virtualenv",
    "venv": "virtualenv",
    "site-packages": "installed packages (site-packages)",
    "dist-packages": "installed packages (site-packages)",
    "node_modules": "node_modules",
    "vendor": "vendored packages",
    "_vendor": "vendored packages",
    "vendored": "vendored packages",
    "third_party": "vendored packages",
    "dbt_packages": "installed dbt packages",
    "__pycache__": "caches",
    ".mypy_cache": "caches",
    ".pytest_cache": "caches",
    ".ruff_cache": "caches",
    ".ipynb_checkpoints": "caches",
    ".tox": "caches",
    ".nox": "caches",
    ".eggs": "caches",
}
_SKIPPED_DIRS = frozenset(SKIPPED_DIRS)
REASON_VENV = "virtualenv"
REASON_DBT_TARGET = "dbt build output (target/)"
REASON_LARGE = "over 1 MiB"
REASON_DATA = "data files over 64 KiB"
REASON_BINARY = "binary"
# Which files git does not track yet is the state of a work tree, not a fact about the project:
# a review keeps the scan without the note that counts them (see evidence/snapshot.stored_scan).
# What pathlib's is_file() takes for "no such file" rather than an error.
_GONE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
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
    """The paths to scan, plus what was skipped and why (for the scan's notes)."""

    paths: list[str]
    in_git: bool
    untracked_included: int = 0
    # reason -> (count, first folder or file skipped for it)
    skipped: dict[str, tuple[int, str]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)

    def skip(self, reason: str, where: str, count: int = 1) -> None:
        seen, first = self.skipped.get(reason, (0, where))
        self.skipped[reason] = (seen + count, first)

    def notes(self) -> list[str]:
        notes: list[str] = []
        if not self.in_git:
            notes.append(
                "The folder is not in a git work tree, so every file was scanned "
                "(except what is skipped by default, see below)."
            )
        if self.untracked_included:
            notes.append(
                f"{self.untracked_included} {UNTRACKED_NOTE} were scanned too, because the next "
                "commit would include them."
            )
        for reason, (count, first) in sorted(self.skipped.items()):
            notes.append(
                f"{count} file(s) skipped: {reason} (e.g. {first}); --include GLOB reads them."
                if reason not in {REASON_BINARY, REASON_LARGE}
                else f"{count} file(s) skipped: {reason} (e.g. {first})."
            )
        for path in self.unreadable:
            notes.append(f"{path} could not be read and was skipped.")
        return notes


def list_project_files(
    root: Path, exclude: frozenset[str] = frozenset(), include: tuple[str, ...] = ()
) -> FileListing:
    """The files under ``root`` that count as checked in, except ``exclude`` (paths relative to
    ``root``: the review file and its backups are the wizard's, not the project's) and the
    folders skipped by default (``include`` globs read those anyway). Nothing is read here:
    files are read one at a time by the scan's workers, so memory stays flat."""
    git_paths = _git_paths(root)
    if git_paths is None:
        listing = FileListing(paths=[], in_git=False)
        candidates = _walk_paths(root)
    else:
        tracked, untracked = git_paths
        untracked = [path for path in untracked if path not in exclude]
        listing = FileListing(paths=[], in_git=True)
        candidates = sorted(set(tracked) | set(untracked))
    candidates = [path for path in candidates if path not in exclude]
    venvs = {path.rsplit("/", 1)[0] for path in candidates if path.endswith("/pyvenv.cfg")}
    dbt_roots = {path[: -len("dbt_project.yml")] for path in candidates if _is_dbt(path)}
    untracked_set = set(untracked) if git_paths is not None else set()
    for path in candidates:
        reason, where = _skip_reason(path, venvs, dbt_roots)
        if reason is not None and not any(fnmatch(path, glob) for glob in include):
            listing.skip(reason, where)
            continue
        listing.paths.append(path)
        listing.untracked_included += path in untracked_set
    return listing


def _is_dbt(path: str) -> bool:
    return path == "dbt_project.yml" or path.endswith("/dbt_project.yml")


def _skip_reason(path: str, venvs: set[str], dbt_roots: set[str]) -> tuple[str | None, str]:
    parts = path.split("/")
    for depth, part in enumerate(parts[:-1]):
        folder = "/".join(parts[: depth + 1])
        if folder in venvs:
            return REASON_VENV, folder + "/"
        if part in _SKIPPED_DIRS:
            return SKIPPED_DIRS[part], folder + "/"
        if part == "target" and "/".join(parts[:depth]) + ("/" if depth else "") in dbt_roots:
            return REASON_DBT_TARGET, folder + "/"
    return None, ""


def read_project_file(root: Path, relative: str) -> ProjectFile | str:
    """The file as text, or the reason it is not scanned (binary, too large, a data sample)."""
    full = os.path.join(root, relative)
    try:
        # One lstat answers "a regular file, not a symlink" and the size (as is_symlink,
        # is_file and stat did with three calls); a path that is gone is silently not scanned.
        info = os.lstat(full)
    except OSError as error:
        return "" if error.errno in _GONE else "unreadable"
    if not stat.S_ISREG(info.st_mode):
        return ""
    if info.st_size > MAX_FILE_BYTES:
        return REASON_LARGE
    if info.st_size > MAX_DATA_BYTES and relative.lower().endswith(tuple(DATA_SUFFIXES)):
        return REASON_DATA
    try:
        with open(full, "rb") as handle:
            data = handle.read()
    except OSError:
        return "unreadable"
    if b"\0" in data:
        return REASON_BINARY
    return ProjectFile(relative, data.decode("utf-8", errors="replace"))


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
    return tracked, [path for path in untracked if path not in tracked_set]


def _git_list(root: Path, arguments: list[str]) -> list[str] | None:
    # core.quotePath is irrelevant with -z: names come back raw, NUL-separated.
    result = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False)
    if result.returncode != 0:
        return None
    names = result.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return [name for name in names if name]


def _walk_paths(root: Path) -> list[str]:
    # Every file; the skip rules above apply to walked and git-listed paths alike, so a venv's
    # files are listed (cheap: names only) and then counted as skipped, never read.
    found: list[str] = []
    for current, dirs, files in os.walk(root):
        here = Path(current)
        dirs[:] = sorted(name for name in dirs if name not in {".git", ".hg", ".svn"})
        for name in sorted(files):
            found.append((here / name).relative_to(root).as_posix())
    return found
