"""``diff``: what changed between two versions of a review (files, or FILE@REV from git)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.app.inputs import parse_today
from wizard.cli.common import print_json
from wizard.core.errors import BadInputError, ReviewFileError
from wizard.core.history.diff import diff_lines, diff_reviews, diff_to_dict
from wizard.core.history.git import show
from wizard.core.review.model import Review
from wizard.core.review.store import load_review, review_from_data
from wizard.core.safety.credentials import quoted
from wizard.core.safety.terminal import one_line
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
        raise BadInputError(f"{quoted(spec, 'FILE@REV')}: the folder {folder} does not exist.")
    data_bytes, problem = show(path, revision)
    if data_bytes is None:
        raise BadInputError(
            f"{path}: git could not show {path.name} at {quoted(revision, 'the revision')} "
            f"({problem}). Check the revision with `git log -- FILE`."
        )
    fix = "That revision is not a readable review; pick another one."
    data = parse_toml(spec, data_bytes, fix=fix, error=ReviewFileError)
    return review_from_data(Path(spec), data)[0]


def read_side(spec: str) -> Review:
    """A review from a path, or from git when the spec is FILE@REV and FILE@REV is no file."""
    if Path(spec).exists() or "@" not in spec:
        return load_review(Path(spec)).review
    file_part, _, revision = spec.rpartition("@")
    if not file_part or not revision:
        raise BadInputError(
            f"{quoted(spec, 'FILE@REV')}: write a git revision as FILE@REV, e.g. "
            "review.toml@HEAD~1."
        )
    return _from_git(spec, file_part, revision)


def run(args: argparse.Namespace) -> int:
    old, new = read_side(args.old), read_side(args.new)
    result = diff_reviews(old, new, parse_today(args.today))
    if args.format == "json":
        print_json({"old": args.old, "new": args.new, **diff_to_dict(result)})
    else:
        print(f"{args.old} -> {args.new}")
        for line in diff_lines(result):
            print(one_line(line))
        if result.unchanged:
            print("no change.")
    return 1 if args.exit_code and not result.unchanged else 0
