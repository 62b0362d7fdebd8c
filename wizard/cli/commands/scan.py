"""``scan``: read the pipeline project folder for hosts, committed credentials and settings.

Only files git would commit are read. Findings are evidence for the checklist; ``check`` decides
readiness. Like gitleaks and detect-secrets' hook, the command exits 1 when a credential finding
is not allowlisted (``--exit-zero`` only reports), else 0 whenever the scan ran. Secret values are
never printed; each finding shows a fingerprint and a redacted form instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wizard.core.errors import EXIT_NOT_READY, EXIT_OK, BadInputError
from wizard.core.evidence.scan import layout_mismatch, scan_project, summarise_for_items
from wizard.core.evidence.snapshot import (
    project_folder,
    review_files,
    stored_root,
    stored_scan,
)
from wizard.core.exports import render
from wizard.core.exports.formats import SCAN_REPORT_FORMATS
from wizard.core.kb.registry import host_ids
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot, ProjectScan
from wizard.core.review.store import load_review, update_review
from wizard.core.safety.terminal import one_line

NAME = "scan"
DESCRIPTION = (
    "Scan the files git tracks in the pipeline project folder (every file outside git): which "
    "orchestration hosts it looks like, credentials committed in code or config (reported by "
    "fingerprint, never by value), and the retry, timeout, cache, concurrency, SLA and "
    "soft/hard-fail settings it sets, with Truthound knobs that do not do what they seem "
    "flagged. Exit 0 when the scan ran (the checklist decides readiness), 2 on bad input. "
    "Exceptions: '# readiness: allow-secret <who> <reason>' on the line, or "
    ".readiness-allowlist.toml at the project root (see docs/scan.md)."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="project folder (default: the review's project, else the review's folder, else .)",
    )
    parser.add_argument(
        "--review",
        metavar="FILE",
        type=Path,
        help="take the host from this review and save the scan into its probe snapshot",
    )
    parser.add_argument("--host", choices=host_ids(), help="host the project is meant to be")
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="also read files the scan skips by default (virtualenvs, node_modules, vendored "
        "packages, large data files); a glob on the path relative to DIR, repeatable",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when a credential finding is not allowlisted (report only)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", *SCAN_REPORT_FORMATS),
        default=None,
        help="text (default), json (same as --json) or sarif (for code scanning)",
    )


def _review_and_host(args: argparse.Namespace) -> tuple[Review | None, str | None]:
    if args.review is None:
        return None, args.host
    review = load_review(args.review).review
    if args.host is not None and args.host != review.host:
        raise BadInputError(
            f"--host {args.host} contradicts the review {args.review}, which says {review.host}. "
            "Drop --host, or change the review's host with the wizard first."
        )
    return review, review.host


def _save(path: Path, scan: ProjectScan) -> None:
    def mutate(review: Review) -> None:
        if review.probe is None:
            review.probe = ProbeSnapshot(taken_at=datetime.now(UTC).replace(microsecond=0))
        kept = stored_scan(scan)
        root = stored_root(review, path, Path(scan.root))
        review.probe.scan = kept.model_copy(update={"root": root})

    update_review(path, mutate)


def scan_to_dict(scan: ProjectScan, host: str | None) -> dict[str, Any]:
    """The JSON report: findings by location and fingerprint; never a secret value."""
    return {
        "root": scan.root,
        "files_scanned": scan.files_scanned,
        "hosts": scan.hosts_detected,
        "host_signals": scan.host_signals,
        "chosen_host": host,
        "layout_mismatch": layout_mismatch(scan, host) if host else None,
        "secrets": [
            {
                "file": finding.file,
                "line": finding.line,
                "kind": finding.kind,
                "rule": finding.rule,
                "fingerprint": finding.fingerprint,
                "redacted": finding.redacted,
                "allowed_by": finding.allowed_by,
                "allowed_reason": finding.allowed_reason,
            }
            for finding in scan.secrets
        ],
        "settings": [
            {
                "file": finding.file,
                "line": finding.line,
                "kind": finding.kind,
                "value": finding.value,
                "item": finding.item,
                "rule": finding.rule,
                "misleading": finding.misleading,
            }
            for finding in scan.settings
        ],
        "notes": scan.notes,
    }


def _text(scan: ProjectScan, host: str | None) -> str:
    lines = [f"Scanned {scan.files_scanned} file(s) in {scan.root}", "", "Hosts:"]
    for name in scan.hosts_detected:
        chosen = " (chosen)" if name == host else ""
        lines.append(f"  {name}{chosen}: {'; '.join(scan.host_signals.get(name, []))}")
    if not scan.hosts_detected:
        lines.append("  none recognised")
    open_secrets = [finding for finding in scan.secrets if not finding.allowed_by]
    lines += [
        "",
        f"Committed credentials: {len(open_secrets)} open, "
        f"{len(scan.secrets) - len(open_secrets)} allowed",
    ]
    for finding in scan.secrets:
        allowed = (
            f"  [allowed by {finding.allowed_by}: {finding.allowed_reason}]"
            if finding.allowed_by
            else ""
        )
        lines.append(
            f"  {finding.file}:{finding.line}  {finding.kind}  {finding.fingerprint}  "
            f"{finding.redacted}{allowed}"
        )
    for item, findings in summarise_for_items(scan).items():
        lines += ["", f"Settings for {item}: {len(findings)}"]
        for setting in findings:
            lines.append(f"  {setting.file}:{setting.line}  {setting.kind} = {setting.value}")
            if setting.misleading:
                lines.append(f"      misleading: {setting.misleading}")
    if scan.notes:
        lines += ["", "Notes:"]
        lines += [f"  - {note}" for note in scan.notes]
    return "\n".join(one_line(line) for line in lines)


def run(args: argparse.Namespace) -> int:
    review, host = _review_and_host(args)
    if args.dir is not None:
        root = args.dir
    elif review is not None:
        root = project_folder(review, args.review, None)
    else:
        root = Path(".")
    if not root.is_dir():
        raise BadInputError(
            f"{root}: no such folder to scan. Pass the pipeline project folder as DIR "
            "(or run from inside it)."
        )
    scan = scan_project(
        root,
        chosen_host=host,
        exclude=review_files(args.review, root),
        include=tuple(args.include),
    )
    if args.review is not None:
        _save(args.review, scan)
    fmt = "json" if args.json else (args.format or "text")
    if fmt == "sarif":
        from wizard.app.code_scanning import scan_sarif

        sys.stdout.write(render(scan_sarif(scan), fmt))
    elif fmt == "json":
        sys.stdout.write(json.dumps(scan_to_dict(scan, host), indent=2) + "\n")
    else:
        sys.stdout.write(_text(scan, host) + "\n")
        if args.review is not None:
            sys.stdout.write(f"\nScan saved into {args.review}.\n")
    open_findings = [finding for finding in scan.secrets if finding.allowed_by is None]
    return EXIT_NOT_READY if open_findings and not args.exit_zero else EXIT_OK
