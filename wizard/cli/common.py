"""Small helpers the commands share: paths, the operator's name, and output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from wizard.core.errors import BadInputError
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


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """``["a.b=1", ...]`` as ``{"a.b": "1"}``, in order; a later repeat of an id wins."""
    parsed: dict[str, str] = {}
    for assignment in assignments:
        key, separator, value = assignment.partition("=")
        if not separator or not key.strip():
            raise BadInputError(f"--set {assignment!r}: write it as question.id=value.")
        parsed[key.strip()] = value
    return parsed


def add_by_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by",
        default=None,
        help="who is answering (default: $TRUTHOUND_READINESS_USER, git user.name, or login)",
    )


def operator_name(explicit: str | None = None) -> str:
    """Who is answering: stated, configured, git's user.name, or the login name."""
    if explicit and explicit.strip():
        return explicit.strip()
    configured = os.environ.get("TRUTHOUND_READINESS_USER", "").strip()
    if configured:
        return configured
    try:
        found = subprocess.run(
            ["git", "config", "user.name"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found:
        return found
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, indent=2, sort_keys=False, default=str)
    sys.stdout.write("\n")
