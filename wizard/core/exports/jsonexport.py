"""The JSON export: the export document itself, with its section digests and a schema."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from wizard.core.exports.sections import json_section_digests
from wizard.core.kb.registry import engine_ids, host_ids

SCHEMA_FILE = "readiness-export-v1.json"


def render_json(doc: dict[str, Any]) -> str:
    with_sections = {**doc, "sections": json_section_digests(doc)}
    return json.dumps(with_sections, indent=2, ensure_ascii=False) + "\n"


def _shipped_schema() -> dict[str, Any]:
    text = resources.files("wizard.core.exports").joinpath("schema", SCHEMA_FILE)
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


@cache
def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export.

    The host and engine enums come from the registries, so a new host is valid in exports at
    once; the shipped copy (and docs/schema/) is regenerated with ``scripts/export_schema.py``
    and a test keeps it identical to this.
    """
    schema = _shipped_schema()
    schema["properties"]["host"] = {"enum": list(host_ids())}
    schema["properties"]["engine"] = {"enum": list(engine_ids())}
    return schema


def schema_text() -> str:
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"
