"""Probes of the target interpreter: environment facts, the real preflight, drift between runs.

The names below are imported when first used (PEP 562), so that ``probe`` can start the target
interpreter through the light ``runner`` module before the models and the matrix are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from wizard.core.evidence.drift import probe_drift
    from wizard.core.evidence.probe.environment import (
        probe_environment,
        run_preflight_probe,
        take_snapshot,
    )
    from wizard.core.evidence.probe.inputs import PreflightInputs
    from wizard.core.evidence.probe.runner import DEFAULT_TIMEOUT, TARGET_SCRIPT, ProbeError

_LAZY = {
    "probe_drift": "wizard.core.evidence.drift",
    "probe_environment": "wizard.core.evidence.probe.environment",
    "run_preflight_probe": "wizard.core.evidence.probe.environment",
    "take_snapshot": "wizard.core.evidence.probe.environment",
    "PreflightInputs": "wizard.core.evidence.probe.inputs",
    "DEFAULT_TIMEOUT": "wizard.core.evidence.probe.runner",
    "TARGET_SCRIPT": "wizard.core.evidence.probe.runner",
    "ProbeError": "wizard.core.evidence.probe.runner",
}

__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "DEFAULT_TIMEOUT",
    "TARGET_SCRIPT",
    "PreflightInputs",
    "ProbeError",
    "probe_drift",
    "probe_environment",
    "run_preflight_probe",
    "take_snapshot",
]
