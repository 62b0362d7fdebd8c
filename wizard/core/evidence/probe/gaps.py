"""Checks the wizard adds because the shared preflight is silent on them.

Each one covers a documented blind spot of ``run_preflight`` in truthound-orchestration 3.x that
only the probed interpreter can show: advanced-tier engines resolve (as version 0.0.0) without
their library, the Truthound version is never compared with the adapter's range, fallback
engines are never looked at, and the resolver's string sniffing can quietly turn SQL or table
names into sources that "need no connection". Judgements that the answers alone decide (Windows
paths, http(s) sources, what a fallback chain cannot run) are the evaluation's, in
``wizard.core.evaluation.rules``, and are not repeated here. All checks are pure functions of
plain data, marked ``origin="wizard"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from wizard.core.evaluation.rules.source import is_windows_drive_path
from wizard.core.evaluation.support import truthound_verdict
from wizard.core.evidence.probe.inputs import IN_MEMORY_KINDS, SQL_KINDS, PreflightInputs
from wizard.core.kb import ids
from wizard.core.kb.matrix import canonical_engine, engine_facts
from wizard.core.review.observations import CheckState, PreflightCheck
from wizard.core.safety.credentials import quoted


def _check(name: str, status: CheckState, message: str) -> PreflightCheck:
    return PreflightCheck(name=name, status=status, message=message, origin="wizard")


def _library_check(name: str, engine: str, packages: Mapping[str, str]) -> PreflightCheck:
    """Is the library behind a built-in engine installed (and, for Truthound, in range)?"""
    canonical = canonical_engine(engine)
    if canonical is None:
        return _check(
            name,
            "warning",
            f"{quoted(engine)} is not a built-in engine, so the wizard cannot tell which library "
            "it needs; rely on the preflight's engine_runtime check and test a real check() run.",
        )
    if canonical == "truthound":
        ok, reason = truthound_verdict(packages)
        return _check(name, "passed" if ok else "failed", reason)
    facts = engine_facts(canonical)
    installed = packages.get(facts.distribution)
    if installed is None:
        return _check(
            name,
            "failed",
            f"{facts.distribution} is not installed. The shared preflight still resolves "
            f"{canonical} (as version 0.0.0) and passes, but every check() would fail with "
            f"'not installed'. Run `{facts.install}` in the target interpreter; read {facts.doc}.",
        )
    if facts.tested_range is not None:
        try:
            tested = SpecifierSet(facts.tested_range).contains(Version(installed), prereleases=True)
        except InvalidVersion:
            tested = False
        if not tested:
            return _check(
                name,
                "warning",
                f"{facts.distribution} {installed} is installed, but the nightly advanced-tier "
                f"smoke only covers {facts.tested_range}; read {facts.doc}.",
            )
    return _check(name, "passed", f"{facts.distribution} {installed} is installed.")


def engine_checks(inputs: PreflightInputs, packages: Mapping[str, str]) -> list[PreflightCheck]:
    """Library, Truthound range and fallback checks: everything decided by installed versions."""
    primary = canonical_engine(inputs.engine) or inputs.engine
    checks = [
        _library_check(
            "truthound_runtime" if primary == "truthound" else "engine_library",
            inputs.engine,
            packages,
        )
    ]
    wants_truthound = primary == "truthound" or any(
        canonical_engine(name) == "truthound" for name in inputs.fallback_engines
    )
    if wants_truthound and primary != "truthound":
        checks.append(_library_check("truthound_runtime", "truthound", packages))
    operations = {operation.strip().lower() for operation in inputs.operations}
    for name in inputs.fallback_engines:
        checks.append(_library_check(f"fallback_engine:{name}", name, packages))
        canonical = canonical_engine(name)
        if canonical is None:
            continue
        missing = sorted(operations & set(engine_facts(canonical).unsupported))
        if missing:
            checks.append(
                _check(
                    f"fallback_capability:{name}",
                    "failed",
                    f"fallback engine {name} cannot run {', '.join(missing)}; whenever the chain "
                    "falls back to it those operations fail. Drop it from the chain or stop "
                    "requiring them.",
                )
            )
    return checks


def source_checks(
    inputs: PreflightInputs, read_as_data: Mapping[str, Any] | None
) -> list[PreflightCheck]:
    """Where the answered source shape and the resolver's own reading of the text disagree.

    ``read_as_data`` is what the real resolver in the target interpreter made of the reference
    when given as plain ``data=`` (kind, requires_connection, scheme), or None if unknown.
    """
    kind = inputs.source_kind
    reference = inputs.source_reference
    if kind in IN_MEMORY_KINDS:
        return [
            _check(
                "source_shape",
                "passed",
                f"{kind} sources need no connection; an in-memory {kind} cannot be handed to a "
                "probe in another interpreter, so the preflight ran without a source.",
            )
        ]
    if reference is None:
        if kind is None:
            return []
        return [
            _check(
                "source_shape",
                "warning",
                f"no production source is answered for this {kind} source, so the preflight ran "
                "without one and could not check source_resolution. Answer source.reference.",
            )
        ]
    if is_windows_drive_path(reference) and kind in {"local_path", "remote_uri"}:
        return []  # the evaluation's source rule says what is wrong with it
    seen = None if read_as_data is None else read_as_data.get("kind")
    if kind in SQL_KINDS and seen is not None and seen != "sql":
        what = "SQL statement" if kind == "sql" else "warehouse relation"
        if inputs.connection is None:
            needs = bool(read_as_data and read_as_data.get("requires_connection"))
            reading = (
                f"as a {seen}, which also requires a connection or profile"
                if needs
                else f"as a plain {seen} that needs no connection, so a host passing it as "
                "data= skips the connection check"
            )
            return [
                _check(
                    "source_shape",
                    "failed",
                    f"{quoted(reference)} is a {what}; the shared resolver reads it {reading}. The "
                    f"wizard passed it as sql=; with no connection or profile answered "
                    f"({ids.SOURCE_CONNECTION}) it cannot be read in production. Name the "
                    "connection id or profile that grants access.",
                )
            ]
        seen_as = (
            f"reads as a {seen} on its own"
            if read_as_data and read_as_data.get("requires_connection")
            else "the resolver would not recognise on its own"
        )
        return [
            _check(
                "source_shape",
                "passed",
                f"{quoted(reference)} is a {what} that {seen_as}; it was passed as sql= with "
                f"{inputs.connection_keyword} {quoted(inputs.connection)}. Production code must "
                "pass it the same way, not as data=.",
            )
        ]
    if kind == "local_path" and seen not in {None, "local_path"}:
        return [
            _check(
                "source_shape",
                "warning",
                f"{quoted(reference)} is answered as a local path, but the shared resolver reads "
                f"it as {seen}. Give it a leading ./ or / or its file suffix so it loads as a "
                "file.",
            )
        ]
    if kind == "remote_uri" and seen not in {None, "remote_uri"}:
        return [
            _check(
                "source_shape",
                "warning",
                f"{quoted(reference)} is answered as a remote URI, but the shared resolver reads "
                f"it as {seen}. Use a full scheme://... URI.",
            )
        ]
    return []
