"""What the project scan says: committed credentials, settings found in code, the host layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions
from wizard.core.kb.registry import host_label
from wizard.core.review.observations import ProbeSnapshot, SettingFinding

if TYPE_CHECKING:
    from wizard.core.review.model import Review


def secret_scan(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    scan = probe.scan if probe else None
    if scan is None:
        return {}
    doc = "docs/enterprise/secrets.md"
    blocking = [finding for finding in scan.secrets if not finding.allowed_by]
    allowed = [finding for finding in scan.secrets if finding.allowed_by]
    parts: list[Contribution] = []
    for finding in blocking:
        parts.append(
            Contribution(
                "fail",
                f"{finding.file}:{finding.line}: {finding.kind} committed "
                f"({finding.fingerprint}); move it to the host's secret surface and rotate it.",
                doc,
                f"{finding.file}:{finding.line}",
                "probe:project",
            )
        )
    for finding in allowed:
        parts.append(
            Contribution(
                "pass",
                f"{finding.file}:{finding.line}: {finding.kind} allowed by {finding.allowed_by}.",
                doc,
                f"{finding.file}:{finding.line}",
                "probe:project",
            )
        )
    if not blocking:
        parts.append(
            Contribution(
                "pass",
                f"The project scan of {scan.files_scanned} tracked files found no committed "
                "credential.",
                doc,
                scan.root,
                "probe:project",
            )
        )
    return {"secrets": parts}


SETTING_ITEMS = ("resilience", "fail-semantics", "observability", "preflight-gate")


def setting_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    scan = probe.scan if probe else None
    if scan is None:
        return result
    for finding in scan.settings:
        if finding.item not in SETTING_ITEMS:
            continue
        result.setdefault(finding.item, []).append(_setting_contribution(finding))
    return result


def _setting_contribution(finding: SettingFinding) -> Contribution:
    where = f"{finding.file}:{finding.line}"
    if finding.misleading:
        return Contribution(
            "warn",
            f"{where}: {finding.kind}={finding.value} — {finding.misleading}",
            "docs/common/observability-resilience.md",
            where,
            "probe:project",
        )
    return Contribution(
        "pass",
        f"{where}: {finding.kind}={finding.value}",
        "docs/common/observability-resilience.md",
        where,
        "probe:project",
    )


def layout_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    scan = probe.scan if probe else None
    if scan is None or not scan.hosts_detected or review.host in scan.hosts_detected:
        return {}
    seen = ", ".join(host_label(found) for found in scan.hosts_detected)
    return {
        "host-tuple": [
            Contribution(
                "warn",
                f"The project folder looks like {seen}, not {host_label(review.host)}; check "
                "--project or "
                "the review's host.",
                "docs/choose-a-platform.md",
                scan.root,
                "probe:project",
            )
        ]
    }
