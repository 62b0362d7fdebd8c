"""Running the probe and the project scan from the prompt mode, the same way the TUI does.

The application layer gathers the evidence and folds it into the session
(``wizard.app.probing.probe_now``); this module only words the outcome for a terminal. A probe
that could not run is reported as a failure, never glossed over.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wizard.core.evidence.snapshot import (
    project_folder,
    target_python,
)
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.safety.credentials import redact

PROBE_TIMEOUT = 120.0


def progress_line(
    review: Review, review_path: Path, python: str | None, project: Path | None
) -> str:
    interpreter = target_python(review, python) or sys.executable
    folder = project_folder(review, review_path, project)
    return f"probing {interpreter} and scanning {folder} ..."


def outcome_lines(snapshot: ProbeSnapshot) -> list[str]:
    """What the snapshot says, failures first and marked FAILED."""
    lines: list[str] = []
    environment = snapshot.environment
    preflight = snapshot.preflight
    if environment is None:
        lines.append("probe FAILED: the interpreter could not be probed")
    else:
        lines.append(
            f"probe: Python {environment.python_version} at {environment.executable}, "
            f"{len(environment.packages)} relevant packages"
        )
    if preflight is not None and not preflight.ran:
        lines.append(f"preflight FAILED: it did not run ({preflight.error})")
    elif preflight is not None and preflight.compatible:
        lines.append("preflight: passed")
    elif preflight is not None:
        failed = [check.name for check in preflight.checks if check.status == "failed"]
        lines.append(f"preflight FAILED: {', '.join(failed) or 'not compatible'}")
    lines += _evidence_lines(snapshot)
    scan = snapshot.scan
    if scan is not None:
        hosts = ", ".join(scan.hosts_detected) or "none"
        lines.append(
            f"scan: {scan.files_scanned} files, hosts detected: {hosts}, "
            f"credentials found: {len(scan.secrets)}"
        )
    already_said = preflight.error if preflight is not None else None
    lines.extend(f"FAILED: {error}" for error in snapshot.errors if error != already_said)
    return [redact(line) for line in lines]


def _evidence_lines(snapshot: ProbeSnapshot) -> list[str]:
    """The smoke run, the rule check and the project load, one line each."""
    lines: list[str] = []
    smoke, preflight = snapshot.smoke, snapshot.preflight
    if smoke is not None and not smoke.ran:
        if preflight is None or smoke.error != preflight.error:
            lines.append(f"smoke run FAILED: it could not run ({smoke.error})")
    elif smoke is not None:
        failed = [f"{c.engine} {c.operation}" for c in smoke.checks if c.passed is not True]
        lines.append(f"smoke run FAILED: {', '.join(failed)}" if failed else "smoke run: passed")
    rules = snapshot.rules
    if rules is not None:
        bad = [f for f in rules.findings if f.ignored or not f.valid]
        state = f"FAILED: {len(bad)} of {len(rules.findings)} rules" if bad else "passed"
        lines.append(f"rule check {state}" if rules.ran else f"rule check FAILED: {rules.error}")
    load = snapshot.load
    if load is not None:
        errors = len(load.import_errors)
        if not load.ran:
            lines.append(f"project load FAILED: {load.error}")
        else:
            lines.append(f"project load: {errors} import errors" if errors else "project load: ok")
    return lines
