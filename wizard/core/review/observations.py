"""Typed results of probes and scans: the evidence the evaluation weighs.

These are plain data. The probe (target interpreter, preflight) and the project scan fill them;
the review stores the last snapshot; the evaluation reads it. Nothing here runs anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Verdict = Literal["primary", "minimum", "in-range", "untested-newer", "unsupported", "missing"]
CheckState = Literal["passed", "warning", "failed"]


class Strict(BaseModel):
    """Base for every stored structure: unknown keys are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class HostVerdict(Strict):
    """Where one host's installed tuple sits on the support matrix."""

    name: str
    version: str | None = None
    verdict: Verdict
    reason: str
    doc: str = "docs/compatibility.md"


class EnvironmentFacts(Strict):
    """What the target interpreter is and which relevant distributions it has installed."""

    executable: str
    python_version: str
    implementation: str = "CPython"
    packages: dict[str, str] = Field(default_factory=dict)


class PreflightCheck(Strict):
    """One check of the shared preflight, or one the wizard adds to cover its known gaps."""

    name: str
    status: CheckState
    message: str
    origin: Literal["run_preflight", "wizard"] = "run_preflight"


class PreflightResult(Strict):
    """The outcome of the real ``run_preflight`` in the target interpreter, plus our own gap checks.

    ``ran`` is false when it could not run (package missing, interpreter broken); ``error`` then
    says why and ``compatible`` is None. Never fabricated: absent means absent.
    """

    ran: bool
    compatible: bool | None = None
    checks: list[PreflightCheck] = Field(default_factory=list)
    engine_name: str | None = None
    engine_version: str | None = None
    source_kind: str | None = None
    requires_connection: bool | None = None
    error: str | None = None


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


class SettingFinding(Strict):
    """A retry / timeout / cache / SLA / fail-semantics setting found in the project."""

    file: str
    line: int
    kind: str
    value: str
    item: str
    misleading: str | None = None
    rule: str | None = None


class ProjectScan(Strict):
    """What the scan of the pipeline project folder found."""

    root: str
    hosts_detected: list[str] = Field(default_factory=list)
    secrets: list[SecretFinding] = Field(default_factory=list)
    settings: list[SettingFinding] = Field(default_factory=list)
    files_scanned: int = 0
    notes: list[str] = Field(default_factory=list)
    # Per host, the markers that made the scan recognise it (files, imports), for explanations.
    host_signals: dict[str, list[str]] = Field(default_factory=dict)


class ProbeSnapshot(Strict):
    """Everything the probes saw at one moment; stored in the review, compared on re-open."""

    taken_at: datetime
    environment: EnvironmentFacts | None = None
    hosts: list[HostVerdict] = Field(default_factory=list)
    preflight: PreflightResult | None = None
    scan: ProjectScan | None = None
    errors: list[str] = Field(default_factory=list)
    # The answers the preflight ran with (engine and the preflight inputs); a live answer that
    # differs makes the preflight outdated. Absent in snapshots taken before it was recorded.
    inputs: dict[str, str | bool | float | list[str]] = Field(default_factory=dict)
