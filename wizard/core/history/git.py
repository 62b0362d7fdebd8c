"""Reading review files out of git with the real ``git``: one file at a revision, the work tree's
root, and every committed version of many files at once.

History of a thousand reviews must not cost thousands of processes: ``committed_versions`` runs
one ``git log`` per repository for all its review files and one ``git cat-file --batch`` that
streams every version's bytes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wizard.core.errors import BadInputError

GIT_TIMEOUT = 120
_COMMIT_MARK = "\x1e"


def _git(
    args: list[str], cwd: Path, *, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise BadInputError(
            "git is not installed, so the review's git history cannot be read."
        ) from None
    except subprocess.TimeoutExpired:
        raise BadInputError(
            f"`git {args[0]}` in {cwd} did not finish within {GIT_TIMEOUT}s."
        ) from None


def toplevel(folder: Path) -> Path | None:
    """The root of the git work tree holding ``folder``, or None outside git."""
    try:
        done = _git(["rev-parse", "--show-toplevel"], folder)
    except BadInputError:
        return None
    if done.returncode != 0:
        return None
    return Path(done.stdout.decode("utf-8", "surrogateescape").strip())


def resolve_commit(folder: Path, revision: str) -> tuple[str | None, str]:
    """``revision`` as a full commit id and "", or None and why it is refused.

    A revision comes from the command line; one starting with ``-`` would reach git as an
    option (``--output=FILE`` writes a file), so it is refused before git sees it, and git is
    told where its options end. Only the resolved commit id is ever passed on.
    """
    if not revision or revision.startswith("-") or any(ch.isspace() for ch in revision):
        return None, "a revision cannot be empty, start with '-' or contain spaces"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in revision):
        return None, "a revision cannot contain control characters"
    done = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], folder
    )
    commit = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not commit:
        return None, "no such commit in this repository"
    return commit, ""


def show(path: Path, revision: str) -> tuple[bytes | None, str]:
    """The bytes of ``path`` at ``revision`` and "", or None and git's reason."""
    folder = path.parent if str(path.parent) else Path(".")
    commit, refused = resolve_commit(folder, revision)
    if commit is None:
        return None, refused
    done = _git(["show", "--end-of-options", f"{commit}:./{path.name}"], folder)
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, problem[-1] if problem else "unknown error"
    return done.stdout, ""


@dataclass(frozen=True)
class Version:
    """One committed version of one file."""

    commit: str
    at: datetime
    data: bytes


def _work_tree(path: Path, cache: dict[Path, Path | None]) -> Path | None:
    """The nearest folder above ``path`` that holds ``.git`` (a folder or a worktree's file)."""
    seen: list[Path] = []
    folder = path.parent
    while True:
        if folder in cache:
            found = cache[folder]
            break
        seen.append(folder)
        if (folder / ".git").exists():
            found = folder
            break
        if folder.parent == folder:
            found = None
            break
        folder = folder.parent
    for entry in seen:
        cache[entry] = found
    return found


def _log(root: Path, names: list[str], limit: int) -> dict[str, list[tuple[str, datetime]]]:
    """Per file (relative to ``root``), its commits newest first, at most ``limit`` each."""
    done = _git(
        ["log", f"--format={_COMMIT_MARK}%H %ct", "--name-only", "--no-renames", "--", *names],
        root,
    )
    commits: dict[str, list[tuple[str, datetime]]] = {}
    if done.returncode != 0:
        return commits  # no commit yet, or not a repository after all: no history
    wanted = set(names)
    for block in done.stdout.decode("utf-8", "surrogateescape").split(_COMMIT_MARK)[1:]:
        header, _, files = block.partition("\n")
        sha, _, stamp = header.partition(" ")
        at = datetime.fromtimestamp(int(stamp), tz=UTC)
        for name in files.split("\n"):
            if name in wanted and len(commits.setdefault(name, [])) < limit:
                commits[name].append((sha, at))
    return commits


def _cat(root: Path, requests: list[str]) -> list[bytes | None]:
    """The bytes of each ``<commit>:<path>`` in one ``git cat-file --batch``."""
    if not requests:
        return []
    done = _git(["cat-file", "--batch"], root, stdin="".join(f"{r}\n" for r in requests).encode())
    out, cursor = done.stdout, 0
    blobs: list[bytes | None] = []
    for _ in requests:
        end = out.index(b"\n", cursor)
        header = out[cursor:end].split()
        cursor = end + 1
        if len(header) != 3:  # "<name> missing": the file was deleted in that commit
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[cursor : cursor + size])
        cursor += size + 1
    return blobs


def committed_versions(paths: Iterable[Path], *, limit: int = 24) -> dict[Path, list[Version]]:
    """Every committed version (newest first, at most ``limit``) of each file in git.

    Files outside git, or never committed, are absent from the result.
    """
    by_root: dict[Path, dict[str, Path]] = {}
    cache: dict[Path, Path | None] = {}
    for path in paths:
        absolute = path.resolve()
        root = _work_tree(absolute, cache)
        if root is not None:
            by_root.setdefault(root, {})[absolute.relative_to(root).as_posix()] = path
    found: dict[Path, list[Version]] = {}
    for root, names in by_root.items():
        commits = _log(root, sorted(names), limit)
        pairs = [(name, sha, at) for name, entries in commits.items() for sha, at in entries]
        blobs = _cat(root, [f"{sha}:{name}" for name, sha, _ in pairs])
        for (name, sha, at), data in zip(pairs, blobs, strict=True):
            if data is not None:
                found.setdefault(names[name], []).append(Version(sha, at, data))
    return found
