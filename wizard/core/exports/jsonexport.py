"""The JSON export: the export document itself, with its section digests and a schema."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from wizard.core.exports.sections import json_section_digests

SCHEMA_FILE = "readiness-export-v1.json"


def render_json(doc: dict[str, Any]) -> str:
    with_sections = {**doc, "sections": json_section_digests(doc)}
    return json.dumps(with_sections, indent=2, ensure_ascii=False) + "\n"


def schema_text() -> str:
    """The JSON Schema (draft 2020-12) of the JSON export, as shipped in the package."""
    return (
        resources.files("wizard.core.exports")
        .joinpath("schema", SCHEMA_FILE)
        .read_text(encoding="utf-8")
    )


@cache
def export_schema() -> dict[str, Any]:
    return json.loads(schema_text())
