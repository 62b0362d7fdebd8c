"""Can any detect-secrets plugin report something in this text? Answered without importing it.

Importing detect-secrets imports ``requests`` and ``urllib3`` (~150 ms, more than a whole
``check``), and the credential screen needs its plugins for every value that comes in or goes to
disk. Most values (a host name, a version, "passed") cannot make any plugin report: each plugin
has a necessary condition a line must meet first (``plugin_conditions.py``). Those conditions
are kept as data in ``plugin_screen.json``, built once for the detect-secrets version the
wizard pins; this module reads the table and tests each line against it. Only a text with a
line that meets some condition is handed to the plugins themselves, which still decide.

The table is used only while it is exactly for the installed detect-secrets (the same version,
read from its ``__version__.py`` without importing the package) and in the format this code
understands; otherwise, or if anything about it is unreadable, every text goes to the plugins.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from wizard.core.records import Record, record

TABLE_PATH = Path(__file__).with_name("plugin_screen.json")
# Raised whenever the meaning of the table's fields changes, so an old table is never trusted.
TABLE_FORMAT = 1
_VERSION_LINE = re.compile(r"""^VERSION\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)


@record(kw_only=False)
class _Row(Record):
    """One plugin's condition; patterns are compiled on first need (most values never get
    past the literals)."""

    kind: str
    literals: tuple[str, ...]
    folded: bool
    sources: tuple[tuple[str, int], ...]
    compiled: tuple[re.Pattern[str], ...] | None = None

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        if self.compiled is None:
            self.compiled = tuple(re.compile(source, flags) for source, flags in self.sources)
        return self.compiled

    def met_by(self, line: str, lowered: str) -> bool:
        if self.literals:
            if self.folded:
                if line.isascii() and not any(word in lowered for word in self.literals):
                    return False
            elif not any(word in line for word in self.literals):
                return False
        return not self.sources or any(regex.search(line) for regex in self.patterns())


_lock = threading.Lock()
_loaded = False
_rows: list[_Row] | None = None  # None: no usable table, every text goes to the plugins


def installed_version() -> str | None:
    """detect-secrets' version as its own ``__version__.py`` states it, or None."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("detect_secrets")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        try:
            text = (Path(folder) / "__version__.py").read_text(encoding="utf-8")
        except OSError:
            continue
        found = _VERSION_LINE.search(text)
        if found:
            return found.group(1)
    return None


def _read_table() -> list[_Row] | None:
    try:
        table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
        if table.get("format") != TABLE_FORMAT or table.get("detect_secrets") != (
            installed_version()
        ):
            return None
        rows: list[_Row] = []
        for row in table["plugins"]:
            if row.get("always"):
                return None  # a plugin without a condition runs on every line anyway
            sources = tuple((str(source), int(flags)) for source, flags in row["patterns"])
            rows.append(
                _Row(str(row["kind"]), tuple(row["literals"]), bool(row["folded"]), sources)
            )
        return rows
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _table() -> list[_Row] | None:
    global _loaded, _rows
    with _lock:
        if not _loaded:
            _rows = _read_table()
            _loaded = True
        return _rows


def kinds_for(line: str, skip_kinds: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """The kinds of plugin (leaving out ``skip_kinds``) that could report something on one
    line, or None when there is no usable table (then every plugin could)."""
    rows = _table()
    if rows is None:
        return None
    lowered = line.lower()
    return frozenset(
        row.kind for row in rows if row.kind not in skip_kinds and row.met_by(line, lowered)
    )
