"""The sign-off chain, checked link by link, and against the review file's own git history.

The chain catches a sign-off removed from the middle, moved, or copied in from elsewhere: each
one names the link hash of the one before it. A sign-off removed from the *end* leaves a valid
shorter chain, so where the review is committed, the chain must also extend every version of it
in the file's recent git history (append-only, like a log): what was once committed cannot
disappear or move without ``verify`` saying so.
"""

from __future__ import annotations

from pathlib import Path

from wizard.core.errors import BadInputError
from wizard.core.plain import SchemaError
from wizard.core.review.model import SignOff
from wizard.core.signoff.signoffs import link_hash
from wizard.core.tomlfile import parse_toml

HISTORY_DEPTH = 20
GIT_TIMEOUT = 30.0


def chain_problems(signoffs: list[SignOff]) -> list[str]:
    """Where the chain in the file breaks: a missing, moved or replayed sign-off."""
    problems: list[str] = []
    seen: set[str] = set()
    previous: SignOff | None = None
    chained_yet = False
    for number, signoff in enumerate(signoffs, start=1):
        label = f"#{number} {signoff.reviewer} ({signoff.role})"
        link = link_hash(signoff)
        if link in seen:
            problems.append(f"{label} appears twice: a sign-off was replayed")
        seen.add(link)
        if signoff.previous is None:
            if chained_yet:
                problems.append(f"{label} has no chain link after chained sign-offs")
        else:
            chained_yet = True
            expected = link_hash(previous) if previous is not None else ""
            if signoff.previous != expected:
                problems.append(
                    f"{label} does not follow the sign-off before it in the file: one was "
                    "removed, re-ordered or copied in from elsewhere"
                )
        if previous is not None and signoff.at < previous.at:
            problems.append(f"{label} is dated before the sign-off it follows")
        previous = signoff
    return problems


def _git(folder: Path, *args: str, data: bytes | None = None) -> bytes | None:
    import subprocess  # here, not at the top: judging an unsigned review never runs git

    try:
        done = subprocess.run(
            ["git", *args],
            cwd=folder,
            input=data,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _links_in(blob: bytes) -> list[str] | None:
    try:
        entries = parse_toml("(git)", blob).get("signoffs", [])
        return [link_hash(SignOff.model_validate(entry)) for entry in entries]
    except (BadInputError, SchemaError, AttributeError, TypeError):
        return None  # a broken old revision says nothing about today's chain


def committed_chains(path: Path, depth: int = HISTORY_DEPTH) -> list[tuple[str, list[str]]] | None:
    """(commit, link hashes of its sign-offs) for the latest commits touching the file.

    None when the file is not in a git work tree (or git is missing): there is no history to
    hold the chain against.
    """
    folder = path.resolve().parent
    name = path.resolve().name
    listed = _git(folder, "log", f"-n{depth}", "--format=%H", "--", name)
    if listed is None:
        return None
    commits = listed.decode().split()
    if not commits:
        return []
    prefix = _git(folder, "rev-parse", "--show-prefix")
    relative = (prefix or b"").decode().strip() + name
    request = "".join(f"{commit}:{relative}\n" for commit in commits).encode()
    batch = _git(folder, "cat-file", "--batch", data=request)
    if batch is None:
        return None
    chains: list[tuple[str, list[str]]] = []
    cursor = 0
    for commit in commits:
        header_end = batch.index(b"\n", cursor)
        header = batch[cursor:header_end].split()
        cursor = header_end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # the file did not exist under this name in that commit
        size = int(header[2])
        links = _links_in(batch[cursor : cursor + size])
        cursor += size + 1
        if links is not None:
            chains.append((commit, links))
    return chains


def history_problems(signoffs: list[SignOff], history: list[tuple[str, list[str]]]) -> list[str]:
    """Sign-offs a committed version held that the file no longer holds in the same place."""
    current = [link_hash(signoff) for signoff in signoffs]
    for commit, links in history:
        if current[: len(links)] == links:
            continue
        for position, link in enumerate(links):
            if position >= len(current) or current[position] != link:
                state = "was removed" if link not in current else "was moved"
                return [
                    f"sign-off #{position + 1} as committed in {commit[:12]} {state}: the "
                    "sign-off log only grows (restore it from git)"
                ]
    return []
