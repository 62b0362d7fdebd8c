"""Readiness levels and the guides' site, loaded from ``reporting.toml``.

Typed and checked here (unknown keys, unknown items, a floor with requirements are errors at
load time); the judgement of which level a review holds is ``wizard.core.evaluation.levels``.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.registry import kb_bytes
from wizard.core.kb.wording import doc_url
from wizard.core.tomlfile import loads_toml

REPORTING_FILE = "reporting.toml"
ItemStatus = Literal["pass", "warn", "fail", "open", "waived"]


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


@cache
def load_reporting() -> Reporting:
    data = loads_toml(kb_bytes(REPORTING_FILE).decode("utf-8"))
    try:
        return Reporting(guides=data.get("guides", {}), levels=data.get("level", []))
    except ValueError as error:
        raise ValueError(f"{REPORTING_FILE}: {error}") from None
