"""``check``: evaluate a review; the release gate's exit code (0 ready, 1 not, 2 bad input)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from wizard.cli.common import print_json
from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.evaluate import Evaluation, evaluate
from wizard.core.model import Review
from wizard.core.report import evaluation_to_dict
from wizard.core.store import load_review

NAME = "check"
HELP = "evaluate a review: exit 0 when ready, 1 when not, 2 on bad input"
MARKS = {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "open": "OPEN", "waived": "WAIVED"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="review file (TOML)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--today",
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate as of this date (waiver expiry); default: today",
    )


def parse_today(raw: str | None) -> date:
    if raw is None:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadInputError(f"--today {raw!r}: use a date like 2026-12-31.") from None


def render_text(review: Review, evaluation: Evaluation) -> str:
    lines = [f"{review.title} — {review.host}, {review.engine}", ""]
    width = max(len(item.title) for item in evaluation.items)
    for item in evaluation.items:
        lines.append(f"  {MARKS[item.status]:<7} {item.title:<{width}}  ({item.id})")
        if item.status != "pass":
            for reason in item.reasons[:4]:
                lines.append(f"  {'':<7}   - {reason}")
            if len(item.reasons) > 4:
                lines.append(f"  {'':<7}   - ... {len(item.reasons) - 4} more")
            if item.failure_mode is not None:
                lines.append(f"  {'':<7}   read first: {item.failure_mode.read_first}")
    lines.append("")
    lines.append(
        "  layers: "
        + ", ".join(f"{layer.id} {MARKS[layer.status].lower()}" for layer in evaluation.layers)
    )
    if evaluation.stale:
        lines.append("  stale answers: " + "; ".join(s.explain() for s in evaluation.stale))
    lines.append("")
    lines.append("READY" if evaluation.ready else "NOT READY")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    today = parse_today(args.today)
    review = load_review(args.file).review
    evaluation = evaluate(review, review.probe, today)
    if args.format == "json":
        print_json(evaluation_to_dict(review, evaluation))
    else:
        print(render_text(review, evaluation))
    return EXIT_OK if evaluation.ready else EXIT_NOT_READY
