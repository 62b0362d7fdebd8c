"""``verify``: do a review's sign-offs (or an export's signature) still hold? Exit 0 only if so."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli.common import add_policy_argument
from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.exports.integrity import ExportCheck, export_kind, inspect_export, signature_path
from wizard.core.review.store import load_review
from wizard.core.signoff.content_hash import content_hash
from wizard.core.signoff.judging import judge_file
from wizard.core.tomlfile import read_regular

NAME = "verify"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a review file (TOML) or an export")
    parser.add_argument(
        "--allowed-signers",
        type=Path,
        default=None,
        metavar="FILE",
        help="OpenSSH allowed-signers file; without it signatures are checked for integrity "
        "only and the signer is NOT authenticated",
    )
    parser.add_argument(
        "--review",
        type=Path,
        default=None,
        metavar="FILE",
        help="when verifying an export: also check it describes this review's current content",
    )
    add_policy_argument(parser)


_MARK = {
    "holds": "ok    ",
    "superseded": "past  ",
    "stale": "STALE ",
    "invalid": "FAILED",
    "not-allowed": "FAILED",
}


def _verify_review(path: Path, allowed_signers: Path | None, policy: Path | None) -> int:
    review = load_review(path).review
    summary = judge_file(review, path, policy_path=policy, allowed_signers=allowed_signers)
    print(f"{path}: content {summary.content_hash}; {summary.policy.describe()}")
    for entry in summary.entries:
        print(f"  {_MARK[entry.standing]} {entry.describe(summary.content_hash)}")
    for note in summary.notes[1:]:
        print(f"note: {note}")
    if not summary.satisfied:
        for problem in summary.problems:
            print(f"FAILED: {problem}")
        if summary.stale:
            print(
                "to see what changed: `truthound-readiness diff FILE@REV FILE` against the "
                "revision that was signed."
            )
        return EXIT_NOT_READY
    held = sum(entry.counts for entry in summary.entries)
    past = sum(entry.standing == "superseded" for entry in summary.entries)
    history = f" ({past} earlier ones are history)" if past else ""
    print(f"ok: the sign-off requirements are met; {held} sign-offs hold{history}.")
    return EXIT_OK


def _report_export(check: ExportCheck, review: Path | None, *, authenticate: bool) -> list[str]:
    problems = list(check.problems)
    print(f"{check.path}: {check.kind} export, content {check.content_hash or 'unknown'}")
    print(f"  sections: {check.sections} found" + (", all intact" if not problems else ""))
    for problem in check.problems:
        print(f"  FAILED {problem}")
    if check.signature is None:
        print(
            f"  UNSIGNED: {signature_path(check.path).name} not found; the section digests "
            "catch accidents, not tampering."
        )
        if authenticate:
            print("  FAILED an allowed-signers file was given, so the export must be signed")
            problems.append("unsigned")
    elif check.signature.valid:
        print(f"  ok     {signature_path(check.path).name}: {check.signature.detail}")
    else:
        print(f"  FAILED {signature_path(check.path).name}: {check.signature.detail}")
        problems.append("signature")
    if review is not None:
        current = content_hash(load_review(review).review)
        if current != check.content_hash:
            line = (
                f"the export describes content {check.content_hash}, but {review} is now {current}"
            )
            print(f"  FAILED {line}")
            problems.append(line)
        else:
            print(f"  ok     matches the current content of {review}")
    return problems


def run(args: argparse.Namespace) -> int:
    path: Path = args.file
    head = read_regular(
        path,
        what="review or export",
        missing=f"{path}: no such file. Pass a review .toml or an export.",
    )[:4096]
    if path.suffix.lower() == ".toml" or export_kind(path, head) is None:
        if args.review is not None:
            raise BadInputError("--review is for verifying an export against a review.")
        return _verify_review(path, args.allowed_signers, args.policy)
    check = inspect_export(path, allowed_signers=args.allowed_signers)
    problems = _report_export(check, args.review, authenticate=args.allowed_signers is not None)
    if problems:
        print(f"FAILED: {len(problems)} problem(s) with {path}.", file=sys.stderr)
        return EXIT_NOT_READY
    if check.signature is None:
        print("ok: the export's sections are intact, but it is UNSIGNED (not proof of anything).")
    else:
        print("ok: the export is intact and its signature holds.")
    return EXIT_OK
