"""Write the JSON export's schema (with the registry's hosts and engines) to both its copies.

Run after adding a host or engine: `.venv/bin/python scripts/export_schema.py`. A test fails
while either copy differs from what the wizard itself generates.
"""

from __future__ import annotations

from pathlib import Path

from wizard.core.exports.jsonexport import SCHEMA_FILE, schema_text

REPO = Path(__file__).resolve().parents[1]
COPIES = (
    REPO / "wizard" / "core" / "exports" / "schema" / SCHEMA_FILE,
    REPO / "docs" / "schema" / SCHEMA_FILE,
)

if __name__ == "__main__":
    text = schema_text()
    for copy in COPIES:
        copy.write_text(text, encoding="utf-8")
        print(f"wrote {copy.relative_to(REPO)}")
