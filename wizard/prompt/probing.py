"""Running the probe and the project scan from the prompt mode, the same way the TUI does.

The application layer gathers the evidence and folds it into the session
(``wizard.app.probing.probe_now``); this module only words the outcome for a terminal. A probe
that could not run is reported as a failure, never glossed over.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wizard.app.probing import probe_now
from wizard.app.session import ReviewSession
from wizard.core.evaluation.bearing import QuestionEvidence
from wizard.core.evidence.snapshot import (
    project_folder,
    target_python,
)
from wizard.core.kb.registry import host_label
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.values import format_value
from wizard.core.safety.credentials import redact

PROBE_TIMEOUT = 120.0


def probe_and_fill(session: ReviewSession, timeout: float) -> list[str]:
    """Probe (and save), then say what it found and which answers it filled in."""
    before = dict(session.review.answers)
    snapshot = probe_now(session, timeout=timeout)
    lines = outcome_lines(snapshot, session.review.host)
    filled = [
        f"{question_id} = {format_value(answer.value)}"
        for question_id, answer in session.review.answers.items()
        if answer.is_probe and before.get(question_id) != answer
    ]
    if filled:
        lines.append(f"filled from the probe, not asked: {'; '.join(filled)}")
    return lines


def probe_would_fill(review: Review) -> bool:
    """Whether a probe would answer a question still waiting (a version it can see)."""
    from wizard.core.kb.bearing import probe_answerable
    from wizard.core.review.flow import is_answered, questions_in_order

    fillable = probe_answerable()
    return any(q.id in fillable and not is_answered(review, q) for q in questions_in_order(review))


def progress_line(
    review: Review, review_path: Path, python: str | None, project: Path | None
) -> str:
    interpreter = target_python(review, python) or sys.executable
    folder = project_folder(review, review_path, project)
    return f"probing {interpreter} and scanning {folder} ..."


def outcome_lines(snapshot: ProbeSnapshot, host: str | None = None) -> list[str]:
    """What the snapshot says, failures first and marked FAILED; the probe line carries the
    support-matrix verdict for ``host`` (the review's), so the operator sees it at once."""
    lines: list[str] = []
    environment = snapshot.environment
    preflight = snapshot.preflight
    if environment is None:
        lines.append("probe FAILED: the interpreter could not be probed")
    else:
        line = (
            f"probe: Python {environment.python_version} at {environment.executable}, "
            f"{len(environment.packages)} relevant packages"
        )
        verdict = next((v for v in snapshot.hosts if v.name == host), None)
        if verdict is not None:
            version = f" {verdict.version}" if verdict.version else ""
            line += f"; {host_label(verdict.name)}{version}: {verdict.verdict} ({verdict.reason})"
        lines.append(line)
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


def question_evidence_lines(found: QuestionEvidence) -> list[str]:
    """The evidence that bears on a question, printed before it is asked (masked values)."""
    if not found.shown:
        return []
    lines = ["evidence (probe and scan, before you answer):"]
    lines += [f"  • {fact.text} [{fact.provenance}]" for fact in found.facts]
    if found.conflict is not None:
        lines.append(f"  ! {found.conflict}")
    elif found.implied is not None:
        lines.append(f"  implied answer: {format_value(found.implied)} (preselected)")
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
