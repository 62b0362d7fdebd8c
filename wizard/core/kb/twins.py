"""The pydantic twins of the support matrix and the reporting levels (see ``wizard.core.plain``).

The wizard reads both files into the frozen records of ``kb.matrix`` and ``kb.reporting``; the
twins, generated from those records (``wizard.core.plain_twins``), judge only what the strict
pass cannot vouch for, so a broken install is still reported as before. Written here is only
the reporting levels' validator, whose yes-or-no form is ``Reporting._strict_ok``.
"""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

import wizard.core.kb.matrix  # noqa: F401 (registers the matrix records this module twins)
from wizard.core.kb import reporting
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.plain_twins import Frozen, as_record, build_twins


class _ReportingRules(Frozen):
    @model_validator(mode="after")
    def _levels_make_sense(self) -> Self:
        # Read through the record, whose levels know whether they have requirements.
        made: reporting.Reporting = as_record(self)
        if not made.levels:
            raise ValueError("at least one [[level]] is needed")
        if made.levels[0].has_requirements:
            raise ValueError(f"level {made.levels[0].id}: the first level is the floor")
        ids = [level.id for level in made.levels]
        if len(ids) != len(set(ids)):
            raise ValueError("level ids must be unique")
        known = {item.id for item in load_knowledge().items}
        for level in made.levels:
            for item in level.items:
                if item not in known:
                    raise ValueError(f"level {level.id}: unknown item {item!r}")
        if not made.guides.base_url.startswith(("https://", "http://")):
            raise ValueError("guides.base_url must be an absolute http(s) URL")
        return self


globals().update(build_twins(__name__, {"Reporting": _ReportingRules}))
