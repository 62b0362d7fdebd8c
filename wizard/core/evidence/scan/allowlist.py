"""Deliberate exceptions to the secret rules, always with a name and a reason.

Two forms: an inline comment on the finding's line
(``# readiness: allow-secret <who> <reason>``), and ``.readiness-allowlist.toml`` at the
project root with ``[[allow]]`` entries matching a fingerprint or a path glob. An allowed
finding stays in the result, marked with who allowed it, so the review still shows it.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from wizard.core.errors import BadInputError

ALLOWLIST_FILE = ".readiness-allowlist.toml"

_INLINE = re.compile(r"#\s*readiness:\s*allow-secret\b(?P<rest>.*)$")
_FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{12}$")


@dataclass(frozen=True)
class Allowance:
    by: str
    reason: str


@dataclass(frozen=True)
class AllowEntry:
    number: int
    by: str
    reason: str
    fingerprint: str | None = None
    path: str | None = None

    def matches(self, file: str, finding_fingerprint: str) -> bool:
        if self.fingerprint is not None and self.fingerprint != finding_fingerprint:
            return False
        # fnmatch's `*` also crosses `/`, so "tests/*" covers the whole tests tree.
        return self.path is None or fnmatch.fnmatchcase(file, self.path)

    def allowance(self) -> Allowance:
        return Allowance(self.by, f"{self.reason} ({ALLOWLIST_FILE} entry {self.number})")


def inline_allowance(line: str) -> tuple[Allowance | None, str | None]:
    """(allowance, problem) for one source line; a malformed marker allows nothing."""
    match = _INLINE.search(line)
    if not match:
        return None, None
    words = match.group("rest").split(maxsplit=1)
    if len(words) < 2:
        return None, (
            "has a '# readiness: allow-secret' comment without a name and a reason; write "
            "'# readiness: allow-secret <who> <reason>' or remove it"
        )
    return Allowance(words[0], f"{words[1].strip()} (inline comment)"), None


def load_allowlist(root: Path) -> list[AllowEntry]:
    """Read ``.readiness-allowlist.toml``; a malformed file is bad input (exit 2)."""
    path = root / ALLOWLIST_FILE
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadInputError(
            f"{path}: cannot read the secret allowlist ({error}). Fix the TOML syntax or delete "
            "the file; each entry is [[allow]] with fingerprint or path, plus by and reason."
        ) from error
    unknown = sorted(set(data) - {"allow"})
    if unknown:
        raise BadInputError(
            f"{path}: unknown top-level key(s) {', '.join(unknown)}. The allowlist holds only "
            '[[allow]] tables with fingerprint = "sha256:..." or path = "glob", by and reason.'
        )
    raw_entries = data.get("allow", [])
    if not isinstance(raw_entries, list):
        raise BadInputError(f"{path}: 'allow' must be written as [[allow]] tables, not a value.")
    return [_entry(path, number, raw) for number, raw in enumerate(raw_entries, start=1)]


def _entry(path: Path, number: int, raw: object) -> AllowEntry:
    where = f"{path}, [[allow]] entry {number}"
    if not isinstance(raw, dict):
        raise BadInputError(f"{where}: must be a table with fingerprint or path, by and reason.")
    unknown = sorted(set(raw) - {"fingerprint", "path", "by", "reason"})
    if unknown:
        raise BadInputError(
            f"{where}: unknown field(s) {', '.join(unknown)}; allowed fields are fingerprint, "
            "path, by and reason."
        )
    for field_name in ("by", "reason"):
        value = raw.get(field_name)
        if not isinstance(value, str) or not value.strip():
            raise BadInputError(
                f"{where}: field '{field_name}' is missing or empty. Every exception names who "
                'allowed it (by = "name") and why (reason = "...").'
            )
    fingerprint = raw.get("fingerprint")
    glob = raw.get("path")
    if fingerprint is None and glob is None:
        raise BadInputError(
            f'{where}: needs fingerprint = "sha256:..." (from the scan report) or '
            'path = "glob"; without either it would allow everything.'
        )
    if fingerprint is not None and (
        not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint)
    ):
        raise BadInputError(
            f"{where}: field 'fingerprint' must look like \"sha256:\" followed by 12 hex digits, "
            "exactly as the scan report prints it."
        )
    if glob is not None and (not isinstance(glob, str) or not glob.strip()):
        raise BadInputError(f"{where}: field 'path' must be a non-empty glob such as \"tests/*\".")
    return AllowEntry(
        number=number,
        by=raw["by"].strip(),
        reason=raw["reason"].strip(),
        fingerprint=fingerprint,
        path=glob.strip() if isinstance(glob, str) else None,
    )


def match_allowlist(entries: list[AllowEntry], file: str, fingerprint: str) -> Allowance | None:
    for entry in entries:
        if entry.matches(file, fingerprint):
            return entry.allowance()
    return None
