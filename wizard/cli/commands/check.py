"""``check``: the release gate. Exit 0 ready (and signed where required), 1 not, 2 bad input.

``--probe`` gathers fresh evidence and evaluates with it *in memory*; the file is written only
with ``--save``. Sign-offs are always judged against the file's own content (what reviewers
signed), and with ``--require-signoff`` any drift between the signed probe and the fresh one
fails the gate: the evidence they approved no longer describes the environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.app.inputs import parse_today
from wizard.cli.common import add_policy_argument, add_review_argument, print_json
from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.evaluation.evaluate import STATUS_LABELS, Evaluation, evaluate
from wizard.core.evaluation.report import evaluation_to_dict
from wizard.core.exports.formats import CHECK_REPORT_FORMATS
from wizard.core.review.atomic import write_atomically
from wizard.core.review.model import Review
from wizard.core.review.policy import find_policy
from wizard.core.review.store import LoadedReview, load_review, transact
from wizard.core.signoff.gate import SignOffSummary
from wizard.core.signoff.judging import judge_file

NAME = "check"


def configure(parser: argparse.ArgumentParser) -> None:
    add_review_argument(parser)
    parser.add_argument("--format", choices=("text", "json", *CHECK_REPORT_FORMATS), default="text")
    parser.add_argument(
        "--today",
        default=None,
        metavar="YYYY-MM-DD",
        help="evaluate as of this date (waiver expiry); default: today",
    )
    parser.add_argument(
        "--probe",
        action="store_true",
        help="probe the target interpreter and scan the project first (in memory)",
    )
    parser.add_argument("--python", default=None, help="with --probe: the interpreter to probe")
    parser.add_argument(
        "--project", type=Path, default=None, help="with --probe: the project folder to scan"
    )
    parser.add_argument(
        "--load-project",
        action="store_true",
        default=None,
        help="with --probe: also load the project with the host's own loader (Airflow DagBag, "
        "dbt parse, Prefect flows, Dagster Definitions); THIS RUNS THE PROJECT'S CODE",
    )
    parser.add_argument(
        "--save", action="store_true", help="with --probe: write the fresh evidence to the file"
    )
    parser.add_argument(
        "--require-signoff",
        nargs="*",
        default=None,
        metavar="ROLE",
        help="also require approvals that hold: from each ROLE named, or (no ROLE) the policy's "
        "required_roles, else every role that signed and at least one; put it after FILE",
    )
    parser.add_argument(
        "--allowed-signers",
        type=Path,
        default=None,
        metavar="FILE",
        help="OpenSSH allowed-signers file: signed sign-offs must then be made by a key listed "
        "for their principal (default: allowed_signers in the policy, if any)",
    )
    add_policy_argument(parser)
    parser.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT=FILE",
        help=f"also write the report in FORMAT ({', '.join(CHECK_REPORT_FORMATS)}) to FILE, from "
        "the same evaluation and probe as the main output (repeatable)",
    )


def render_text(review: Review, evaluation: Evaluation) -> str:
    lines = [f"{review.title} — {review.host}, {review.engine}", ""]
    width = max(len(item.title) for item in evaluation.items)
    for item in evaluation.items:
        lines.append(f"  {STATUS_LABELS[item.status]:<7} {item.title:<{width}}  ({item.id})")
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
        + ", ".join(
            f"{layer.id} {STATUS_LABELS[layer.status].lower()}" for layer in evaluation.layers
        )
    )
    if evaluation.stale:
        lines.append("  stale answers: " + "; ".join(s.explain() for s in evaluation.stale))
    lines.append("")
    lines.append("READY" if evaluation.ready else "NOT READY")
    return "\n".join(lines)


def _extra_text(
    review: Review,
    evaluation: Evaluation,
    summary: SignOffSummary,
    gate: dict[str, Any] | None,
    drift: list[str],
) -> list[str]:
    lines = [
        f"  content: {summary.content_hash}",
        f"  sign-offs: {summary.one_line()} ({'; '.join(summary.notes)})",
    ]
    lines += [f"    {entry.describe(summary.content_hash)}" for entry in summary.entries]
    lines += [f"    - {problem}" for problem in summary.chain]
    expired = [w for w in review.waivers if not w.active_on(evaluation.today)]
    lines += [
        f"  waiver on {w.item} by {w.owner} expired on {w.expires.isoformat()}" for w in expired
    ]
    lines += [f"  probe drift: {line}" for line in drift]
    if gate is not None:
        wanted = ", ".join(gate["required_roles"]) or "every role that signed"
        wanted += f"; {summary.policy.describe()}"
        lines.append(f"  gate (sign-off from {wanted}): {'passed' if gate['passed'] else 'FAILED'}")
        lines += [f"    - {problem}" for problem in gate["problems"]]
    return lines


def _probe(loaded_review: Review, args: argparse.Namespace) -> tuple[Review, list[str], Any]:
    from wizard.core.evidence.probe import probe_drift
    from wizard.core.evidence.snapshot import apply_snapshot, gather_evidence

    working = loaded_review.model_copy(deep=True)
    snapshot = gather_evidence(
        working,
        review_path=args.file,
        python=args.python,
        project=args.project,
        load_project=args.load_project,
    )
    drift = probe_drift(loaded_review.probe, snapshot)
    apply_snapshot(working, snapshot)
    return working, drift, snapshot


def _saved(loaded: LoadedReview, working: Review, snapshot: Any, path: Path) -> str:
    """Write the fresh evidence unless it observed nothing new (then the file stays as it is).

    The snapshot is applied again under the write lock, on whatever the file holds by then, so
    an answer another writer saved during the probe is kept."""
    from wizard.core.evidence.snapshot import apply_snapshot

    if working == loaded.review:
        return f"the fresh evidence matches {path}; nothing to save."
    if not transact(loaded, lambda review: apply_snapshot(review, snapshot)):
        return f"the fresh evidence matches {path}; nothing to save."
    return f"saved the fresh evidence to {path}."


def _reports(specs: list[str]) -> list[tuple[str, Path]]:
    """``--report FORMAT=FILE`` values, checked before any slow probe runs."""
    reports = []
    for spec in specs:
        fmt, _, name = spec.partition("=")
        if fmt not in CHECK_REPORT_FORMATS or not name:
            raise BadInputError(
                f"--report {spec}: write it as FORMAT=FILE with FORMAT one of "
                f"{', '.join(CHECK_REPORT_FORMATS)}, e.g. --report sarif=readiness.sarif."
            )
        reports.append((fmt, Path(name)))
    return reports


def _report(fmt: str, review: Review, path: Path, document: dict[str, Any]) -> str:
    # Imported here: the text and JSON outputs never need the exports or the scan.
    from wizard.app.code_scanning import check_sarif
    from wizard.core.exports import render

    if fmt == "sarif":
        return render(check_sarif(review, path, document), fmt)
    return render(document, fmt)


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text, keep_backup=False)
    except OSError as error:
        raise BadInputError(f"--report {path}: cannot write it ({error.strerror}).") from None


def run(args: argparse.Namespace) -> int:
    today = parse_today(args.today)
    reports = _reports(args.report)
    if (args.save or args.python or args.project or args.load_project) and not args.probe:
        raise BadInputError(
            "--save, --python, --project and --load-project only apply together with --probe."
        )
    loaded = load_review(args.file)
    policy = find_policy(args.file, args.policy)
    review: Review = loaded.review
    drift: list[str] = []
    if args.probe:
        review, drift, snapshot = _probe(loaded.review, args)
        if args.save:
            print(_saved(loaded, review, snapshot, args.file), file=sys.stderr)
    roles = args.require_signoff
    # Sign-offs are judged against the file's content: that is what the reviewers signed.
    summary = judge_file(
        loaded.review,
        args.file,
        policy=policy,
        required_roles=roles,
        allowed_signers=args.allowed_signers,
    )
    evaluation = evaluate(review, review.probe, today, policy)
    gate = summary.gate_dict(drift) if roles is not None else None
    if reports or args.format in CHECK_REPORT_FORMATS:
        from wizard.core.exports.document import build_document

        document = build_document(review, evaluation, summary, gate=gate)
    for fmt, target in reports:
        _write(target, _report(fmt, review, args.file, document))
    if args.format == "json":
        from wizard.core.exports.document import requirements_to_dict, signoffs_to_dicts

        payload = evaluation_to_dict(review, evaluation)
        payload.update(
            content_hash=summary.content_hash,
            signoff_state=summary.state,
            policy=str(policy.path) if policy.path else None,
            signoffs={
                **requirements_to_dict(summary),
                "state": summary.state,
                "notes": summary.notes,
                "entries": signoffs_to_dicts(summary),
            },
            probe_drift=drift,
            gate=gate,
        )
        print_json(payload)
    elif args.format in CHECK_REPORT_FORMATS:
        sys.stdout.write(_report(args.format, review, args.file, document))
    else:
        text = render_text(review, evaluation).splitlines()
        verdict = text.pop()
        extra = _extra_text(review, evaluation, summary, gate, drift)
        if gate is not None and not gate["passed"]:
            verdict += " — sign-off gate FAILED"
        print("\n".join([*text, *extra, "", verdict]))
    passed = evaluation.ready and (gate is None or gate["passed"])
    return EXIT_OK if passed else EXIT_NOT_READY
