"""Probing the target interpreter: what it is, what it has installed, and the real preflight.

Everything is obtained by running ``target_script.py`` under that interpreter; nothing here
imports the pipeline's libraries into the wizard's own process. One subprocess run can answer
both the package scan and the preflight, which is what ``take_snapshot`` uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast, get_args

from packaging.version import InvalidVersion, Version

from wizard.core.evaluation.support import host_verdicts
from wizard.core.evidence.probe.gaps import engine_checks, source_checks
from wizard.core.evidence.probe.inputs import PreflightInputs
from wizard.core.evidence.probe.runner import (
    DEFAULT_TIMEOUT,
    StartedScript,
    answer_shape,
    resolve_interpreter,
    run_target_script,
)
from wizard.core.evidence.probe.smoke import StartedSmoke, run_smoke, smoke_request
from wizard.core.kb.matrix import load_matrix
from wizard.core.review.observations import (
    CheckState,
    EnvironmentFacts,
    PreflightCheck,
    PreflightResult,
    ProbeSnapshot,
)
from wizard.core.safety.credentials import redact

_STATES: tuple[str, ...] = get_args(CheckState)


def reported_distributions() -> list[str]:
    """Every distribution the probe reports: the runtime, each host's, each engine's."""
    matrix = load_matrix()
    names = [matrix.orchestration.distribution, matrix.truthound.distribution]
    for facts in matrix.hosts.values():
        names += facts.distributions
        names += [adapter.distribution for adapter in facts.adapters.values()]
    names += [facts.distribution for facts in matrix.engines.values()]
    return list(dict.fromkeys(names))


def _environment(answer: Mapping[str, Any]) -> EnvironmentFacts:
    python = answer.get("python") or {}
    return EnvironmentFacts(
        executable=redact(str(python.get("executable", ""))),
        python_version=str(python.get("version", "")),
        implementation=str(python.get("implementation", "CPython")),
        packages={
            str(name): str(version) for name, version in (answer.get("packages") or {}).items()
        },
    )


def unsupported_python(python_version: str) -> str | None:
    """Why nothing of the library can run under this Python, or None when it is new enough."""
    minimum = load_matrix().python.minimum
    try:
        too_old = Version(python_version) < Version(minimum)
    except InvalidVersion:
        return None
    if not too_old:
        return None
    orchestration = load_matrix().orchestration.distribution
    return (
        f"this interpreter (Python {python_version}) is unsupported: every {orchestration} "
        f"release requires Python >= {minimum} (pip: 'Requires-Python >={minimum}'), so it "
        f"cannot be installed here. Run the pipeline on a Python {minimum}+ interpreter and probe "
        "that one with --python."
    )


def _not_installed(interpreter: str, inputs: PreflightInputs) -> str:
    extra = f" (add the [{inputs.host}] extra for the host adapter)" if inputs.host else ""
    orchestration = load_matrix().orchestration.distribution
    return (
        f"{orchestration} is not installed in {interpreter}, so the shared preflight cannot run "
        f"there. Install it into that interpreter: `{interpreter} -m pip install {orchestration}`"
        f"{extra}, then probe again."
    )


def nothing_runs(
    interpreter: str, inputs: PreflightInputs, environment: EnvironmentFacts
) -> str | None:
    """Why no library code (preflight, smoke run, rule check) can run there, or None."""
    too_old = unsupported_python(environment.python_version)
    if too_old is not None:
        return too_old
    if load_matrix().orchestration.distribution not in environment.packages:
        return _not_installed(interpreter, inputs)
    return None


def _shared_check(raw: Mapping[str, Any]) -> PreflightCheck:
    status = str(raw.get("status", "failed")).lower()
    message = redact(str(raw.get("message", "")))
    if status not in _STATES:
        # An unknown status from a newer release must not read as a pass.
        message = f"unrecognised status {status!r}: {message}"
        status = "failed"
    state = cast(CheckState, status)
    return PreflightCheck(name=str(raw.get("name", "unnamed")), status=state, message=message)


def _preflight_result(
    payload: Mapping[str, Any],
    inputs: PreflightInputs,
    packages: Mapping[str, str],
    interpreter: str,
    blocked: str | None = None,
    too_old: bool = False,
) -> PreflightResult:
    # Below the supported Python nothing can be installed, so no install advice applies.
    ours = [] if too_old else engine_checks(inputs, packages)
    if not payload.get("ran"):
        error = payload.get("error") or "the preflight did not run"
        return PreflightResult(
            ran=False,
            checks=ours,
            engine_name=inputs.engine,
            source_kind=inputs.source_kind,
            error=(blocked or _not_installed(interpreter, inputs))
            if error == "not-installed"
            else redact(error),
        )
    checks = [_shared_check(raw) for raw in payload.get("checks") or []]
    checks += ours + source_checks(inputs, payload.get("source_as_data"))
    resolved = payload.get("resolved_source") or {}
    return PreflightResult(
        ran=True,
        # Our gap checks count: an advanced-tier engine without its library is not compatible.
        compatible=not any(check.status == "failed" for check in checks),
        checks=checks,
        engine_name=payload.get("engine_name"),
        engine_version=payload.get("engine_version"),
        source_kind=resolved.get("kind") or inputs.source_kind,
        requires_connection=resolved.get("requires_connection"),
    )


def probe_environment(python: str | None, timeout: float = DEFAULT_TIMEOUT) -> EnvironmentFacts:
    """Python version, implementation, executable and relevant package versions of ``python``."""
    request = {"scan": True, "packages": reported_distributions()}
    answer = run_target_script(python, request, timeout)
    with answer_shape(python or "the wizard's interpreter", "the probe"):
        return _environment(answer)


def run_preflight_probe(
    python: str | None,
    inputs: PreflightInputs,
    packages: Mapping[str, str],
    timeout: float = DEFAULT_TIMEOUT,
) -> PreflightResult:
    """The real ``run_preflight`` in ``python`` with production inputs, plus the wizard's gaps.

    ``packages`` is what ``probe_environment`` found in the same interpreter; without
    truthound-orchestration nothing is run and the result says so instead of passing.
    """
    interpreter = resolve_interpreter(python)
    if load_matrix().orchestration.distribution not in packages:
        return _preflight_result(
            {"ran": False, "error": "not-installed"}, inputs, packages, interpreter
        )
    answer = run_target_script(
        interpreter, {"scan": False, "preflight": inputs.to_request()}, timeout
    )
    with answer_shape(interpreter, "the probe"):
        return _preflight_result(answer.get("preflight") or {}, inputs, packages, interpreter)


def take_snapshot(
    python: str | None,
    inputs: PreflightInputs | None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    host: str | None = None,
    smoke: bool = True,
    started: StartedScript | None = None,
    started_smoke: StartedSmoke | None = None,
) -> ProbeSnapshot:
    """Everything the environment probe can see: one run of the probe script, then (with
    ``inputs`` and unless ``smoke`` is false) the engine smoke run in its own process.

    ``started`` is the probe script already running under ``python`` (see ``start_script``),
    ``started_smoke`` the smoke script (see ``start_smoke``); one not needed is abandoned.
    Raises ``ProbeError`` when the interpreter cannot be probed; a caller that wants to keep that
    as evidence can store the message in ``ProbeSnapshot.errors`` itself.
    """
    chosen_host = inputs.host if inputs is not None else host
    request: dict[str, Any] = {"scan": True, "packages": reported_distributions()}
    if inputs is not None:
        request["preflight"] = inputs.to_request()
    taken_at = datetime.now(UTC).replace(microsecond=0)  # to the second, like every stamp
    interpreter = started.interpreter if started is not None else resolve_interpreter(python)
    if started_smoke is not None and (inputs is None or not smoke):
        started_smoke.abandon()  # no smoke run follows
        started_smoke = None
    if started_smoke is not None and inputs is not None:
        # The smoke request as it will be unless the probe finds an engine's library missing
        # (run_smoke then starts afresh): sent now, the smoke run goes on beside the preflight.
        started_smoke.send(smoke_request(inputs))
    try:
        answer = run_target_script(interpreter, request, timeout, started)
    except BaseException:
        if started_smoke is not None:
            started_smoke.abandon()
        raise
    with answer_shape(interpreter, "the probe"):
        environment = _environment(answer)
        snapshot = ProbeSnapshot(
            taken_at=taken_at,
            environment=environment,
            hosts=host_verdicts(environment.packages, environment.python_version, chosen_host),
        )
    if inputs is not None:
        blocked = nothing_runs(interpreter, inputs, environment)
        too_old = unsupported_python(environment.python_version) is not None
        with answer_shape(interpreter, "the probe"):
            snapshot.preflight = _preflight_result(
                answer.get("preflight") or {},
                inputs,
                environment.packages,
                interpreter,
                blocked,
                too_old,
            )
        if smoke:
            snapshot.smoke = run_smoke(
                interpreter,
                inputs,
                blocked,
                packages=environment.packages,
                started=started_smoke,
            )
    return snapshot
