"""``prompt``: the review one question at a time in a plain terminal, or checked without one.

Interactive use needs a terminal on stdin; anything else (a pipe, CI) gets a clear exit 2 rather
than a prompt waiting for input nobody will type. ``--non-interactive`` never reads stdin.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from wizard.app.identity import operator_name
from wizard.app.inputs import parse_assignments
from wizard.app.probing import probe_now
from wizard.app.session import ReviewSession
from wizard.cli.common import (
    add_by_argument,
    add_review_argument,
    add_set_argument,
)
from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.review.answers import AnswerInput

NAME = "prompt"
DESCRIPTION = (
    "Ask the review's questions one at a time in a plain terminal: the same steps, validation, "
    "conditions, probes and checklist as the full-screen review. It resumes where the file left "
    "off and saves after every answer. In lists pick back, skip or quit (keys b, s, q); in text "
    "answers type :back, :skip or :quit. Creates FILE (asking title, host and engine) when it "
    "does not exist. With --non-interactive it reads nothing: exit 1 listing every question "
    "still unanswered, or exit 0 with the checklist."
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser, optional=True)
    parser.add_argument(
        "--python", default=None, metavar="P", help="interpreter to probe (default: the review's)"
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="DIR",
        help="pipeline project folder to scan (default: the review's target, else its folder)",
    )
    add_set_argument(
        parser, "answer before asking (repeatable; all validated before any is applied)"
    )
    add_by_argument(parser)
    parser.add_argument(
        "--non-interactive",
        action="store_true",
        help="never read input: exit 1 listing unanswered questions, else 0 and the checklist",
    )
    parser.add_argument(
        "--probe",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="--probe runs the probe and scan at the start; --no-probe never runs them "
        "(default: offer them when the preflight step begins)",
    )
    parser.add_argument(
        "--notes", action="store_true", help="ask for an optional note after every answer"
    )


def _not_a_terminal(path: Path) -> BadInputError:
    return BadInputError(
        "prompt: standard input is not a terminal, so nobody can answer the questions and the "
        f"prompt would wait forever. Use `truthound-readiness prompt {path} --non-interactive` "
        f"to list what is still unanswered, `truthound-readiness answer {path} --from "
        f"ANSWERS.toml` to apply scripted answers, or `truthound-readiness check {path}` to "
        "evaluate the review."
    )


def _non_interactive(args: argparse.Namespace, presets: list[AnswerInput]) -> int:
    from wizard.prompt.checklist import checklist_lines, waiting_lines
    from wizard.prompt.probing import PROBE_TIMEOUT, outcome_lines

    session = ReviewSession.open(
        args.file,
        operator=operator_name(args.by),
        today=date.today(),
        python=args.python,
        project=args.project,
    )
    review = session.review
    if presets:
        applied = session.record_many(presets)
        print(f"{args.file}: applied {len(set(applied))} answers.")
    if args.probe:
        snapshot = probe_now(session, timeout=PROBE_TIMEOUT)
        for line in outcome_lines(snapshot, session.review.host):
            print(f"  {line}")
    review = session.review
    waiting = waiting_lines(review)
    if waiting:
        print(f"{args.file}: {len(waiting)} applicable questions are still unanswered:")
        for line in waiting:
            print(line)
        print(
            f"Answer them with `truthound-readiness answer {args.file} --set id=value` or "
            f"`--from ANSWERS.toml`, or run `truthound-readiness prompt {args.file}` in a terminal."
        )
        return EXIT_NOT_READY
    print(f"{args.file}: every applicable question is answered.")
    for line in checklist_lines(evaluate(review, review.probe, date.today())):
        print(line)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    presets = [AnswerInput(k, v) for k, v in parse_assignments(args.assignments).items()]
    if args.non_interactive:
        return _non_interactive(args, presets)
    if not sys.stdin.isatty():
        raise _not_a_terminal(args.file)
    # questionary and prompt_toolkit load only here, so other commands never pay for them.
    from wizard.prompt.runner import PromptOptions, PromptRunner

    options = PromptOptions(
        by=operator_name(args.by),
        probe=args.probe,
        python=args.python,
        project=args.project,
        ask_notes=args.notes,
        presets=presets,
    )
    return PromptRunner(args.file, options).run()
