"""Readiness levels and the guides' site, loaded from ``reporting.toml``.

Typed and checked here (unknown keys, unknown items, a floor with requirements are errors at
load time); the judgement of which level a review holds is ``wizard.core.evaluation.levels``.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.registry import kb_bytes
from wizard.core.kb.wording import doc_url
from wizard.core.plain import Plain
from wizard.core.records import record
from wizard.core.tomlfile import loads_toml

REPORTING_FILE = "reporting.toml"
ItemStatus = Literal["pass", "warn", "fail", "open", "waived"]


class _Frozen(Plain):
    __twin_module__ = "wizard.core.kb.twins"


@record(frozen=True)
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


@record(frozen=True)
class Guides(_Frozen):
    base_url: str

    def url(self, doc: str) -> str:
        """The upstream page of a guide path such as ``docs/common/metrics.md``."""
        return doc_url(doc)


@record(frozen=True)
class Reporting(_Frozen):
    guides: Guides
    levels: tuple[Level, ...]

    def _strict_ok(self) -> bool:
        # The twin's validator as yes or no; a no lets the twin say what is wrong.
        ids = [level.id for level in self.levels]
        known = {item.id for item in load_knowledge().items}
        return (
            bool(self.levels)
            and not self.levels[0].has_requirements
            and len(ids) == len(set(ids))
            and all(item in known for level in self.levels for item in level.items)
            and self.guides.base_url.startswith(("https://", "http://"))
        )

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)


@cache
def load_reporting() -> Reporting:
    data = loads_toml(kb_bytes(REPORTING_FILE).decode("utf-8"))
    try:
        return Reporting.model_validate(
            {"guides": data.get("guides", {}), "levels": data.get("level", [])}
        )
    except ValueError as error:
        raise ValueError(f"{REPORTING_FILE}: {error}") from None
