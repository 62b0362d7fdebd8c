"""What the preflight in the probe snapshot says about the items.

A probe that did not run leaves its items open; a probe that failed is a failure, never a pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions, ContributionStatus
from wizard.core.kb import ids
from wizard.core.review.observations import PreflightResult, ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

PREFLIGHT_DOC = "docs/common/preflight-compatibility.md"
# The wizard's checks whose judgement belongs to another item, which alone reports them.
OWNED_ELSEWHERE = frozenset({"source_shape"})
# Preflight checks that are also direct evidence for another item, and the page to read there.
CHECK_ITEMS = {
    "source_resolution": ("source-resolution", "docs/common/source-resolution.md"),
    "observability": ("observability", "docs/common/observability-resilience.md"),
}


def _outdated(review: Review, probe: ProbeSnapshot) -> list[str]:
    changed = [
        question_id
        for question_id in ids.PREFLIGHT_INPUTS
        if (answer := review.answers.get(question_id)) is not None and answer.at > probe.taken_at
    ]
    preflight = probe.preflight
    if preflight and preflight.engine_name and preflight.engine_name != review.engine:
        changed.append("engine")
    return changed


def _gate_verdict(review: Review, preflight: PreflightResult) -> Contribution | None:
    """The gate's one summary line: a failure the checks did not explain, or whose checks passed."""
    gate_failed = [
        check
        for check in preflight.checks
        if check.status == "failed" and check.name not in OWNED_ELSEWHERE
    ]
    if gate_failed:
        return None  # each failed check already speaks for itself
    if preflight.compatible is False and not any(
        check.status == "failed" for check in preflight.checks
    ):
        return Contribution(
            "fail",
            "The preflight reported the setup as incompatible.",
            PREFLIGHT_DOC,
            "probe",
            "probe:preflight",
        )
    library = [check for check in preflight.checks if check.origin == "run_preflight"]
    ours = [
        check.name
        for check in preflight.checks
        if check.origin == "wizard" and check.name not in OWNED_ELSEWHERE
    ]
    engine = (
        f"{preflight.engine_name or review.engine} {preflight.engine_version or 'unknown version'}"
    )
    text = f"run_preflight passed {len(library)} of its own checks for {engine}"
    if ours:
        text += f"; the wizard's gap checks ({', '.join(ours)}) found no failure"
    return Contribution("pass", text + ".", PREFLIGHT_DOC, "probe", "probe:preflight")


def _source_reading(preflight: PreflightResult) -> list[Contribution]:
    """How the resolver read the source, said once on source-resolution: the wizard's shape
    check when it objects, otherwise the library's own resolution when it passed."""
    shape = next((c for c in preflight.checks if c.name == "source_shape"), None)
    resolved = next((c for c in preflight.checks if c.name == "source_resolution"), None)
    doc = "docs/common/source-resolution.md"
    if shape is not None and shape.status != "passed":
        status: ContributionStatus = "fail" if shape.status == "failed" else "warn"
        return [
            Contribution(
                status, f"Source shape: {shape.message}", doc, shape.name, "probe:preflight"
            )
        ]
    if resolved is not None and resolved.status == "passed":
        return [
            Contribution(
                "pass", f"Preflight: {resolved.message}", doc, resolved.name, "probe:preflight"
            )
        ]
    return []


def preflight_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    preflight: PreflightResult | None = probe.preflight if probe else None
    if probe is None or preflight is None:
        result["preflight-gate"] = [
            Contribution(
                "open",
                "No preflight result yet: run `truthound-readiness probe --review FILE "
                "--python <production interpreter>` (or `check --probe`).",
                PREFLIGHT_DOC,
                "probe",
            )
        ]
        return result
    if not preflight.ran:
        result["preflight-gate"] = [
            Contribution(
                "fail",
                f"The preflight could not run: {preflight.error or 'no reason given'}.",
                PREFLIGHT_DOC,
                "probe",
                "probe:preflight",
            )
        ]
        return result
    outdated = _outdated(review, probe)
    gate = result.setdefault("preflight-gate", [])
    if outdated:
        gate.append(
            Contribution(
                "open",
                f"The last preflight predates changes to {', '.join(outdated)}; re-run the "
                "probe so the gate reflects the current answers.",
                PREFLIGHT_DOC,
                "probe",
            )
        )
    for check in preflight.checks:
        if check.name in OWNED_ELSEWHERE or check.status == "passed":
            continue
        if check.status == "warning":
            gate.append(
                Contribution(
                    "warn",
                    f"{check.name} warned: {check.message}",
                    PREFLIGHT_DOC,
                    check.name,
                    "probe:preflight",
                )
            )
            continue
        origin = "run_preflight" if check.origin == "run_preflight" else "wizard check"
        gate.append(
            Contribution(
                "fail",
                f"{check.name} failed ({origin}): {check.message}",
                PREFLIGHT_DOC,
                check.name,
                "probe:preflight",
            )
        )
        if check.name in CHECK_ITEMS:
            item_id, doc = CHECK_ITEMS[check.name]
            result.setdefault(item_id, []).append(
                Contribution(
                    "fail",
                    f"Preflight {check.name} check failed: {check.message}",
                    doc,
                    check.name,
                    "probe:preflight",
                )
            )
    verdict = _gate_verdict(review, preflight)
    if verdict is not None:
        gate.append(verdict)
    reading = _source_reading(preflight)
    if reading:
        result.setdefault("source-resolution", []).extend(reading)
    return result
