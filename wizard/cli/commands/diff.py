"""``diff``: what changed between two versions of a review (files, or FILE@REV from git)."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from wizard.app.inputs import parse_today
from wizard.cli.common import print_json
from wizard.core.errors import BadInputError, ReviewFileError
from wizard.core.history.diff import diff_lines, diff_reviews, diff_to_dict
from wizard.core.review.model import Review
from wizard.core.review.store import load_review, review_from_data
from wizard.core.tomlfile import parse_toml

NAME = "diff"
DESCRIPTION = (
    "Compare OLD and NEW. Each is a review file or FILE@REV, read with `git show REV:FILE` "
    "(for example readiness-review.toml@HEAD~1 or review.toml@v1.2). Exit 0 (2 on bad input); with "
    "--exit-code, 1 when anything changed, as `git diff --exit-code` does."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help="the earlier version: FILE or FILE@REV")
    parser.add_argument("new", help="the later version: FILE or FILE@REV")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when the two versions differ (0 when they do not)",
    )
    parser.add_argument(
        "--today", default=None, metavar="YYYY-MM-DD", help="evaluate both as of this date"
    )


def _from_git(spec: str, file_part: str, revision: str) -> Review:
    path = Path(file_part)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BadInputError(f"{spec}: the folder {folder} does not exist.")
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:./{path.name}"],
            cwd=folder,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except FileNotFoundError:
        raise BadInputError(f"{spec}: git is not installed, so FILE@REV cannot be read.") from None
    except subprocess.TimeoutExpired:
        raise BadInputError(f"{spec}: `git show` did not finish within 30s.") from None
    if shown.returncode != 0:
        problem = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BadInputError(
            f"{spec}: git could not show {path.name} at {revision!r} "
            f"({problem[-1] if problem else 'unknown error'}). Check the revision with "
            "`git log -- FILE`."
        )
    fix = "That revision is not a readable review; pick another one."
    data = parse_toml(spec, shown.stdout, fix=fix, error=ReviewFileError)
    return review_from_data(Path(spec), data)[0]


def read_side(spec: str) -> Review:
    """A review from a path, or from git when the spec is FILE@REV and FILE@REV is no file."""
    if Path(spec).exists() or "@" not in spec:
        return load_review(Path(spec)).review
    file_part, _, revision = spec.rpartition("@")
    if not file_part or not revision:
        raise BadInputError(f"{spec}: write a git revision as FILE@REV, e.g. review.toml@HEAD~1.")
    return _from_git(spec, file_part, revision)


def run(args: argparse.Namespace) -> int:
    old, new = read_side(args.old), read_side(args.new)
    result = diff_reviews(old, new, parse_today(args.today))
    if args.format == "json":
        print_json({"old": args.old, "new": args.new, **diff_to_dict(result)})
    else:
        print(f"{args.old} -> {args.new}")
        for line in diff_lines(result):
            print(line)
        if result.unchanged:
            print("no change.")
    return 1 if args.exit_code and not result.unchanged else 0
