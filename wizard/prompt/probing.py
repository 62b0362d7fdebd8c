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
