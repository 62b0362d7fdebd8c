"""``answer``: record one answer, or many from a file / ``--set``, with the shared validation."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wizard.app.identity import operator_name
from wizard.app.inputs import parse_assignments
from wizard.cli.common import (
    add_by_argument,
    add_review_argument,
    add_set_argument,
)
from wizard.core.errors import AnswerRejected, BadInputError
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.review.answers import AnswerInput, record_many, set_identity
from wizard.core.review.model import Review
from wizard.core.review.store import update_review
from wizard.core.review.values import format_value
from wizard.core.safety.credentials import quoted
from wizard.core.tomlfile import read_toml

NAME = "answer"
IDENTITY_FIELDS = {"host": host_ids, "engine": engine_ids}


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser)
    parser.add_argument("question", nargs="?", help="question id (see `questions`)")
    parser.add_argument("value", nargs="?", help="the answer; lists are comma-separated")
    parser.add_argument("--note", default=None, help="a note kept with the answer")
    parser.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="LINK",
        help="an evidence link (repeatable)",
    )
    add_set_argument(
        parser, "an answer as id=value (repeatable); all are validated before any is applied"
    )
    parser.add_argument(
        "--from",
        dest="from_file",
        type=Path,
        default=None,
        metavar="ANSWERS.toml",
        help='a TOML file of answers: `"question.id" = value` or a table with value/note',
    )
    add_by_argument(parser)


TABLE_KEYS = frozenset({"value", "note", "evidence"})


def _table_input(path: Path, key: str, entry: dict[str, Any]) -> AnswerInput:
    unknown = sorted(set(entry) - TABLE_KEYS)
    if unknown:
        raise BadInputError(
            f"{path}: {key}: unknown key {', '.join(unknown)}; an answer table holds only "
            "value, note and evidence. Nothing was applied."
        )
    if "value" not in entry:
        raise BadInputError(f"{path}: {key}: a table answer needs a `value` key.")
    note = entry.get("note")
    if note is not None and not isinstance(note, str):
        raise BadInputError(f"{path}: {key}.note: write the note as a string.")
    evidence = entry.get("evidence", [])
    # A bare string would otherwise be split into one "link" per character.
    if not isinstance(evidence, list) or not all(isinstance(link, str) for link in evidence):
        raise BadInputError(
            f'{path}: {key}.evidence: write it as a list of strings, e.g. ["https://..."].'
        )
    return AnswerInput(key, entry["value"], note, tuple(evidence))


def _collect(path: Path, prefix: str, table: dict[str, Any], into: list[AnswerInput]) -> None:
    """Answers from a TOML table; unquoted dotted keys (source.kind = ...) arrive nested."""
    kb = load_knowledge()
    for name, entry in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if isinstance(entry, dict) and kb.question(key) is None and "value" not in entry:
            _collect(path, key, entry, into)
        elif isinstance(entry, dict):
            into.append(_table_input(path, key, entry))
        else:
            into.append(AnswerInput(key, entry))


def _inputs_from_file(path: Path) -> list[AnswerInput]:
    _, data = read_toml(
        path,
        what="answers file",
        fix="Fix that line of the answers file; nothing was applied.",
        missing=f"{path}: no such answers file; check the --from path.",
    )
    table = data.get("answers", data)
    if not isinstance(table, dict):
        raise BadInputError(
            f"{path}: `answers` must be a table of question ids (`[answers]` then "
            '`"source.kind" = "sql"`), not a list or a value; nothing was applied.'
        )
    inputs: list[AnswerInput] = []
    _collect(path, "", table, inputs)
    return inputs


def _inputs_from_assignments(assignments: list[str]) -> list[AnswerInput]:
    return [AnswerInput(key, value) for key, value in parse_assignments(assignments).items()]


def _apply_identity(review: Review, field: str, value: str) -> None:
    known = IDENTITY_FIELDS[field]()
    if value not in known:
        raise AnswerRejected(f"{field}: {quoted(value)} is not one of {', '.join(known)}")
    set_identity(review, **{field: value})


def _refuse_stray_flags(args: argparse.Namespace) -> None:
    """--note and --evidence belong to one QUESTION VALUE; never drop them silently."""
    if (args.note is not None or args.evidence) and (
        args.question is None or args.question in IDENTITY_FIELDS
    ):
        raise BadInputError(
            "answer: --note and --evidence belong to one answer, given as QUESTION VALUE (not "
            "host or engine); for --set or --from answers, write a table in the --from file "
            '(`[answers."id"]` with value, note and evidence). Nothing was applied.'
        )


def run(args: argparse.Namespace) -> int:
    by = operator_name(args.by)
    _refuse_stray_flags(args)
    batch = _inputs_from_assignments(args.assignments)
    if args.from_file is not None:
        batch = _inputs_from_file(args.from_file) + batch
    if args.question is not None and args.value is None:
        raise BadInputError(f"answer {args.question}: give a VALUE after the question id.")
    if args.question in IDENTITY_FIELDS and not batch:
        update_review(args.file, lambda review: _apply_identity(review, args.question, args.value))
        print(
            f"{args.file}: {args.question} = {args.value}; answers that assumed the old "
            "value are now stale."
        )
        return 0
    if args.question is not None:
        batch.append(AnswerInput(args.question, args.value, args.note, tuple(args.evidence)))
    if not batch:
        raise BadInputError("answer: give QUESTION VALUE, --set id=value or --from FILE.")
    applied: list[str] = []

    def mutate(review: Review) -> None:
        try:
            applied[:] = list(dict.fromkeys(record_many(review, batch, by=by)))
        except AnswerRejected as rejected:
            # Name the file the bad values came from; --set values name themselves by their id.
            also = " and --set" if args.assignments else ""
            source = f"{args.from_file}{also}: " if args.from_file is not None else ""
            raise AnswerRejected(f"{source}{rejected.message}") from None

    saved = update_review(args.file, mutate)
    if len(batch) == 1 and args.question is not None:
        print(f"{args.file}: {args.question} = {format_value(saved.answers[args.question].value)}")
    else:
        print(f"{args.file}: applied {len(applied)} answers ({', '.join(applied)}).")
    return 0
