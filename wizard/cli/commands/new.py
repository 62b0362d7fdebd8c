"""``new``: create a review file."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.review.store import DEFAULT_REVIEW_PATH, create_review, new_review

NAME = "new"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_REVIEW_PATH,
        help=f"where to create it (default: ./{DEFAULT_REVIEW_PATH})",
    )
    parser.add_argument("--host", required=True, choices=host_ids(), help="the orchestration host")
    parser.add_argument(
        "--engine",
        default="truthound",
        choices=engine_ids(),
        help="the engine (default: truthound)",
    )
    parser.add_argument("--title", default=None, help="a short title (default: the folder name)")
    parser.add_argument(
        "--owner",
        default=None,
        metavar="TEAM",
        help="the team that owns the pipeline (the portfolio groups reviews by it)",
    )
    parser.add_argument(
        "--python",
        default=None,
        help="interpreter to probe (default: the one running the wizard)",
    )
    parser.add_argument(
        "--project",
        default=None,
        help="pipeline project folder to scan, relative to the review (default: its folder)",
    )


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    title = args.title or f"{path.resolve().parent.name or 'pipeline'} on {args.host}"
    review = new_review(
        title,
        args.host,
        args.engine,
        python=args.python,
        project=args.project,
        owner=args.owner,
    )
    create_review(path, review)
    owned = f", owned by {args.owner}" if args.owner else ""
    print(f"created {path}: {title!r} ({args.host}, {args.engine}{owned}).")
    print(
        f"next: `truthound-readiness {path}` to walk the review, or "
        f"`truthound-readiness questions --host {args.host}` to see what it asks."
    )
    return 0
