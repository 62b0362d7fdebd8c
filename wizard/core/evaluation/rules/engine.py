"""Rules about the engine: capabilities, the fallback chain, and the rule vocabulary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions, add
from wizard.core.kb.matrix import engine_distribution, unsupported_operations
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

# --------------------------------------------------------------------------- engine


def engine_rules(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    doc = "docs/engines/capability-matrix.md"
    operations = review.answer_value("engine.operations")
    fallback = review.answer_value("engine.fallback")
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
                    doc,
                    "engine.operations",
                ),
            )
        chain_gap = sorted(set(operations) & {"drift", "anomaly"}) if fallback == "chain" else []
        if chain_gap:
            add(
                result,
                "rule-vocabulary",
                Contribution(
                    "fail",
                    "A fallback chain only aggregates check, profile and learn; its preflight "
                    f"fails {', '.join(chain_gap)} even when the primary engine is Truthound.",
                    "docs/engines/chain.md",
                    "engine.operations",
                ),
            )
        if not missing and not chain_gap:
            add(
                result,
                "rule-vocabulary",
                Contribution(
                    "pass",
                    f"{review.engine} supports {', '.join(operations)}.",
                    doc,
                    "engine.operations",
                ),
            )
    fallbacks = review.answer_value("engine.fallback_engines")
    if fallback == "chain" and isinstance(fallbacks, list):
        add(result, "engine", *_fallback_checks(review, fallbacks, probe))
    return result


def _fallback_checks(
    review: Review, fallbacks: list[str], probe: ProbeSnapshot | None
) -> list[Contribution]:
    doc = "docs/engines/chain.md"
    parts: list[Contribution] = []
    others = [engine for engine in fallbacks if engine != review.engine]
    if not others:
        parts.append(
            Contribution(
                "fail",
                "The fallback chain names no engine other than the primary one.",
                doc,
                "engine.fallback_engines",
            )
        )
    packages = probe.environment.packages if probe and probe.environment else None
    for engine in others:
        distribution = engine_distribution(engine)
        if packages is None:
            continue
        if distribution in packages:
            parts.append(
                Contribution(
                    "pass",
                    f"Fallback engine {engine} is installed ({distribution} "
                    f"{packages[distribution]}).",
                    doc,
                    "engine.fallback_engines",
                    "probe:environment",
                )
            )
        else:
            parts.append(
                Contribution(
                    "fail",
                    f"Fallback engine {engine} is named but {distribution} is not installed "
                    f"in the target interpreter; `pip install {distribution}` there.",
                    doc,
                    "engine.fallback_engines",
                    "probe:environment",
                )
            )
    return parts or [Contribution("pass", "Fallback chain named.", doc, "engine.fallback_engines")]


def rule_style(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    style = review.answer_value("rules.style")
    if not isinstance(style, str):
        return {}
    doc = "docs/engines/capability-matrix.md"
    python_host = review.host != "dbt"
    verdicts: dict[tuple[str, bool], Contribution] = {
        ("auto_schema", True): Contribution(
            "pass" if review.engine == "truthound" else "fail",
            "Truthound validators run without rule dicts."
            if review.engine == "truthound"
            else f"{review.engine} executes only the rules it is given; write them with `type`.",
            doc,
            "rules.style",
        ),
        ("common_type", True): Contribution(
            "fail" if review.engine == "truthound" else "pass",
            "The Truthound engine ignores rule dicts and runs its own validators; leave `rules` "
            "unset or switch to an engine that reads them."
            if review.engine == "truthound"
            else f"{review.engine} reads the `type` vocabulary.",
            doc,
            "rules.style",
        ),
        ("dbt_check", True): Contribution(
            "fail",
            "`check` names are dbt's vocabulary; Python engines read `type`, so these "
            "rules are ignored or rejected.",
            "rules.md",
            "rules.style",
        ),
        ("dbt_check", False): Contribution(
            "pass",
            "dbt tests use the dbt `check` vocabulary.",
            "docs/dbt/generic-tests.md",
            "rules.style",
        ),
        ("common_type", False): Contribution(
            "fail",
            "dbt does not read the common `type` names (in_range, min_length, ...); use "
            "dbt's `check` names such as range and length.",
            "docs/dbt/generic-tests.md",
            "rules.style",
        ),
        ("auto_schema", False): Contribution(
            "fail",
            "dbt has no auto-schema: tests run only the checks declared in YAML.",
            "docs/dbt/generic-tests.md",
            "rules.style",
        ),
    }
    part = verdicts.get((style, python_host))
    return {"rule-vocabulary": [part]} if part else {}
