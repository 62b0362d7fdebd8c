"""The output formats, one entry each: name, file suffix, renderer, and how to recognise a file.

Everything that offers, writes or reads an export asks this table: ``export --format``, the
formats ``check`` can print, the TUI's export form and ``verify``'s format sniffing. A new format
is one entry here plus its renderer module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wizard.core.records import Record, record

Renderer = Callable[[dict[str, Any]], str]


@record(frozen=True, kw_only=False)
class ExportFormat(Record):
    name: str
    label: str
    suffix: str
    # "module:function"; imported on first use, so the table itself costs nothing to import.
    renderer: str
    # True when the first bytes of a file (leading whitespace removed) say it is this format.
    recognises: Callable[[bytes, Path], bool]
    # Whether ``check`` can print it as its report (a gate in CI reads these on stdout).
    check_report: bool = False
    # Whether it is a review export (``export``, section digests, signing, ``verify``). SARIF is
    # not: it is rendered from the evaluation *and* the scan, for code scanning to read.
    review_export: bool = True
    # Whether ``scan`` can print it too.
    scan_report: bool = False

    def render(self, document: dict[str, Any]) -> str:
        module, _, function = self.renderer.partition(":")
        renderer: Renderer = getattr(importlib.import_module(module), function)
        return renderer(document)


def _markdown(data: bytes, path: Path) -> bool:
    return b"trr-section" in data or path.suffix.lower() in (".md", ".markdown")


FORMATS_TABLE: tuple[ExportFormat, ...] = (
    ExportFormat(
        "json",
        "JSON",
        ".json",
        "wizard.core.exports.jsonexport:render_json",
        lambda data, _: data.startswith(b"{"),
        False,
    ),
    ExportFormat(
        "junit",
        "JUnit XML",
        ".xml",
        "wizard.core.exports.junit:render_junit",
        lambda data, _: data.startswith(b"<?xml"),
        True,
    ),
    ExportFormat(
        "html",
        "HTML",
        ".html",
        "wizard.core.exports.html:render_html",
        lambda data, _: data[:200].lower().startswith(b"<!doctype html"),
    ),
    # Last: Markdown is recognised by its section markers anywhere, or by its suffix.
    ExportFormat(
        "md", "Markdown", ".md", "wizard.core.exports.markdown:render_markdown", _markdown, True
    ),
    ExportFormat(
        "sarif",
        "SARIF 2.1.0",
        ".sarif",
        "wizard.core.exports.sarif:render_sarif",
        lambda data, _: data.startswith(b"{") and b"sarif" in data[:200],
        check_report=True,
        review_export=False,
        scan_report=True,
    ),
)
FORMATS: tuple[str, ...] = ("md", "html", "json", "junit")  # the order menus list them in
SUFFIXES: dict[str, str] = {entry.name: entry.suffix for entry in FORMATS_TABLE}
SCAN_REPORT_FORMATS: tuple[str, ...] = tuple(
    entry.name for entry in FORMATS_TABLE if entry.scan_report
)


def export_format_named(name: str) -> ExportFormat:
    return next(entry for entry in FORMATS_TABLE if entry.name == name)


CHECK_REPORT_FORMATS: tuple[str, ...] = (
    *(name for name in FORMATS if export_format_named(name).check_report),
    *(entry.name for entry in FORMATS_TABLE if entry.check_report and not entry.review_export),
)


def recognise(path: Path, data: bytes) -> str | None:
    """Which export format a file is, from its first bytes (the suffix may be anything)."""
    head = data.lstrip()
    for entry in FORMATS_TABLE:
        if entry.review_export and entry.recognises(head, path):
            return entry.name
    return None
