"""Named evaluation rules: the judgements a question table cannot express on its own.

Each rule reads the review's live answers and the probe snapshot and returns contributions per
item (or layer). They are pure functions of their inputs, called only by ``evaluate``. The
runtime/source and engine rules live in their own modules; this one holds the rest and the
registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions, add
from wizard.core.evaluation.rules.engine import engine_rules, rule_style
from wizard.core.evaluation.rules.runtime import connection_rule, host_tuple, source_rules
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review


# --------------------------------------------------------------------------- secrets, fail, obs


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


def warning_threshold(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    value = review.answer_value("fail.warning_threshold")
    doc = "docs/airflow/operators.md"
    if isinstance(value, float | int) and not isinstance(value, bool) and value > 0:
        return {
            "fail-semantics": [
                Contribution(
                    "warn",
                    f"warning_threshold={value:g} is compared with failure_rate in percent, so it "
                    f"forgives only up to {value:g} % failures, not {value * 100:g} %; use "
                    "host-native severity or set the number knowingly, then waive this with the "
                    "reasoning.",
                    doc,
                    "fail.warning_threshold",
                )
            ]
        }
    if value is not None:
        return {
            "fail-semantics": [
                Contribution("pass", "No warning_threshold in use.", doc, "fail.warning_threshold")
            ]
        }
    return {}


def openlineage(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    value = review.answer_value("obs.openlineage_endpoint")
    if isinstance(value, str) and value:
        return {
            "observability": [
                Contribution(
                    "pass",
                    f"Lineage goes to {value}.",
                    "docs/common/observability-resilience.md",
                    "obs.openlineage_endpoint",
                )
            ]
        }
    return {}


# The `rule` names questions.toml may use; a test keeps the two in step.
RULE_NAMES = frozenset(
    {
        "host_tuple",
        "source_shape",
        "source_reference",
        "connection",
        "fallback_engines",
        "operations",
        "rule_style",
        "secret_scan",
        "warning_threshold",
        "openlineage",
    }
)

RULES: tuple[Callable[[Review, ProbeSnapshot | None], Contributions], ...] = (
    host_tuple,
    source_rules,
    connection_rule,
    engine_rules,
    rule_style,
    secret_scan,
    warning_threshold,
    openlineage,
)


def rule_contributions(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    merged: Contributions = {}
    for rule in RULES:
        for target, parts in rule(review, probe).items():
            add(merged, target, *parts)
    return merged
