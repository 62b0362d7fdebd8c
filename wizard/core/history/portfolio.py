"""The portfolio view: find review files under some folders and summarise each in one line.

Which files count as reviews:
- every file passed explicitly;
- under a folder: ``readiness-review.toml`` and ``*.readiness.toml``, plus any other ``*.toml``
  whose top (before the first ``[table]``) sets ``schema_version``, ``host`` and ``engine``, the
  way the review writer always starts a file. Only the first 4 KiB are sniffed, so a big
  ``pyproject.toml`` costs almost nothing. Hidden folders and virtualenv / cache / vendor
  folders are skipped.

Speed matters (a platform team may hold a thousand reviews): each file is read and parsed once,
validated once, evaluated once; the knowledge base is loaded once per process.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from wizard.core.errors import ReadinessError
from wizard.core.evaluation.evaluate import Evaluation, evaluate
from wizard.core.evaluation.levels import level_of
from wizard.core.records import Record, field, record
from wizard.core.review.model import Review, Waiver
from wizard.core.review.policy import NO_POLICY, Policy, find_policy
from wizard.core.review.reading import parse_review, read_review_bytes
from wizard.core.review.screen import refuse_credentials
from wizard.core.signoff.gate import judge_signoffs
from wizard.core.signoff.judging import judge_file

REVIEW_NAME = "readiness-review.toml"
REVIEW_SUFFIX = ".readiness.toml"
SKIP_FOLDERS = frozenset(
    {"node_modules", "venv", "site-packages", "__pycache__", "target", "dbt_packages"}
)
_TOP_KEY = re.compile(rb"^(schema_version|host|engine)\s*=", re.MULTILINE)
_TABLE = re.compile(rb"^\s*\[", re.MULTILINE)


def sniff_review(path: Path) -> bool:
    """Does this TOML start like a review file? (Only a regular file is opened, non-blocking.)"""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        head = os.read(descriptor, 4096)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    table = _TABLE.search(head)
    top = head[: table.start()] if table else head
    return {match.group(1) for match in _TOP_KEY.finditer(top)} == {
        b"schema_version",
        b"host",
        b"engine",
    }


def is_review_name(name: str) -> bool:
    return name == REVIEW_NAME or name.endswith(REVIEW_SUFFIX)


def is_review_file(path: Path) -> bool:
    """Named like a review, or a TOML file that starts like one."""
    return is_review_name(path.name) or sniff_review(path)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _walk(folder: Path, problems: list[str]) -> Iterator[Path]:
    def unreadable(error: OSError) -> None:
        problems.append(
            f"{error.filename}: folder not readable ({error.strerror}); the reviews in it are "
            "not listed. Fix its permissions or leave it out of PATHS."
        )

    for root, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in SKIP_FOLDERS
        )
        for name in sorted(files):
            if not name.endswith(".toml"):
                continue
            path = Path(root, name)
            # Named like a review: listed even when it is a FIFO or a device, and then refused
            # as unreadable; any other TOML is sniffed only if it is a regular file.
            if is_review_name(name) or (_regular(path) and sniff_review(path)):
                yield path


def find_review_files(paths: Iterable[Path], problems: list[str] | None = None) -> list[Path]:
    """Review files under ``paths`` in a stable order, each once. Missing paths raise;
    folders that cannot be read are described in ``problems``."""
    found: dict[Path, None] = {}
    problems = [] if problems is None else problems
    for path in paths:
        if path.is_dir():
            for review in _walk(path, problems):
                found[review] = None
        elif os.path.lexists(path):
            found[path] = None  # a file given by name, whatever it is: reading it judges it
        else:
            raise FileNotFoundError(path)
    return list(found)


@record(kw_only=False)
class PortfolioEntry(Record):
    """One review in one line, or why it could not be read."""

    path: Path
    error: str | None = None
    title: str = ""
    host: str = ""
    engine: str = ""
    ready: bool = False
    failing: list[str] = field(default_factory=list)
    open: list[str] = field(default_factory=list)
    warn: list[str] = field(default_factory=list)
    signoff_state: str = ""
    signoff_summary: str = ""
    oldest_waiver_expiry: date | None = None
    content_hash: str | None = None
    owner: str | None = None
    level: str = ""
    level_missing: tuple[str, ...] = ()
    passing: int = 0
    waivers: list[Waiver] = field(default_factory=list)
    # The latest sign-off of each role, where it no longer matches the content.
    stale_signoffs: list[str] = field(default_factory=list)

    def waiver_text(self, today: date) -> str:
        if self.oldest_waiver_expiry is None:
            return "-"
        expired = " EXPIRED" if self.oldest_waiver_expiry < today else ""
        return self.oldest_waiver_expiry.isoformat() + expired

    def to_dict(self, today: date) -> dict[str, Any]:
        if self.error is not None:
            return {"path": str(self.path), "error": self.error}
        return {
            "path": str(self.path),
            "title": self.title,
            "host": self.host,
            "engine": self.engine,
            "ready": self.ready,
            "failing": self.failing,
            "open": self.open,
            "warn": self.warn,
            "signoff_state": self.signoff_state,
            "signoff_summary": self.signoff_summary,
            "oldest_waiver_expiry": (
                self.oldest_waiver_expiry.isoformat() if self.oldest_waiver_expiry else None
            ),
            "waiver_expired": bool(self.oldest_waiver_expiry and self.oldest_waiver_expiry < today),
            "content_hash": self.content_hash,
            "owner": self.owner,
            "level": self.level,
            "level_missing": list(self.level_missing),
            "stale_signoffs": self.stale_signoffs,
        }


def read_review(path: Path, data: bytes) -> Review:
    """A review from a file's bytes (bounded in nesting); raises ``ReadinessError``."""
    review = parse_review(path, data, hint=False)[0]
    refuse_credentials(path, review, saving=False)  # a hand-edited secret is never shown
    return review


