"""Rules about the engine: the operations it can run, the fallback chain, the rule vocabulary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions, add
from wizard.core.kb import ids
from wizard.core.kb.matrix import unsupported_operations
from wizard.core.kb.registry import host
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

CAPABILITIES_DOC = "docs/engines/capability-matrix.md"
CHAIN_DOC = "docs/engines/chain.md"
# A chain only aggregates check, profile and learn, so a preflight on a chain fails these even
# when its primary engine is Truthound.
CHAIN_BLIND_OPERATIONS = frozenset({"drift", "anomaly"})


def engine_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    operations = review.answer_value(ids.ENGINE_OPERATIONS)
    fallback = review.answer_value(ids.ENGINE_FALLBACK)
    if isinstance(operations, list):
        missing = sorted(set(operations) & unsupported_operations(review.engine))
        if missing:
            add(
                result,
                "rule-vocabulary",
                Contribution(
                    "fail",
                    f"{review.engine} cannot run {', '.join(missing)}; move those operations "
                    "to Truthound or drop them.",
                    CAPABILITIES_DOC,
                    ids.ENGINE_OPERATIONS,
                ),
            )
        chain_gap = sorted(set(operations) & CHAIN_BLIND_OPERATIONS) if fallback == "chain" else []
        if chain_gap:
            add(
                result,
                "rule-vocabulary",
                Contribution(
                    "fail",
                    "A fallback chain only reports check, profile and learn, so a preflight run "
                    f"on the chain fails capability:{' and capability:'.join(chain_gap)} even "
                    "with a Truthound primary; run those operations on a single named engine.",
                    CHAIN_DOC,
                    ids.ENGINE_OPERATIONS,
                ),
            )
        if not missing and not chain_gap:
            add(
                result,
                "rule-vocabulary",
                Contribution(
                    "pass",
                    f"{review.engine} supports {', '.join(operations)}.",
                    CAPABILITIES_DOC,
                    ids.ENGINE_OPERATIONS,
                ),
            )
    fallbacks = review.answer_value(ids.ENGINE_FALLBACK_ENGINES)
    if fallback == "chain" and isinstance(fallbacks, list):
        others = [engine for engine in fallbacks if engine != review.engine]
        part = (
            Contribution("pass", "Fallback chain named.", CHAIN_DOC, ids.ENGINE_FALLBACK_ENGINES)
            if others
            else Contribution(
                "fail",
                "The fallback chain names no engine other than the primary one.",
                CHAIN_DOC,
                ids.ENGINE_FALLBACK_ENGINES,
            )
        )
        add(result, "engine", part)
    return result


def _vocabulary_verdict(review: Review, style: str) -> Contribution | None:
    """What an answered rule style means for this engine on this host."""
    vocabulary = host(review.host).rule_vocabulary
    label = host(review.host).label
    truthound = review.engine == "truthound"

    def said(status: str, reason: str, doc: str = CAPABILITIES_DOC) -> Contribution:
        return Contribution(status, reason, doc, ids.RULES_STYLE)  # type: ignore[arg-type]

    if vocabulary == "type":
        if style == "auto_schema":
            if truthound:
                return said("pass", "Truthound validators run without rule dicts.")
            return said(
                "fail",
                f"{review.engine} executes only the rules it is given; write them with `type`.",
            )
        if style == "common_type":
            if truthound:
                return said(
                    "fail",
                    "The Truthound engine ignores rule dicts and runs its own validators; leave "
                    "`rules` unset or switch to an engine that reads them.",
                )
            return said("pass", f"{review.engine} reads the `type` vocabulary.")
        if style == "dbt_check":
            return said(
                "fail",
                "`check` names are dbt's vocabulary; Python engines read `type`, so these "
                "rules are ignored or rejected.",
                "rules.md",
            )
        return None
    doc = "docs/dbt/generic-tests.md"
    verdicts = {
        "dbt_check": said("pass", f"{label} tests use the `check` vocabulary.", doc),
        "common_type": said(
            "fail",
            f"{label} does not read the common `type` names (in_range, min_length, ...); use "
            "the `check` names such as range and length.",
            doc,
        ),
        "auto_schema": said(
            "fail",
            f"{label} has no auto-schema: tests run only the checks declared in YAML.",
            doc,
        ),
    }
    return verdicts.get(style)


def rule_style(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    style = review.answer_value(ids.RULES_STYLE)
    if not isinstance(style, str):
        return {}
    part = _vocabulary_verdict(review, style)
    return {"rule-vocabulary": [part]} if part else {}
