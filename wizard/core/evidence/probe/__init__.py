"""Probes of the target interpreter: environment facts, the real preflight, drift between runs."""

from wizard.core.evidence.drift import probe_drift
from wizard.core.evidence.probe.environment import (
    probe_environment,
    run_preflight_probe,
    take_snapshot,
)
from wizard.core.evidence.probe.inputs import PreflightInputs
from wizard.core.evidence.probe.runner import DEFAULT_TIMEOUT, TARGET_SCRIPT, ProbeError

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
