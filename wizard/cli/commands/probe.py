"""``probe``: inspect the target interpreter and run the real preflight there.

Reports the interpreter, the relevant package versions, where each installed host sits on the
support matrix, the shared ``run_preflight`` result plus the wizard's gap checks, and the engine
smoke run (each engine's real calls). ``--project`` also validates the project's rule
definitions there; ``--load-project`` loads it with the host's own loader, which RUNS PROJECT
CODE. With ``--review`` the production inputs come from the review's answers, the previous
snapshot is compared with the new one, and the new snapshot is saved into the review.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from wizard.cli.common import seconds
from wizard.cli.probe_text import probe_text
from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.evidence.probe.runner import (
    DEFAULT_TIMEOUT,
    TARGET_SCRIPT,
    ProbeError,
    StartedScript,
    StartedSmoke,
    start_script,
    start_smoke,
)
from wizard.core.kb.registry import host_ids
from wizard.core.safety.credentials import redact_value

if TYPE_CHECKING:
    from wizard.core.evidence.probe.inputs import PreflightInputs
    from wizard.core.review.model import Review
    from wizard.core.review.observations import ProbeSnapshot

# The models, the matrix and the probe's evidence code are imported inside the functions: the
# target interpreter is started first and starts up (and imports its library) meanwhile.

NAME = "probe"
DESCRIPTION = (
    "Run a small probe under the interpreter your pipeline uses (--python, the review's target, "
    "or this one): report its Python and package versions, judge each installed host against "
    "the support matrix, run truthound-orchestration's real run_preflight there with the "
    "production inputs, and make each engine run the required operations once on tiny data. "
    "Exit 0 when the chosen host is supported and the preflight and smoke run pass, 1 when "
    "not, 2 when the interpreter cannot be probed or the input is bad."
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
        choices=host_ids(),
        help="host to judge and to pass to the preflight as its platform",
    )
    parser.add_argument(
        "--engine", help="engine to preflight (default: the review's, else truthound)"
    )
    parser.add_argument(
        "--project",
        metavar="FOLDER",
        type=Path,
        help="also scan this project folder and validate its rule definitions in the target "
        "(default with --load-project: the review's project, else the current folder)",
    )
    parser.add_argument(
        "--load-project",
        action="store_true",
        help="also load the project with the host's own loader (Airflow DagBag, dbt parse, "
        "Prefect flows, Dagster Definitions): THIS RUNS THE PROJECT'S CODE in the target",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds to wait for the interpreter (default: {DEFAULT_TIMEOUT:g})",
    )


def _inputs_and_review(
    args: argparse.Namespace,
) -> tuple[PreflightInputs, Review | None, str | None]:
    """Inputs for the preflight, the loaded review (or None) and the interpreter to probe."""
    from wizard.core.evidence.probe.inputs import PreflightInputs
    from wizard.core.review.store import load_review

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
    inputs = PreflightInputs.of_review(review)
    return inputs, review, args.python or review.target.python


def _save(path: Path, snapshot: ProbeSnapshot) -> None:
    from wizard.core.evidence import snapshot as evidence
    from wizard.core.review.store import update_review

    def mutate(review: Review) -> None:
        # The project scan is a different probe's evidence; keep it rather than wipe it.
        earlier = review.probe
        kept = {
            "scan": snapshot.scan or (earlier.scan if earlier else None),
            "rules": snapshot.rules or (earlier.rules if earlier and not snapshot.scan else None),
            # What the preflight was asked, so a later answer change shows it outdated.
            "inputs": evidence.preflight_basis(review),
        }
        evidence.apply_snapshot(review, snapshot.model_copy(update=kept))

    update_review(path, mutate)


def _project_evidence(
    args: argparse.Namespace,
    inputs: PreflightInputs,
    review: Review | None,
    python: str | None,
    snapshot: ProbeSnapshot,
) -> None:
    """The rule check (``--project``) and the host's own load (``--load-project``)."""
    from wizard.core.evidence import project_evidence
    from wizard.core.evidence import snapshot as evidence
    from wizard.core.evidence.scan import scan_project

    if review is not None:
        root = evidence.project_folder(review, args.review, args.project)
    else:
        root = args.project or Path.cwd()
    if not root.is_dir():
        raise BadInputError(
            f"--project {root}: no such folder. Pass the pipeline's project folder."
        )
    if args.project is not None:
        exclude = evidence.review_files(args.review, root)
        snapshot.scan = scan_project(root, chosen_host=inputs.host, exclude=exclude)
        snapshot.rules = project_evidence.rules(inputs, snapshot, python, snapshot.scan)
    if args.load_project:
        if inputs.host is None:
            raise BadInputError(
                "--load-project needs a host: pass --host, or --review with a review file."
            )
        snapshot.load = project_evidence.load(inputs.host, snapshot, python, root)


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
        "smoke": [] if snapshot.smoke is None else [c.model_dump() for c in snapshot.smoke.checks],
        "smoke_run": None
        if snapshot.smoke is None
        else snapshot.smoke.model_dump(exclude={"checks"}),
        "rules": None if snapshot.rules is None else snapshot.rules.model_dump(),
        "load": None if snapshot.load is None else snapshot.load.model_dump(),
    }
    if drift is not None:
        payload["drift"] = drift
    return cast(dict[str, Any], redact_value(payload))


