"""Section digests inside exports, so a damaged export can say *where* it no longer matches.

A detached SSH signature tells that an export changed, not where. So every export also carries
the digest of each of its sections:

- text formats (Markdown, HTML, JUnit XML) end each section with a comment marker
  ``<!-- trr-section NAME sha256:<16 hex> -->`` holding the digest of the bytes since the
  previous marker; the sections tile the whole file, so every byte belongs to one;
- the JSON export holds a ``sections`` table: the digest of the canonical JSON of each top-level
  member (each item separately).

The digests are diagnostics, not security: whoever edits a section can also edit its digest.
The signature over the exact bytes is what proves integrity; the digests name the damage.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

_MARKER = re.compile(
    rb"<!-- trr-section (?P<name>[A-Za-z0-9_.:/-]+) sha256:(?P<digest>[0-9a-f]{16}) -->\n"
)
DIGEST_LENGTH = 16


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def marker(name: str, body: str) -> str:
    return f"<!-- trr-section {name} sha256:{digest(body.encode('utf-8'))} -->\n"


def assemble(chunks: list[tuple[str, str]]) -> str:
    """Join named chunks, each followed by its marker."""
    return "".join(body + marker(name, body) for name, body in chunks)


@dataclass(frozen=True)
class SectionDamage:
    """One section whose bytes no longer match its digest."""

    name: str
    start: int
    end: int
    first_line: int
    last_line: int
    note: str = ""

    def describe(self) -> str:
        where = f"bytes {self.start}-{self.end - 1}, lines {self.first_line}-{self.last_line}"
        return f"section {self.name!r} ({where}) no longer matches its digest{self.note}"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_text_sections(data: bytes) -> tuple[int, list[str]]:
    """(sections found, problems) for a Markdown / HTML / XML export."""
    problems: list[str] = []
    cursor = 0
    found = 0
    for match in _MARKER.finditer(data):
        found += 1
        body = data[cursor : match.start()]
        if digest(body) != match.group("digest").decode():
            name = match.group("name").decode()
            note = ""
            if b"trr-section" in body:
                note = " (it also contains a damaged section marker)"
            damage = SectionDamage(
                name,
                cursor,
                match.start(),
                _line_of(data, cursor),
                _line_of(data, max(cursor, match.start() - 1)),
                note,
            )
            problems.append(damage.describe())
        cursor = match.end()
    if found == 0:
        problems.append(
            "no section markers found: this is not an export of truthound-readiness, or it was "
            "rewritten as a whole"
        )
    elif cursor < len(data):
        problems.append(
            f"{len(data) - cursor} bytes after the last section (from byte {cursor}, line "
            f"{_line_of(data, cursor)}) were added"
        )
    return found, problems


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def json_section_digests(document: dict[str, Any]) -> dict[str, str]:
    """Digests of a JSON export's members; each item is its own section."""
    table: dict[str, str] = {}
    for key, value in document.items():
        if key == "sections":
            continue
        if key == "items" and isinstance(value, list):
            for item in value:
                name = item.get("id", "?") if isinstance(item, dict) else "?"
                table[f"items/{name}"] = digest(canonical_json(item))
        else:
            table[key] = digest(canonical_json(value))
    return table


def check_json_sections(data: bytes) -> tuple[int, list[str]]:
    """(sections found, problems) for a JSON export."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        return 0, [f"not UTF-8 any more: byte {error.start} is invalid"]
    except json.JSONDecodeError as error:
        return 0, [
            f"no longer valid JSON: {error.msg} at line {error.lineno}, column {error.colno} "
            f"(byte {error.pos})"
        ]
    if not isinstance(document, dict) or not isinstance(document.get("sections"), dict):
        return 0, ["no `sections` table: this is not a JSON export of truthound-readiness"]
    recorded: dict[str, Any] = document["sections"]
    actual = json_section_digests(document)
    problems = []
    for name in sorted(set(recorded) | set(actual)):
        if name not in actual:
            problems.append(f"member {name!r} is missing (or its name was changed)")
        elif name not in recorded:
            problems.append(f"member {name!r} was added (or a name was changed)")
        elif recorded[name] != actual[name]:
            problems.append(f"member {name!r} no longer matches its digest")
    return len(recorded), problems
