"""What the preflight in the probe snapshot says about the items.

A probe that did not run leaves its items open; a probe that failed is a failure, never a pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions
from wizard.core.kb import ids
from wizard.core.review.observations import PreflightResult, ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

PREFLIGHT_DOC = "docs/common/preflight-compatibility.md"
# Preflight checks that are also direct evidence for another item, and the page to read there.
CHECK_ITEMS = {
    "source_resolution": ("source-resolution", "docs/common/source-resolution.md"),
    "observability": ("observability", "docs/common/observability-resilience.md"),
}


def _outdated(review: Review, probe: ProbeSnapshot) -> list[str]:
    """The answers that changed since the preflight ran (by value, not by time)."""
    preflight = probe.preflight
    if probe.inputs:
        changed = [
            question_id
            for question_id in ids.PREFLIGHT_INPUTS
            if review.answer_value(question_id) != probe.inputs.get(question_id)
        ]
        if probe.inputs.get("engine") != review.engine:
            changed.append("engine")
        return changed
    changed = [  # a snapshot from before its inputs were recorded: judge by time
        question_id
        for question_id in ids.PREFLIGHT_INPUTS
        if (answer := review.answers.get(question_id)) is not None and answer.at > probe.taken_at
    ]
    if preflight and preflight.engine_name and preflight.engine_name != review.engine:
        changed.append("engine")
    return changed


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
    if outdated:
        result["preflight-gate"] = [
            Contribution(
                "open",
                f"The last preflight predates changes to {', '.join(outdated)}; re-run the "
                "probe so the gate reflects the current answers.",
                PREFLIGHT_DOC,
                "probe",
            )
        ]
    failed = [check for check in preflight.checks if check.status == "failed"]
    gate = result.setdefault("preflight-gate", [])
    for check in preflight.checks:
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
    for check in failed:
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
    if preflight.compatible is False and not failed:
        gate.append(
            Contribution(
                "fail",
                "The preflight reported the setup as incompatible.",
                PREFLIGHT_DOC,
                "probe",
                "probe:preflight",
            )
        )
    if not failed and preflight.compatible:
        gate.append(
            Contribution(
                "pass",
                f"run_preflight passed {len(preflight.checks)} checks for "
                f"{preflight.engine_name or review.engine} "
                f"{preflight.engine_version or 'unknown version'}.",
                PREFLIGHT_DOC,
                "probe",
                "probe:preflight",
            )
        )
        resolved = next((c for c in preflight.checks if c.name == "source_resolution"), None)
        if resolved is not None:
            result.setdefault("source-resolution", []).append(
                Contribution(
                    "pass",
                    f"Preflight: {resolved.message}",
                    "docs/common/source-resolution.md",
                    resolved.name,
                    "probe:preflight",
                )
            )
    return result