READ_ERRORS = (OSError, ReadinessError)


def summarise_review(
    path: Path,
    review: Review,
    today: date,
    *,
    policy: Policy = NO_POLICY,
    allowed_signers: Path | None = None,
    current_file: bool = True,
) -> PortfolioEntry:
    """One review's facts as of ``today`` (also used for each version in its git history).

    Sign-offs are judged exactly as ``verify`` judges them (the same policy, signatures and, for
    the file as it is now, git history), so the two can never disagree. ``current_file`` False
    judges an older version on its own chain only.
    """
    evaluation: Evaluation = evaluate(review, review.probe, today, policy)
    # The hash only matters to sign-offs; most of a portfolio is unsigned work in progress.
    state, summary_text, current, stale = "unsigned", "unsigned", None, []
    if review.signoffs:
        try:
            summary = (
                judge_file(review, path, policy=policy, allowed_signers=allowed_signers)
                if current_file
                else judge_signoffs(review, policy, allowed_signers=allowed_signers)
            )
        except ReadinessError as error:
            return PortfolioEntry(path, error=error.message.replace(f"{path}: ", "", 1))
        state, summary_text, current = summary.state, summary.one_line(), summary.content_hash
        stale = [
            f"{entry.signoff.reviewer} ({entry.signoff.role}) at {entry.signoff.at.date()}"
            for entry in summary.stale
        ]
    standing = level_of(evaluation, approved=state == "approved")
    expiries = [waiver.expires for waiver in review.waivers]
    return PortfolioEntry(
        path,
        title=review.title,
        host=review.host,
        engine=review.engine,
        ready=evaluation.ready,
        failing=[item.id for item in evaluation.items if item.status == "fail"],
        open=[item.id for item in evaluation.items if item.status == "open"],
        warn=[item.id for item in evaluation.items if item.status == "warn"],
        signoff_state=state,
        signoff_summary=summary_text,
        oldest_waiver_expiry=min(expiries) if expiries else None,
        content_hash=current,
        owner=review.owner,
        level=standing.level.id,
        level_missing=standing.missing,
        passing=sum(1 for item in evaluation.items if item.status == "pass"),
        waivers=list(review.waivers),
        stale_signoffs=stale,
    )


def summarise_file(
    path: Path,
    today: date,
    *,
    policy_path: Path | None = None,
    allowed_signers: Path | None = None,
) -> PortfolioEntry:
    """One line's worth of facts; a file that cannot be read becomes an entry with ``error``."""
    try:
        review = read_review(path, read_review_bytes(path))
        policy = find_policy(path, policy_path)
    except READ_ERRORS as error:
        message = getattr(error, "strerror", None) or str(error)
        return PortfolioEntry(path, error=message.replace(f"{path}: ", "", 1))
    try:
        return summarise_review(path, review, today, policy=policy, allowed_signers=allowed_signers)
    except Exception as error:  # one review must never stop the whole portfolio
        return PortfolioEntry(
            path, error=f"internal error while evaluating it ({type(error).__name__}); a bug"
        )


def portfolio(paths: Iterable[Path], today: date, **options: Path | None) -> list[PortfolioEntry]:
    return [summarise_file(path, today, **options) for path in find_review_files(paths)]
