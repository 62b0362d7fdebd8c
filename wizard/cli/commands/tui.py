"""``tui`` (also a bare ``truthound-readiness [FILE]``): the guided review in the terminal.

Textual is imported only here, inside ``run``, so no other command pays for it; the headless
core is not imported before the app's first frame at all. Without a real terminal the command
explains the alternatives instead of drawing into a pipe.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from wizard.app.inputs import parse_assignments
from wizard.cli.common import (
    add_by_argument,
    add_review_argument,
    add_set_argument,
)
from wizard.core.errors import EXIT_BAD_INPUT, EXIT_OK
from wizard.tui.sizes import MIN_COLUMNS, MIN_LINES, too_small

NAME = "tui"
DESCRIPTION = (
    "Walk the six-step review with a live checklist. A new FILE starts with a short setup; an "
    "existing one resumes where you left off and shows what changed since your last session. "
    "Every answer is saved at once. Probes, the real preflight and the project scan run in the "
    "background (ctrl+r re-runs them)."
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser, optional=True)
    parser.add_argument(
        "--python",
        metavar="PATH",
        default=None,
        help="interpreter to probe (a new review stores it as its target)",
    )
    parser.add_argument(
        "--project",
        metavar="DIR",
        type=Path,
        default=None,
        help="pipeline project folder to scan (a new review stores it as its target)",
    )
    add_set_argument(parser, "an answer applied on open, winning over the saved one (repeatable)")
    add_by_argument(parser)


def terminal_problem() -> str | None:
    """Why this process cannot host a full-screen app, or None when it can."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "standard input and output are not both a terminal"
    if os.environ.get("TERM", "") in ("dumb", "unknown"):
        return f"the terminal type is {os.environ['TERM']!r}"
    size = shutil.get_terminal_size(fallback=(0, 0))
    if too_small(size.columns, size.lines):
        return (
            f"the terminal is {size.columns}x{size.lines}, smaller than the "
            f"{MIN_COLUMNS}x{MIN_LINES} the review needs (80x24 or more looks best)"
        )
    return None


def fallback_message(path: Path, reason: str) -> str:
    return (
        f"truthound-readiness: the guided review cannot open here because {reason}. Answer "
        f"question by question with `truthound-readiness prompt {path}`, record answers with "
        f"`truthound-readiness answer {path} --set id=value`, or see where the review stands "
        f"with `truthound-readiness check {path}`."
    )


def run(args: argparse.Namespace) -> int:
    overrides = parse_assignments(args.assignments)
    reason = terminal_problem()
    if reason is not None:
        print(fallback_message(args.file, reason), file=sys.stderr)
        return EXIT_BAD_INPUT
    from wizard.tui.app import make_app

    # The app reads the file after its first frame (--by, too, is resolved there: it may ask
    # git); a file or an answer it refuses ends it at once and is reported here, as one
    # paragraph with exit code 2, like every command.
    app = make_app(
        args.file,
        python=args.python,
        project=args.project,
        operator=args.by,
        overrides=overrides,
    )
    app.run()
    if app.load_error is not None:
        raise app.load_error
    return EXIT_OK if app.return_code in (None, 0) else int(app.return_code)