def _ready(snapshot: ProbeSnapshot, host: str | None) -> bool:
    chosen = next((verdict for verdict in snapshot.hosts if verdict.name == host), None)
    if chosen is not None and chosen.verdict in _BLOCKING_VERDICTS:
        return False
    smoke = snapshot.smoke
    if smoke is not None and (
        not smoke.ran or any(c.role == "primary" and c.passed is not True for c in smoke.checks)
    ):
        return False
    if snapshot.rules is not None and any(
        f.ignored or not f.valid for f in snapshot.rules.findings
    ):
        return False
    if snapshot.load is not None and (not snapshot.load.ran or snapshot.load.import_errors):
        return False
    return snapshot.preflight is not None and snapshot.preflight.compatible is True


def run(args: argparse.Namespace) -> int:
    started = smoke = None
    if args.review is None or args.python is not None:
        # The interpreter is known without the review: start it now, so its start-up and its
        # library import overlap the wizard's own imports below. It always gets a preflight
        # request, so it may import the library before the request arrives (warm). The engine
        # smoke run that follows the preflight starts now too, so its start-up and imports run
        # beside the preflight rather than after it.
        started = start_script(args.python, TARGET_SCRIPT, warm=True)
        with contextlib.suppress(ProbeError):  # then the smoke run starts later, as usual
            smoke = start_smoke(args.python)
    try:
        return _probe(args, started, smoke)
    finally:
        if started is not None:
            started.abandon()  # only if something failed before it got its request
        if smoke is not None:
            smoke.abandon()


def _probe(
    args: argparse.Namespace, started: StartedScript | None, smoke: StartedSmoke | None
) -> int:
    from wizard.core.evidence.drift import probe_drift
    from wizard.core.evidence.probe.environment import take_snapshot

    inputs, review, python = _inputs_and_review(args)
    snapshot = take_snapshot(python, inputs, args.timeout, started=started, started_smoke=smoke)
    if review is not None and review.target.load_project:
        args.load_project = True  # the review's operator opted in to loading the project
    if args.project is not None or args.load_project:
        _project_evidence(args, inputs, review, python, snapshot)
    drift = None
    if review is not None and review.probe is not None:
        drift = probe_drift(review.probe, snapshot)
    if args.review is not None:
        _save(args.review, snapshot)
    payload = snapshot_to_dict(snapshot, drift)
    if args.json:
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        sys.stdout.write(probe_text(payload, inputs.host) + "\n")
        if args.review is not None:
            sys.stdout.write(f"\nSnapshot saved into {args.review}.\n")
    return EXIT_OK if _ready(snapshot, inputs.host) else EXIT_NOT_READY
