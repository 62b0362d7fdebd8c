"""Small helpers the commands share: paths, the operator's name, and output."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from wizard.core.review.defaults import DEFAULT_REVIEW_PATH


def add_review_argument(parser: argparse.ArgumentParser, *, optional: bool = False) -> None:
    if optional:
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            default=DEFAULT_REVIEW_PATH,
            help=f"review file (default: ./{DEFAULT_REVIEW_PATH})",
        )
    else:
        parser.add_argument("file", type=Path, help="review file (TOML)")


def add_set_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--set id=value`` (repeatable): answers given on the command line."""
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="ID=VALUE",
        dest="assignments",
        help=help_text,
    )


def add_by_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by",
        default=None,
        help="who is answering (default: $TRUTHOUND_READINESS_USER, git user.name, or login)",
    )


def print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, indent=2, sort_keys=False, default=str)
    sys.stdout.write("\n")


def add_policy_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        type=Path,
        default=None,
        metavar="FILE",
        help="sign-off policy (default: readiness-policy.toml beside the review, if any)",
    )


def seconds(raw: str) -> float:
    """An argparse type: a finite, positive number of seconds (``nan`` and ``inf`` refused)."""
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0 or value > 86400:
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not a number of seconds; give one between 0 and 86400, e.g. 60"
        )
    return value
