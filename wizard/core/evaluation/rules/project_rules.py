"""What the rule definitions in the project say about ``rule-vocabulary`` (provenance probe:rules).

Each judgement here is the validator's, made in the target interpreter for the engine that
receives the rule (or the `check` vocabulary's, for dbt tests); this module only words it, with
the file and line of the rule. The answered rule style is judged separately by
``engine.rule_style``: this is what the project really holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions
from wizard.core.kb.matrix import canonical_engine
from wizard.core.kb.registry import engine as engine_entry
from wizard.core.kb.registry import engine_label
from wizard.core.review.observations import ProbeSnapshot, RuleCheck, RuleFinding

if TYPE_CHECKING:
    from wizard.core.review.model import Review

ITEM = "rule-vocabulary"
PROVENANCE = "probe:rules"
DOC = "docs/engines/capability-matrix.md"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _said(status: str, reason: str, source: str) -> Contribution:
    return Contribution(status, reason, DOC, source, PROVENANCE)  # type: ignore[arg-type]


def _finding_parts(finding: RuleFinding) -> list[Contribution]:
    where = f"{finding.file}:{finding.line}"
    notes = f" ({'; '.join(finding.notes)})" if finding.notes else ""
    if finding.ignored:
        return [
            _said(
                "fail",
                f"{where}: the rule {finding.rule} goes to the {engine_label(finding.engine)} "
                "engine, which ignores rule dicts and runs its own validators, so it is never "
                "applied; drop it or name an engine that reads rules.",
                where,
            )
        ]
    if not finding.valid:
        errors = "; ".join(finding.errors) or "rejected"
        return [
            _said("fail", f"{where}: {finding.rule} for {finding.engine}: {errors}{notes}.", where)
        ]
    return [
        _said("warn", f"{where}: {finding.rule} for {finding.engine}: {warning}.", where)
        for warning in finding.warnings
    ]


def _nothing_found(review: Review, check: RuleCheck) -> Contribution:
    looked = f"looked at {check.files_read} Python and YAML files"
    canonical = canonical_engine(review.engine)
    if canonical is not None and engine_entry(canonical).ignores_rules:
        return _said(
            "pass",
            f"No rule definitions in the project ({looked}): the {engine_label(canonical)} engine "
            "runs its own validators, which needs none.",
            "rules",
        )
    return _said(
        "warn",
        f"No rule definitions found in the project ({looked}); {engine_label(review.engine)} runs "
        "only the rules it is given, so rules built at run time cannot be checked here: show "
        "where they come from, or waive this with that reason.",
        "rules",
    )


def project_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    check = probe.rules if probe else None
    if check is None:
        return {}
    parts: list[Contribution] = []
    if not check.ran:
        parts.append(
            _said("open", f"The project's rules could not be validated: {check.error}.", "rules")
        )
    for finding in check.findings:
        parts += _finding_parts(finding)
    parts += [
        _said("warn", f"The same rule is written differently: {line}.", "rules")
        for line in check.differing
    ]
    if not check.findings and check.ran:
        parts.append(_nothing_found(review, check))
    elif check.ran and all(part.status == "pass" for part in parts):
        files = len({finding.file for finding in check.findings})
        parts.append(
            _said(
                "pass",
                f"{_count(len(check.findings), 'rule')} in {_count(files, 'file')} validated for "
                f"the engines that receive them by {check.validator or 'the check vocabulary'}: "
                "all accepted.",
                "rules",
            )
        )
    if check.not_inspected:
        # Information, not a verdict: the scan notes these files too.
        unread = ", ".join(check.not_inspected[:10])
        parts.append(
            _said("pass", f"Not inspected for rules (not readable statically): {unread}.", "rules")
        )
    return {ITEM: parts}
