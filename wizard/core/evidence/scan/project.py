"""The scan of one pipeline project folder: files → hosts, credentials, settings."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from wizard.core.errors import BadInputError
from wizard.core.evidence.scan.allowlist import load_allowlist
from wizard.core.evidence.scan.files import list_project_files
from wizard.core.evidence.scan.layout import LayoutFacts, detect_hosts, layout_mismatch
from wizard.core.evidence.scan.pipeline import analyse_project
from wizard.core.evidence.scan.rule_sources import RuleSources
from wizard.core.evidence.scan.secret_values import RawSecret
from wizard.core.evidence.scan.secrets import finish_secrets
from wizard.core.evidence.scan.settings_catalog import ITEMS
from wizard.core.kb.registry import host_ids
from wizard.core.review.observations import ProjectScan, SettingFinding

_MAX_PARSE_NOTES = 20


def scan_project(
    root: Path,
    *,
    chosen_host: str | None = None,
    only: Collection[str] | None = None,
    exclude: frozenset[str] = frozenset(),
    include: tuple[str, ...] = (),
    workers: int | None = None,
) -> ProjectScan:
    """Scan ``root`` (tracked files only inside git); the allowlist is read from ``root``.

    ``only`` (paths relative to ``root``, with ``/``) narrows the scan to those files, as a
    pre-commit hook does with the files of one commit; ``exclude`` leaves files out (the review
    file and its backups are the wizard's, not the project's); ``include`` globs read files the
    scan skips by default (virtualenvs, node_modules, vendored packages, large data files);
    ``workers`` caps the process pool (default: one per core).
    """
    if not root.is_dir():
        raise BadInputError(
            f"{root}: no such folder to scan. Pass the folder that holds the pipeline project "
            "(DAGs, flows, dbt project, ...)."
        )
    if chosen_host is not None and chosen_host.lower() not in host_ids():
        known = ", ".join(host_ids())
        raise BadInputError(f"unknown host '{chosen_host}'; choose one of {known}.")
    root = root.resolve()
    allowlist = load_allowlist(root)
    listing = list_project_files(root, exclude, include)
    paths = listing.paths if only is None else [path for path in listing.paths if path in only]
    scanned = 0
    raw: list[RawSecret] = []
    source_lines: dict[tuple[str, int], str] = {}
    found: list[SettingFinding] = []
    facts: list[LayoutFacts] = []
    rules = RuleSources()
    parse_notes: list[str] = []
    for result in analyse_project(root, paths, workers=workers):
        if result.skipped is not None:
            reason = result.skipped
            if reason == "unreadable":
                listing.unreadable.append(result.path)
            else:
                listing.skip(reason, result.path)
            continue
        scanned += 1
        raw += result.secrets
        source_lines.update({(result.path, n): line for n, line in result.secret_lines.items()})
        found += result.settings
        facts += result.layout
        rules.sources += result.rules.sources
        rules.not_inspected += result.rules.not_inspected
        parse_notes += result.notes
    secrets = finish_secrets(raw, source_lines, allowlist)
    settings = _unique(
        sorted(found, key=lambda finding: (finding.file, finding.line, finding.kind))
    )
    for setting in settings:
        # A setting's source text can hold a credential (a token inside an observability dict).
        setting.value = secrets.scrub(setting.value)
    signals = detect_hosts(facts)
    notes = [*listing.notes(), *_capped(parse_notes), *secrets.notes]
    scan = ProjectScan(
        root=str(root),
        hosts_detected=list(signals),
        host_signals=signals,
        secrets=secrets.findings,
        settings=settings,
        files_scanned=scanned,
        notes=[secrets.scrub(note) for note in notes],
    )
    scan.rule_sources, scan.rules_unreadable = rules.sources, sorted(rules.not_inspected)
    if chosen_host is not None:
        mismatch = layout_mismatch(scan, chosen_host)
        if mismatch:
            scan.notes.insert(0, mismatch)
    return scan


def _capped(notes: list[str]) -> list[str]:
    # A vendored tree of templates can fail to parse by the thousand; the first few make the point.
    if len(notes) <= _MAX_PARSE_NOTES:
        return notes
    hidden = len(notes) - _MAX_PARSE_NOTES
    return [*notes[:_MAX_PARSE_NOTES], f"... and {hidden} more file(s) that did not parse."]


def _unique(findings: list[SettingFinding]) -> list[SettingFinding]:
    seen: set[tuple[str, int, str]] = set()
    kept: list[SettingFinding] = []
    for finding in findings:
        key = (finding.file, finding.line, finding.kind)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def summarise_for_items(scan: ProjectScan) -> dict[str, list[SettingFinding]]:
    """Settings evidence grouped by checklist item (every item present, possibly empty)."""
    grouped: dict[str, list[SettingFinding]] = {item: [] for item in ITEMS}
    for finding in scan.settings:
        grouped.setdefault(finding.item, []).append(finding)
    return grouped
