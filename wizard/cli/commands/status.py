"""``status``: one line per review file found under the given paths (a portfolio view)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.app.inputs import parse_today
from wizard.cli.common import add_policy_argument, print_json
from wizard.core.errors import BadInputError
from wizard.core.history.portfolio import PortfolioEntry, find_review_files, summarise_file

NAME = "status"
HELP = "summarise every review file under PATHS: ready, failing items, sign-off, waivers"
DESCRIPTION = (
    "Find review files (readiness-review.toml, *.readiness.toml, or any TOML that starts with "
    "schema_version, host and engine) under PATHS (default: .) and print one line each. "
    "Unreadable files are listed, not fatal. Exit 0, or 2 when a PATH does not exist."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="PATH")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--today", default=None, metavar="YYYY-MM-DD", help="evaluate as of this date"
    )
    parser.add_argument(
        "--allowed-signers",
        type=Path,
        default=None,
        metavar="FILE",
        help="OpenSSH allowed-signers file for every review (default: each policy's)",
    )
    add_policy_argument(parser)


def _line(entry: PortfolioEntry, waiver: str) -> str:
    if entry.error is not None:
        return f"{entry.path}: UNREADABLE: {entry.error}"
    problems = []
    if entry.failing:
        problems.append(f"failing {', '.join(entry.failing)}")
    if entry.open:
        problems.append(f"{len(entry.open)} open")
    if entry.warn:
        problems.append(f"{len(entry.warn)} warn")
    return (
        f"{entry.path}: {entry.title} | {entry.host} | "
        f"{'READY' if entry.ready else 'NOT READY'} | "
        f"{'; '.join(problems) or 'no failing items'} | sign-off {entry.signoff_summary} | "
        f"oldest waiver {waiver}"
    )


def run(args: argparse.Namespace) -> int:
    today = parse_today(args.today)
    try:
        files = find_review_files(args.paths)
    except FileNotFoundError as missing:
        raise BadInputError(f"{missing.args[0]}: no such file or folder.") from None
    entries = [
        summarise_file(path, today, policy_path=args.policy, allowed_signers=args.allowed_signers)
        for path in files
    ]
    if args.format == "json":
        print_json(
            {
                "evaluated_on": today.isoformat(),
                "reviews": [entry.to_dict(today) for entry in entries],
            }
        )
        return 0
    for entry in entries:
        print(_line(entry, entry.waiver_text(today)))
    ready = sum(1 for entry in entries if entry.error is None and entry.ready)
    unreadable = sum(1 for entry in entries if entry.error is not None)
    print(
        f"{len(entries)} review files: {ready} ready, {len(entries) - ready - unreadable} not "
        f"ready, {unreadable} unreadable."
    )
    return 0
