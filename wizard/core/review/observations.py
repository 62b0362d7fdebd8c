"""Typed results of probes and scans: the evidence the evaluation weighs.

These are plain dataclasses (``wizard.core.plain``); their pydantic twins, which judge any data
the strict pass cannot vouch for, are in ``wizard.core.review.twins.observations``. The probe
(target interpreter, preflight) and the project scan fill them; the review stores the last
snapshot; the evaluation reads it. Nothing here runs anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from wizard.core.plain import EXCLUDED, Plain
from wizard.core.records import field, record

Verdict = Literal["primary", "minimum", "in-range", "untested-newer", "unsupported", "missing"]
CheckState = Literal["passed", "warning", "failed"]


class Strict(Plain):
    """Base for every stored structure: unknown keys are an error, not silently dropped."""

    __twin_module__ = "wizard.core.review.twins.observations"


@record()
class HostVerdict(Strict):
    """Where one host's installed tuple sits on the support matrix."""

    name: str
    version: str | None = None
    verdict: Verdict
    reason: str
    doc: str = "docs/compatibility.md"


@record()
class EnvironmentFacts(Strict):
    """What the target interpreter is and which relevant distributions it has installed."""

    executable: str
    python_version: str
    implementation: str = "CPython"
    packages: dict[str, str] = field(default_factory=dict)


@record()
class PreflightCheck(Strict):
    """One check of the shared preflight, or one the wizard adds to cover its known gaps."""

    name: str
    status: CheckState
    message: str
    origin: Literal["run_preflight", "wizard"] = "run_preflight"


@record()
class PreflightResult(Strict):
    """The outcome of the real ``run_preflight`` in the target interpreter, plus our own gap checks.

    ``ran`` is false when it could not run (package missing, interpreter broken); ``error`` then
    says why and ``compatible`` is None. Never fabricated: absent means absent.
    """

    ran: bool
    compatible: bool | None = None
    checks: list[PreflightCheck] = field(default_factory=list)
    engine_name: str | None = None
    engine_version: str | None = None
    source_kind: str | None = None
    requires_connection: bool | None = None
    error: str | None = None


@record()
class SecretFinding(Strict):
    """A credential found in a tracked project file. The value itself is never kept."""

    file: str
    line: int
    kind: str
    fingerprint: str
    redacted: str = ""
    allowed_by: str | None = None
    # Which scan rule produced it (see docs/scan.md), and why it was allowed when it was.
    rule: str | None = None
    allowed_reason: str | None = None


@record()
class SettingFinding(Strict):
    """A retry / timeout / cache / SLA / fail-semantics setting found in the project."""

    file: str
    line: int
    kind: str
    value: str
    item: str
    misleading: str | None = None
    rule: str | None = None


@record()
class RuleSource(Strict):
    """A list of rule definitions found in the project, where it was written and for whom.

    Held only while evidence is gathered (the rule check reads it); the review stores the
    check's findings, not the raw rules.
    """

    file: str
    line: int
    # "type": the common rule-dict vocabulary; "check": dbt's test vocabulary.
    vocabulary: Literal["type", "check"] = "type"
    engine: str | None = None
    rules: list[Any] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@record()
class ProjectScan(Strict):
    """What the scan of the pipeline project folder found."""

    root: str
    hosts_detected: list[str] = field(default_factory=list)
    secrets: list[SecretFinding] = field(default_factory=list)
    settings: list[SettingFinding] = field(default_factory=list)
    files_scanned: int = 0
    notes: list[str] = field(default_factory=list)
    # Per host, the markers that made the scan recognise it (files, imports), for explanations.
    host_signals: dict[str, list[str]] = field(default_factory=dict)
    # The rule definitions found, for the rule check; never written to the review file.
    rule_sources: list[RuleSource] = field(default_factory=list, metadata=EXCLUDED)
    # Python and YAML files whose rules could not be read because they do not parse.
    rules_unreadable: list[str] = field(default_factory=list, metadata=EXCLUDED)


@record()
class SmokeCheck(Strict):
    """One real call of an engine operation in the target interpreter (or why none was made)."""

    engine: str
    role: Literal["primary", "fallback"] = "primary"
    operation: str
    ran: bool
    # None when it did not run; otherwise whether the engine returned a usable result.
    passed: bool | None = None
    message: str


@record()
class SmokeRun(Strict):
    """The engine smoke run: each engine created the way the host does, each operation called."""

    ran: bool
    error: str | None = None
    checks: list[SmokeCheck] = field(default_factory=list)
    engine_versions: dict[str, str] = field(default_factory=dict)
    # Truthound validator modules that failed to load (numpy missing): information, not failure.
    failed_module_loads: int = 0
    # What the engines wrote into the run's working directory (zero-config promises nothing).
    workdir_writes: list[str] = field(default_factory=list)


@record()
class RuleFinding(Strict):
    """The target's own rule validator on one rule definition found in the project."""

    file: str
    line: int
    engine: str
    rule: str
    valid: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The engine receiving it never reads rule dicts (Truthound runs its own validators).
    ignored: bool = False


@record()
class RuleCheck(Strict):
    """Every rule definition the project holds, judged for the engine that receives it."""

    ran: bool
    error: str | None = None
    engine: str
    validator: str | None = None
    findings: list[RuleFinding] = field(default_factory=list)
    # The same rule (type and column) written with different parameters in different places.
    differing: list[str] = field(default_factory=list)
    files_read: int = 0
    not_inspected: list[str] = field(default_factory=list)


@record()
class LoadError(Strict):
    """A file the host's own loader could not load, at the line its traceback points to."""

    file: str | None = None
    line: int | None = None
    kind: str
    message: str
    # The file the host was loading when the error surfaced (a DAG importing a broken helper).
    reported_for: str | None = None


@record()
class ProjectLoad(Strict):
    """The project loaded by the host's own machinery (opt-in: it runs project code)."""

    host: str
    ran: bool
    error: str | None = None
    loader: str | None = None
    loaded: list[str] = field(default_factory=list)
    import_errors: list[LoadError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    project_writes: list[str] = field(default_factory=list)


@record()
class ProbeSnapshot(Strict):
    """Everything the probes saw at one moment; stored in the review, compared on re-open."""

    taken_at: datetime
    environment: EnvironmentFacts | None = None
    hosts: list[HostVerdict] = field(default_factory=list)
    preflight: PreflightResult | None = None
    smoke: SmokeRun | None = None
    scan: ProjectScan | None = None
    rules: RuleCheck | None = None
    load: ProjectLoad | None = None
    errors: list[str] = field(default_factory=list)
    # The answers the preflight ran with (engine and the preflight inputs); a live answer that
    # differs makes the preflight outdated. Absent in snapshots taken before it was recorded.
    inputs: dict[str, str | bool | float | list[str]] = field(default_factory=dict)
