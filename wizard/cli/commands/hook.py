"""``hook``: the checks the pre-commit hooks run on the files of one commit.

``hook scan FILE...`` fails when a file holds a credential that no inline marker and no
allowlist entry allows. ``hook check FILE...`` fails when a review file among them does not
parse or validate, or when the commit makes a sign-off stale (fresh at ``HEAD``, stale in the
file as committed). pre-commit stashes unstaged changes first, so the files on disk are exactly
what the commit holds. Exit 0 nothing to stop, 1 the commit should not go in, 2 bad input.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, ReadinessError
from wizard.core.evidence.scan import scan_project
from wizard.core.evidence.scan.allowlist import ALLOWLIST_FILE, load_allowlist
from wizard.core.history.diff import diff_reviews
from wizard.core.history.git import show, toplevel
from wizard.core.history.portfolio import is_review_file
from wizard.core.review.store import load_review, review_from_data
from wizard.core.tomlfile import parse_toml

NAME = "hook"
DESCRIPTION = (
    "Run by the hooks in .pre-commit-hooks.yaml on the files of a commit. 'scan' fails on a "
    "credential no '# readiness: allow-secret <who> <reason>' marker or .readiness-allowlist.toml "
    "entry allows; 'check' fails when a review file does not parse or validate, or when the "
    "commit makes a sign-off stale. Exit 0 ok, 1 stop the commit, 2 bad input."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("which", choices=("scan", "check"), help="which hook")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")


def _scan(files: list[Path]) -> int:
    root = (toplevel(Path.cwd()) or Path.cwd()).resolve()
    names = {
        path.resolve().relative_to(root).as_posix()
        for path in files
        if path.is_file() and path.resolve().is_relative_to(root)
    }
    if not names:
        return EXIT_OK
    scan = scan_project(root, only=names)
    blocked = [finding for finding in scan.secrets if not finding.allowed_by]
    for finding in blocked:
        print(
            f"{finding.file}:{finding.line}: {finding.rule or finding.kind} "
            f"{finding.fingerprint}: {finding.redacted}"
        )
    if not blocked:
        return EXIT_OK
    print(
        f"\n{len(blocked)} committed credential(s). Move each to the host's secret mechanism "
        "and rotate it. A deliberate fixture can be allowed with "
        "'# readiness: allow-secret <who> <reason>' on its line, or an entry with its "
        f"fingerprint in {ALLOWLIST_FILE} (see docs/scan.md)."
    )
    return EXIT_NOT_READY


def _stale_by_commit(path: Path, today: date) -> list[str]:
    """Sign-offs fresh in the committed HEAD version and stale in the file being committed.

    Loading the file first is the parse-and-validate check: a broken file raises with its line.
    """
    new = load_review(path).review
    data, _ = show(path, "HEAD")
    if data is None:
        return []  # new file, or no commit yet: nothing was signed before this commit
    try:
        old, _ = review_from_data(path, parse_toml(path, data))
    except ReadinessError:
        return []  # HEAD held no valid review, so no sign-off of it was fresh
    return diff_reviews(old, new, today).signoffs_made_stale


def _check(files: list[Path]) -> int:
    problems: list[str] = []
    for path in files:
        try:
            if path.name == ALLOWLIST_FILE:
                load_allowlist(path.parent)
            elif path.is_file() and is_review_file(path):
                for label in _stale_by_commit(path, date.today()):
                    problems.append(
                        f"{path}: this commit makes the sign-off {label} stale. Commit the change "
                        "and ask for a new sign-off, or leave the signed content as it was."
                    )
        except ReadinessError as error:
            problems.append(error.message)
    for problem in problems:
        print(problem)
    return EXIT_NOT_READY if problems else EXIT_OK


def run(args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    return _scan(files) if args.which == "scan" else _check(files)
