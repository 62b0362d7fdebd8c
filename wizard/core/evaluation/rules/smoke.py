"""What the engine smoke run says about the preflight gate.

The preflight only asks an engine what it claims; the smoke run made the review's engines do
each required operation once in the target interpreter. A failed call of the primary engine
fails ``preflight-gate`` with the engine's own message and the known fix; a fallback that fails
is a warning, unless the primary fails the same operation (then the chain has nothing left).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions
from wizard.core.kb.matrix import canonical_engine
from wizard.core.kb.registry import engine as engine_entry
from wizard.core.review.observations import ProbeSnapshot, SmokeCheck, SmokeRun

if TYPE_CHECKING:
    from wizard.core.review.model import Review

PROVENANCE = "probe:smoke"
DOC = "docs/common/preflight-compatibility.md"
GATE = "preflight-gate"


def _doc(engine: str) -> str:
    canonical = canonical_engine(engine)
    return DOC if canonical is None else engine_entry(canonical).doc


def known_fix(engine: str, message: str) -> str | None:
    """The advice the engine registry keeps for a failure with this message, if any."""
    canonical = canonical_engine(engine)
    if canonical is None:
        return None
    return next(
        (fix.fix for fix in engine_entry(canonical).smoke_fixes if fix.match in message), None
    )


def _said(status: str, reason: str, doc: str, source: str) -> Contribution:
    return Contribution(status, reason, doc, source, PROVENANCE)  # type: ignore[arg-type]


def _failure(check: SmokeCheck, primary_fails_too: bool) -> Contribution:
    fix = known_fix(check.engine, check.message)
    what = f"{check.engine} {check.operation}"
    if not check.ran:
        text = f"Engine smoke run: {what} {check.message}"
    else:
        text = f"Engine smoke run: {what} failed in the target interpreter: {check.message}"
    if fix:
        text += f". Fix: {fix}"
    status = "fail"
    if check.role == "fallback":
        if primary_fails_too:
            text += (
                f" (the primary engine fails {check.operation} as well: nothing to fall back to)"
            )
        else:
            status = "warn"
            text += f" (fallback engine: the chain fails {check.operation} whenever it falls back)"
    return _said(status, text + ".", _doc(check.engine), f"smoke:{what}")


def _information(smoke: SmokeRun) -> list[str]:
    notes = []
    if smoke.failed_module_loads:
        notes.append(
            f"{smoke.failed_module_loads} Truthound validator modules could not load (numpy is "
            "missing); the check still runs, install truthound[drift,anomaly] if you need them"
        )
    if smoke.workdir_writes:
        notes.append(
            "the engines wrote into their working directory: "
            f"{', '.join(smoke.workdir_writes[:5])} (production tasks write there too)"
        )
    return notes


def smoke_rule(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    preflight = probe.preflight if probe else None
    if probe is None or preflight is None:
        return {}  # the preflight rule already says no probe has run
    smoke = probe.smoke
    if smoke is None:
        if not preflight.ran:
            return {}
        return {
            GATE: [
                _said(
                    "open",
                    "No engine smoke run is recorded with this probe: re-run the probe so the "
                    "engine's real calls are tried, not only its claims.",
                    DOC,
                    "smoke",
                )
            ]
        }
    if not smoke.ran:
        if smoke.error == preflight.error:
            return {}  # the preflight's reason is the same sentence; say it once
        reason = f"The engine smoke run could not run: {smoke.error or 'no reason given'}."
        return {GATE: [_said("fail", reason, DOC, "smoke")]}
    broken = [check for check in smoke.checks if check.passed is not True]
    primary_broken = {check.operation for check in broken if check.role == "primary"}
    parts = [_failure(check, check.operation in primary_broken) for check in broken]
    called = [check for check in smoke.checks if check.role == "primary" and check.passed]
    if not broken and called:
        engines = (
            ", ".join(f"{name} {version}" for name, version in smoke.engine_versions.items())
            or review.engine
        )
        operations = ", ".join(dict.fromkeys(check.operation for check in called))
        text = (
            f"Engine smoke run in the target interpreter: {operations} on {engines} each "
            "returned a result"
        )
        notes = _information(smoke)
        parts.append(
            _said("pass", text + (f"; {'; '.join(notes)}" if notes else "") + ".", DOC, "smoke")
        )
    return {GATE: parts} if parts else {}
