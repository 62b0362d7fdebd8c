"""The `check` rule vocabulary (``check_vocabulary.toml``) as typed data.

Hosts whose rules are dbt tests name each rule with ``check``; the Python validator in the
target knows none of those names, so the rule check judges them against this list instead.
"""

from __future__ import annotations

from functools import cache

from wizard.core.kb.registry import KnowledgeDataError, kb_bytes
from wizard.core.records import Record, record
from wizard.core.tomlfile import loads_toml

VOCABULARY_FILE = "check_vocabulary.toml"


@record(frozen=True, kw_only=False)
class CheckName(Record):
    """One branch of the dispatcher: its name, the arguments it reads, its other names."""

    name: str
    needs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    note: str | None = None


@cache
def check_names() -> tuple[CheckName, ...]:
    """Every check the dispatcher accepts, in the order its error message lists them."""
    table = loads_toml(kb_bytes(VOCABULARY_FILE).decode("utf-8"))["checks"]
    found = []
    for name, entry in table.items():
        unknown = set(entry) - {"needs", "aliases", "note"}
        if unknown or "needs" not in entry:
            raise KnowledgeDataError(
                f"{VOCABULARY_FILE}: checks.{name} needs `needs` and knows no {sorted(unknown)}"
            )
        found.append(
            CheckName(
                name, tuple(entry["needs"]), tuple(entry.get("aliases", ())), entry.get("note")
            )
        )
    return tuple(found)


def find_check(name: str) -> CheckName | None:
    """The dispatcher branch ``name`` (or one of its aliases) reaches, or None."""
    return next((entry for entry in check_names() if name in (entry.name, *entry.aliases)), None)
