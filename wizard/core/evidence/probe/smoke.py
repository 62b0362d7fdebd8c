"""The engine smoke run, wizard side: what to ask ``smoke_script.py`` and how to keep its answer.

The preflight asks an engine what it claims; the smoke run makes it do it. Each engine of the
review (the primary and every fallback) is created in the target interpreter the way the host
adapter creates it, and called once per operation the review requires (always ``check``) on a
tiny frame made in place. Operations an engine's capability matrix already rules out are not
called: the preflight and the evaluation say that once.

The run happens in an empty temporary working directory (Truthound's zero-config check writes
``.truthound/`` into the working directory), with ``PYTHONDONTWRITEBYTECODE=1`` and time limits
per call and for the whole run; what the engines wrote there is reported and then deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from wizard.core.evidence.probe.inputs import PreflightInputs
from wizard.core.evidence.probe.runner import (
    ProbeError,
    StartedSmoke,
    answer_shape,
    finish_script,
    start_smoke,
)
from wizard.core.kb import ids
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.matrix import canonical_engine, load_matrix
from wizard.core.kb.registry import HostSmoke, host
from wizard.core.kb.registry import engine as engine_entry
from wizard.core.review.observations import SmokeCheck, SmokeRun
from wizard.core.safety.credentials import redact, redact_value

CALL_TIMEOUT = 30.0
# The frame the script builds has an `id` column; engines that read rule dicts get this one.
SMOKE_RULES = [{"type": "not_null", "column": "id"}]
_MAX_WRITES = 20


def smoke_operations() -> tuple[str, ...]:
    """The operations a smoke call exists for: the choices of the operations question."""
    question = load_knowledge().question(ids.ENGINE_OPERATIONS)
    return tuple(choice.value for choice in question.choices) if question else ("check",)


def _engine_spec(name: str, role: str, wanted: list[str]) -> dict[str, Any]:
    canonical = canonical_engine(name)
    if canonical is None:  # a custom engine: only the library knows what it can do
        return {"name": name, "role": role, "operations": wanted, "rules": SMOKE_RULES}
    entry = engine_entry(canonical)
    operations = [operation for operation in wanted if operation not in entry.unsupported]
    rules = None if entry.ignores_rules else SMOKE_RULES
    return {"name": canonical, "role": role, "operations": operations, "rules": rules}


def _installed(name: str, packages: Mapping[str, str] | None) -> bool:
    """Whether a built-in engine's library is there; a custom engine is left to the library."""
    canonical = canonical_engine(name)
    if packages is None or canonical is None:
        return True
    return engine_entry(canonical).distribution in packages


def smoke_request(
    inputs: PreflightInputs,
    call_timeout: float = CALL_TIMEOUT,
    packages: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The request for ``smoke_script.py``: engines, operations and the host's creation recipe.

    An engine whose library is not installed is left out: the preflight's engine_library and
    fallback_engine checks already fail it, and its calls could only repeat "not installed".
    """
    callable_operations = smoke_operations()
    requested = [op.strip().lower() for op in inputs.operations]
    wanted = ["check", *[op for op in requested if op in callable_operations and op != "check"]]
    wanted = list(dict.fromkeys(wanted))
    roles = [(inputs.engine, "primary"), *((name, "fallback") for name in inputs.fallback_engines)]
    engines = [
        _engine_spec(name, role, wanted) for name, role in roles if _installed(name, packages)
    ]
    recipe = _recipe(inputs.host)
    minimum = load_matrix().python.minimum
    return {
        "engines": engines,
        "platform": inputs.host,
        "create_overrides": {} if recipe is None else dict(recipe.create),
        "stream_kwargs": {} if recipe is None else dict(recipe.stream),
        "timeout": call_timeout,
        "min_python": [int(part) for part in minimum.split(".")[:2]],
    }


def _recipe(host_id: str | None) -> HostSmoke | None:
    if host_id is None:
        return None
    try:
        return host(host_id).smoke
    except KeyError:
        return None


def _not_run(request: Mapping[str, Any], error: str) -> SmokeRun:
    """A smoke run that could not happen, said plainly on a row per engine (never a pass)."""
    rows = [
        SmokeCheck(
            engine=str(spec["name"]),
            role=spec["role"],
            operation="check",
            ran=False,
            message=f"the engine smoke run could not run: {error}",
        )
        for spec in request["engines"]
    ]
    return SmokeRun(ran=False, error=error, checks=rows)


def _writes(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        found.append(path.relative_to(folder).as_posix() + ("/" if path.is_dir() else ""))
    return found[:_MAX_WRITES]


def _row(raw: Mapping[str, Any]) -> SmokeCheck:
    passed = raw.get("passed")
    return SmokeCheck(
        engine=str(raw.get("engine") or "?"),
        role="fallback" if raw.get("role") == "fallback" else "primary",
        operation=str(raw.get("operation") or "?"),
        ran=bool(raw.get("ran")),
        passed=None if not raw.get("ran") else bool(passed),
        message=redact(str(raw.get("message") or "")),
    )


def run_smoke(
    interpreter: str,
    inputs: PreflightInputs,
    cannot_run: str | None,
    call_timeout: float = CALL_TIMEOUT,
    packages: Mapping[str, str] | None = None,
    started: StartedSmoke | None = None,
) -> SmokeRun:
    """Create the review's engines in ``interpreter`` and call each required operation.

    ``cannot_run`` is the reason the probe already knows it is pointless (the library is not
    installed, the Python is too old); the result then says so instead of running anything.
    ``packages`` (what the probe found installed) leaves out engines without their library.
    ``started`` is the smoke script already running (``start_smoke``); it is used or, when
    nothing is to run, abandoned.
    """
    request = smoke_request(inputs, call_timeout, packages if cannot_run is None else None)
    if cannot_run is not None or not request["engines"]:
        if started is not None:
            started.abandon()
        if cannot_run is not None:
            return _not_run(request, cannot_run)
        return SmokeRun(ran=True)  # no engine with its library: the preflight says so
    calls = sum(len(spec["operations"]) + 2 for spec in request["engines"])
    if started is not None and started.sent is not None and started.sent != request:
        # Sent ahead of the probe's answer, it asked for an engine whose library the probe
        # then found missing: its answer could differ, so run again with the real request.
        started.abandon()
        started = None
    try:
        if started is None:
            started = start_smoke(interpreter, warm=False)
    except ProbeError as error:
        return _not_run(request, error.message)
    try:
        answer = finish_script(
            started.script,
            None if started.sent is not None else request,
            30.0 + call_timeout * calls,
            what="the engine smoke run",
        )
        writes = _writes(started.workdir)
    except ProbeError as error:
        return _not_run(request, error.message)
    finally:
        started.abandon()
    return _answered(interpreter, request, answer, writes)


def _answered(
    interpreter: str, request: dict[str, Any], answer: dict[str, Any], writes: list[str]
) -> SmokeRun:
    with answer_shape(interpreter, "the engine smoke run"):
        answer = cast(dict[str, Any], redact_value(answer))
        if not answer.get("ran"):
            return _not_run(request, str(answer.get("error") or "no reason given"))
        versions = {
            str(facts["engine"]): str(facts["version"])
            for facts in answer.get("engines") or []
            if facts.get("version")
        }
        return SmokeRun(
            ran=True,
            error=answer.get("error"),
            checks=[_row(raw) for raw in answer.get("rows") or []],
            engine_versions=versions,
            failed_module_loads=int(answer.get("failed_module_loads") or 0),
            workdir_writes=writes,
        )
