"""``status``: the portfolio of review files under the given paths.

Text and JSON list one review each; ``--format html`` writes the dashboard (levels, teams,
hosts, failing items, expiring waivers, stale sign-offs, each review's readiness over its git
history and the portfolio's trend) and ``--format md`` the same roll-ups for a step summary.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date as date_type
from pathlib import Path

from wizard.app.inputs import parse_today
from wizard.cli.common import add_policy_argument, print_json
from wizard.core.errors import EXIT_BAD_INPUT, BadInputError
from wizard.core.history.portfolio import PortfolioEntry, find_review_files, summarise_file
from wizard.core.review.atomic import write_atomically

NAME = "status"
DESCRIPTION = (
    "Find review files (readiness-review.toml, *.readiness.toml, or any TOML that starts with "
    "schema_version, host and engine) under PATHS (default: .) and print one line each, or "
    "with --format html / md the portfolio dashboard with each review's readiness over its git "
    "history. A file or folder that cannot be read is listed and the rest still summarised; the "
    "exit code is then 2 (also when a PATH does not exist), else 0."
)
PAGES = ("html", "md")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="PATH")
    parser.add_argument("--format", choices=("text", "json", *PAGES), default="text")
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
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="write here (default: standard output)"
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        help="html / md: do not read the reviews' git history (only their current state)",
    )
    parser.add_argument(
        "--history-depth",
        type=int,
        default=24,
        metavar="N",
        help="html / md: at most N committed versions per review (default: 24)",
    )


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


def _page(args: argparse.Namespace, today: date_type) -> int:
    from wizard.core.history.dashboard_html import render_dashboard_html
    from wizard.core.history.dashboard_md import render_dashboard_md
    from wizard.core.history.rollup import build_view

    if args.history_depth < 1:
        raise BadInputError("--history-depth must be 1 or more.")
    problems: list[str] = []
    try:
        view = build_view(
            args.paths,
            today,
            history=not args.no_history,
            depth=args.history_depth,
            policy_path=args.policy,
            allowed_signers=args.allowed_signers,
            problems=problems,
        )
    except FileNotFoundError as missing:
        raise BadInputError(f"{missing.args[0]}: no such file or folder.") from None
    render = render_dashboard_html if args.format == "html" else render_dashboard_md
    page = render(view)
    unreadable = len(view.entries) - len(view.readable)
    if args.output is None:
        sys.stdout.write(page)
    else:
        write_atomically(args.output, page)
        print(f"wrote {args.output} ({len(view.readable)} reviews).", file=sys.stderr)
    return _report_problems(problems, unreadable)


def _report_problems(problems: list[str], unreadable: int) -> int:
    """Folders that could not be read, on stderr; exit 2 when anything was not read."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if unreadable:
        print(
            f"error: {unreadable} review file(s) could not be read (listed as unreadable); fix "
            "or remove them.",
            file=sys.stderr,
        )
    return EXIT_BAD_INPUT if problems or unreadable else 0


def run(args: argparse.Namespace) -> int:
    today = parse_today(args.today)
    if args.format in PAGES:
        return _page(args, today)
    problems: list[str] = []
    try:
        files = find_review_files(args.paths, problems)
    except FileNotFoundError as missing:
        raise BadInputError(f"{missing.args[0]}: no such file or folder.") from None
    entries = [
        summarise_file(path, today, policy_path=args.policy, allowed_signers=args.allowed_signers)
        for path in files
    ]
    unreadable = sum(1 for entry in entries if entry.error is not None)
    if args.format == "json":
        print_json(
            {
                "evaluated_on": today.isoformat(),
                "reviews": [entry.to_dict(today) for entry in entries],
                "unreadable_folders": problems,
            }
        )
        return _report_problems(problems, unreadable)
    for entry in entries:
        print(_line(entry, entry.waiver_text(today)))
    ready = sum(1 for entry in entries if entry.error is None and entry.ready)
    print(
        f"{len(entries)} review files: {ready} ready, {len(entries) - ready - unreadable} not "
        f"ready, {unreadable} unreadable."
    )
    return _report_problems(problems, unreadable)
