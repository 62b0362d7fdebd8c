"""Evidence that needs both the project folder and the target interpreter.

The rule check validates the rule definitions the scan found with the target's own validator;
the project load (opt-in) imports the project with the host's own loader. Both need the probe's
view of the interpreter (is the library there, is the Python new enough) and both turn every
failure into evidence instead of an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.errors import ReadinessError
from wizard.core.review.observations import ProbeSnapshot, ProjectLoad, ProjectScan, RuleCheck

if TYPE_CHECKING:
    from wizard.core.evidence.probe.inputs import PreflightInputs


def _interpreter(python: str | None) -> str:
    from wizard.core.evidence.probe.runner import resolve_interpreter

    return resolve_interpreter(python)


def rules(
    inputs: PreflightInputs, snapshot: ProbeSnapshot, python: str | None, scan: ProjectScan
) -> RuleCheck:
    """The project's rules judged in the target (the `check` vocabulary needs no target)."""
    from wizard.core.evidence.probe.environment import nothing_runs
    from wizard.core.evidence.probe.rule_check import check_rules

    environment = snapshot.environment
    try:
        interpreter = _interpreter(python)
        blocked = (
            "the target interpreter could not be probed"
            if environment is None
            else nothing_runs(interpreter, inputs, environment)
        )
        return check_rules(interpreter, scan, inputs.engine, blocked)
    except ReadinessError as error:
        return RuleCheck(ran=False, engine=inputs.engine, error=error.message)


def load(host: str, snapshot: ProbeSnapshot, python: str | None, root: Path) -> ProjectLoad:
    """The project loaded by the host's own machinery in the target. RUNS PROJECT CODE."""
    from wizard.core.evidence.probe.loader import load_project

    environment = snapshot.environment
    if environment is None:
        return ProjectLoad(host=host, ran=False, error="the target interpreter could not be probed")
    try:
        return load_project(_interpreter(python), host, root, dict(environment.packages))
    except ReadinessError as error:
        return ProjectLoad(host=host, ran=False, error=error.message)
