"""The scan of one pipeline project folder: files → hosts, credentials, settings."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from wizard.core.errors import BadInputError
from wizard.core.evidence.scan.allowlist import load_allowlist
from wizard.core.evidence.scan.files import list_project_files
from wizard.core.evidence.scan.gate_sources import gate_findings
from wizard.core.evidence.scan.layout import detect_hosts, layout_mismatch
from wizard.core.evidence.scan.parsing import parse_project
from wizard.core.evidence.scan.rule_sources import find_rule_sources
from wizard.core.evidence.scan.secrets import find_secrets
from wizard.core.evidence.scan.settings_catalog import ITEMS
from wizard.core.evidence.scan.settings_python import python_settings
from wizard.core.evidence.scan.settings_yaml import yaml_settings
from wizard.core.kb.registry import host_ids
from wizard.core.review.observations import ProjectScan, SettingFinding


def scan_project(
    root: Path,
    *,
    chosen_host: str | None = None,
    only: Collection[str] | None = None,
    exclude: frozenset[str] = frozenset(),
) -> ProjectScan:
    """Scan ``root`` (tracked files only inside git); the allowlist is read from ``root``.

    ``only`` (paths relative to ``root``, with ``/``) narrows the scan to those files, as a
    pre-commit hook does with the files of one commit; ``exclude`` leaves files out (the review
    file and its backups are the wizard's, not the project's).
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
    listing = list_project_files(root, exclude)
    if only is not None:
        listing.files = [file for file in listing.files if file.path in only]
    parsed = parse_project(listing.files)
    signals = detect_hosts(parsed)
    secrets = find_secrets(parsed, allowlist)
    settings = _unique(
        sorted(
            [*python_settings(parsed), *yaml_settings(parsed), *gate_findings(parsed)],
            key=lambda finding: (finding.file, finding.line, finding.kind),
        )
    )
    for setting in settings:
        # A setting's source text can hold a credential (a token inside an observability dict).
        setting.value = secrets.scrub(setting.value)
    scan = ProjectScan(
        root=str(root),
        hosts_detected=list(signals),
        host_signals=signals,
        secrets=secrets.findings,
        settings=settings,
        files_scanned=len(listing.files),
        notes=[secrets.scrub(note) for note in [*listing.notes(), *parsed.notes, *secrets.notes]],
    )
    rules = find_rule_sources(parsed)
    scan.rule_sources, scan.rules_unreadable = rules.sources, rules.not_inspected
    if chosen_host is not None:
        mismatch = layout_mismatch(scan, chosen_host)
        if mismatch:
            scan.notes.insert(0, mismatch)
    return scan


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
