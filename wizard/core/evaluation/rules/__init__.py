"""Named evaluation rules: the judgements a question table cannot express on its own.

One module per concern, each judgement written once and reporting to one item (or layer):
``host_tuple`` (the support matrix), ``source`` (shape, reference, access), ``engine``
(operations, fallback chain, rule vocabulary), ``alerting`` (fail semantics, lineage),
``project`` (the project scan), ``preflight`` (the real preflight in the probe snapshot),
``smoke`` (the engine's real calls), ``project_rules`` (the project's rule definitions, judged by
the target's validator), ``project_load`` (the host's own loader, when asked for) and
``contradiction`` (an attested answer the evidence contradicts).
Every rule is a pure function of the review's live answers and the probe snapshot, called only
by ``evaluate``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contributions, add
from wizard.core.evaluation.rules.alerting import openlineage, warning_threshold
from wizard.core.evaluation.rules.contradiction import contradictions
from wizard.core.evaluation.rules.engine import engine_rules, rule_style
from wizard.core.evaluation.rules.host_tuple import host_tuple
from wizard.core.evaluation.rules.preflight import preflight_rules
from wizard.core.evaluation.rules.project import layout_rules, secret_scan, setting_rules
from wizard.core.evaluation.rules.project_load import project_load
from wizard.core.evaluation.rules.project_rules import project_rules
from wizard.core.evaluation.rules.smoke import smoke_rule
from wizard.core.evaluation.rules.source import connection_rule, source_rules
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

Rule = Callable[["Review", ProbeSnapshot | None], Contributions]

# The `rule` names questions.toml may use, and the function that speaks for each; a test keeps
# the two in step. A question naming a rule contributes nothing of its own (the rule does).
NAMED_RULES: dict[str, Rule] = {
    "host_tuple": host_tuple,
    "source_shape": source_rules,
    "source_reference": source_rules,
    "connection": connection_rule,
    "fallback_engines": engine_rules,
    "operations": engine_rules,
    "rule_style": rule_style,
    "secret_scan": secret_scan,
    "warning_threshold": warning_threshold,
    "openlineage": openlineage,
}
RULE_NAMES = frozenset(NAMED_RULES)
# Every rule once, in the order their reasons are listed.
RULES: tuple[Rule, ...] = (
    host_tuple,
    source_rules,
    connection_rule,
    engine_rules,
    rule_style,
    secret_scan,
    warning_threshold,
    openlineage,
    preflight_rules,
    smoke_rule,
    project_rules,
    project_load,
    setting_rules,
    layout_rules,
    contradictions,
)


def rule_contributions(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    merged: Contributions = {}
    for rule in RULES:
        for target, parts in rule(review, probe).items():
            add(merged, target, *parts)
    return merged
