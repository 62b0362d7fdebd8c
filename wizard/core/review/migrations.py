"""Upgrading review files written under an older schema to the current one.

Schema 0 is the hand-written form: no ``schema_version``, answers given as bare values
(``"source.kind" = "sql"``) and waivers with ``until`` instead of ``expires``. It is what an
operator types into a runbook before ever running the wizard; migrating it records each bare
value as an attested answer by ``migration`` at the file's ``updated`` time (or now).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _from_0(data: dict[str, Any]) -> dict[str, Any]:
    upgraded = dict(data)
    stamp = data.get("updated") or datetime.now(UTC).replace(microsecond=0)
    upgraded.setdefault("created", stamp)
    upgraded.setdefault("updated", stamp)
    answers: dict[str, Any] = {}
    for question_id, value in dict(data.get("answers", {})).items():
        if isinstance(value, dict):
            answers[question_id] = value
        else:
            answers[question_id] = {
                "value": value,
                "provenance": "attested",
                "by": "migration",
                "at": stamp,
            }
    upgraded["answers"] = answers
    waivers = []
    for waiver in data.get("waivers", []):
        if isinstance(waiver, dict) and "until" in waiver and "expires" not in waiver:
            waiver = {
                **{k: v for k, v in waiver.items() if k != "until"},
                "expires": waiver["until"],
            }
        waivers.append(waiver)
    upgraded["waivers"] = waivers
    upgraded["schema_version"] = 1
    return upgraded


MIGRATIONS: dict[int, Migration] = {0: _from_0}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply every migration from ``version`` up to the current schema, in order."""
    while version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version = int(data["schema_version"])
    return data
