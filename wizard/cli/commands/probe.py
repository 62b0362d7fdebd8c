"""``probe``: inspect the target interpreter and run the real preflight there.

Reports the interpreter, the relevant package versions, where each installed host sits on the
support matrix, and the shared ``run_preflight`` result plus the wizard's gap checks. With
``--review`` the production inputs come from the review's answers, the previous snapshot is
compared with the new one, and the new snapshot is saved into the review.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, cast

from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.evidence.probe import DEFAULT_TIMEOUT, PreflightInputs, probe_drift, take_snapshot
from wizard.core.evidence.snapshot import apply_snapshot
from wizard.core.kb.matrix import load_matrix
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.store import load_review, update_review
from wizard.core.safety.credentials import redact_value

NAME = "probe"
HELP = "probe the target Python: versions against the support matrix and the real preflight"
DESCRIPTION = (
    "Run a small probe under the interpreter your pipeline uses (--python, the review's target, "
    "or this one): report its Python and package versions, judge each installed host against "
    "the support matrix, and run truthound-orchestration's real run_preflight there with the "
    "production inputs. Exit 0 when the chosen host is supported and the preflight passes, 1 "
    "when not, 2 when the interpreter cannot be probed or the input is bad."
)
_BLOCKING_VERDICTS = frozenset({"unsupported", "missing"})


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--python",
        metavar="PATH",
        help="interpreter to probe (default: the "
        "review's target.python, else the one running the wizard)",
    )
    parser.add_argument(
        "--review",
        metavar="FILE",
        type=Path,
        help="take host, engine and production inputs from this review and save "
        "the new snapshot into it",
    )
    parser.add_argument(
        "--host",
        choices=tuple(load_matrix().hosts),
        help="host to judge and to pass to the preflight as its platform",
    )
    parser.add_argument(
        "--engine", help="engine to preflight (default: the review's, else truthound)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds to wait for the interpreter (default: {DEFAULT_TIMEOUT:g})",
    )


def _inputs_and_review(
    args: argparse.Namespace,
) -> tuple[PreflightInputs, Review | None, str | None]:
    """Inputs for the preflight, the loaded review (or None) and the interpreter to probe."""
    if args.review is None:
        inputs = PreflightInputs(host=args.host, engine=args.engine or "truthound")
        return inputs, None, args.python
    review = load_review(args.review).review
    pairs = (("--host", args.host, review.host), ("--engine", args.engine, review.engine))
    for flag, given, stored in pairs:
        if given is not None and given != stored:
            raise BadInputError(
                f"{flag} {given} contradicts the review {args.review}, which says {stored}. Drop "
                f"{flag}, or change the review's {flag[2:]} with the wizard first."
            )
    inputs = PreflightInputs.from_answers(review.host, review.engine, review.answer_value)
    return inputs, review, args.python or review.target.python


def _save(path: Path, snapshot: ProbeSnapshot) -> None:
    def mutate(review: Review) -> None:
        # The project scan is a different probe's evidence; keep it rather than wipe it.
        earlier_scan = review.probe.scan if review.probe is not None else None
        apply_snapshot(review, snapshot.model_copy(update={"scan": snapshot.scan or earlier_scan}))

    update_review(path, mutate)


def snapshot_to_dict(snapshot: ProbeSnapshot, drift: list[str] | None) -> dict[str, Any]:
    environment = snapshot.environment
    preflight = snapshot.preflight
    payload: dict[str, Any] = {
        "taken_at": snapshot.taken_at.isoformat(),
        "python": None
        if environment is None
        else {
            "version": environment.python_version,
            "implementation": environment.implementation,
            "executable": environment.executable,
        },
        "packages": {} if environment is None else dict(environment.packages),
        "hosts": [verdict.model_dump() for verdict in snapshot.hosts],
        "preflight": None if preflight is None else preflight.model_dump(),
    }
    if drift is not None:
        payload["drift"] = drift
    return cast(dict[str, Any], redact_value(payload))


def _text(payload: dict[str, Any], host: str | None) -> str:
    python = payload["python"] or {}
    lines = [
        f"Python {python.get('version')} ({python.get('implementation')}) at "
        f"{python.get('executable')}",
        "",
        "Packages:",
    ]
    packages = payload["packages"]
    lines += [f"  {name} {version}" for name, version in sorted(packages.items())] or ["  (none)"]
    lines += ["", "Hosts:"]
    for verdict in payload["hosts"]:
        chosen = " (chosen)" if verdict["name"] == host else ""
        lines.append(f"  {verdict['name']}{chosen}: {verdict['verdict']} - {verdict['reason']}")
    if not payload["hosts"]:
        lines.append("  no host distribution installed and no host chosen")
    preflight = payload["preflight"] or {}
    lines.append("")
    if not preflight.get("ran"):
        lines.append(f"Preflight did not run: {preflight.get('error')}")
    else:
        state = "compatible" if preflight.get("compatible") else "NOT compatible"
        lines.append(
            f"Preflight ({preflight.get('engine_name')} {preflight.get('engine_version')}): {state}"
        )
    for check in preflight.get("checks", []):
        mark = " [wizard]" if check["origin"] == "wizard" else ""
        lines.append(f"  {check['status']:<7} {check['name']}{mark}: {check['message']}")
    if "drift" in payload:
        lines += ["", "Changed since the previous probe:"]
        lines += [f"  {line}" for line in payload["drift"]] or ["  nothing"]
    return "\n".join(lines)


def _ready(snapshot: ProbeSnapshot, host: str | None) -> bool:
    chosen = next((verdict for verdict in snapshot.hosts if verdict.name == host), None)
    if chosen is not None and chosen.verdict in _BLOCKING_VERDICTS:
        return False
    return snapshot.preflight is not None and snapshot.preflight.compatible is True


def run(args: argparse.Namespace) -> int:
    if args.timeout <= 0:
        raise BadInputError(f"--timeout {args.timeout:g}: give a positive number of seconds.")
    inputs, review, python = _inputs_and_review(args)
    snapshot = take_snapshot(python, inputs, args.timeout)
    drift = None
    if review is not None and review.probe is not None:
        drift = probe_drift(review.probe, snapshot)
    if args.review is not None:
        _save(args.review, snapshot)
    payload = snapshot_to_dict(snapshot, drift)
    if args.json:
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        sys.stdout.write(_text(payload, inputs.host) + "\n")
        if args.review is not None:
            sys.stdout.write(f"\nSnapshot saved into {args.review}.\n")
    return EXIT_OK if _ready(snapshot, inputs.host) else EXIT_NOT_READY
