"""Probes of the target interpreter: environment facts, the real preflight, drift between runs.

The names below are imported when first used (PEP 562), so that ``probe`` can start the target
interpreter through the light ``runner`` module before the models and the matrix are imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
