"""The pydantic twins of the support matrix and the reporting levels (see ``wizard.core.plain``).

The wizard reads both files into the frozen dataclasses of ``kb.matrix`` and ``kb.reporting``;
these models judge only what the strict pass there cannot vouch for, so a broken install is
still reported as before.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.wording import doc_url

ItemStatus = Literal["pass", "warn", "fail", "open", "waived"]


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PythonLine(_Facts):
    minimum: str
    primary: str
    canary: str


class OrchestrationFacts(_Facts):
    distribution: str
    install: str


class TruthoundFacts(_Facts):
    distribution: str
    package_range: str
    runtime_range: str
    install: str
    doc: str


class TestedTuple(_Facts):
    version: str
    python: str


class DbtCore(_Facts):
    range: str
    primary: str
    primary_adapter: str
    primary_adapter_version: str
    primary_python: str


class DbtAdapter(_Facts):
    distribution: str
    range: str
    executed: bool = False


class HostFacts(_Facts):
    label: str
    distributions: list[str]
    doc: str
    install: str
    minimum: TestedTuple | None = None
    primary: TestedTuple | None = None
    version_anchor: bool = True
    minimum_note: str | None = None
    extra_note: str | None = None
    anchorless_note: str | None = None
    core: DbtCore | None = None
    adapters: dict[str, DbtAdapter] = Field(default_factory=dict)


class EngineFacts(_Facts):
    label: str
    aliases: list[str]
    distribution: str
    unsupported: list[str]
    doc: str
    install: str
    tested_range: str | None = None


class SupportMatrix(_Facts):
    schema_version: int
    upstream_release: str
    general_doc: str
    python: PythonLine
    orchestration: OrchestrationFacts
    truthound: TruthoundFacts
    hosts: dict[str, HostFacts]
    engines: dict[str, EngineFacts]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Frozen):
    id: str
    title: str
    claim: str
    items: tuple[str, ...] = ()
    accept: tuple[ItemStatus, ...] = ("pass", "waived")
    ready: bool = False
    approved: bool = False

    @property
    def has_requirements(self) -> bool:
        return bool(self.items) or self.ready or self.approved


class Guides(_Frozen):
    base_url: str

    def url(self, doc: str) -> str:
        """The upstream page of a guide path such as ``docs/common/metrics.md``."""
        return doc_url(doc)


class Reporting(_Frozen):
    guides: Guides
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _levels_make_sense(self) -> Reporting:
        if not self.levels:
            raise ValueError("at least one [[level]] is needed")
        if self.levels[0].has_requirements:
            raise ValueError(f"level {self.levels[0].id}: the first level is the floor")
        ids = [level.id for level in self.levels]
        if len(ids) != len(set(ids)):
            raise ValueError("level ids must be unique")
        known = {item.id for item in load_knowledge().items}
        for level in self.levels:
            for item in level.items:
                if item not in known:
                    raise ValueError(f"level {level.id}: unknown item {item!r}")
        if not self.guides.base_url.startswith(("https://", "http://")):
            raise ValueError("guides.base_url must be an absolute http(s) URL")
        return self

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)
