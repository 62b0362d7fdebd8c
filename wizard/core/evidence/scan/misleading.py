"""Truthound knobs that look like they do something they do not (facts H6, H7 and the Prefect
factory gaps). Each returns one sentence for ``SettingFinding.misleading``; host-native
settings are never flagged.
"""

from __future__ import annotations

from dataclasses import dataclass

# Truthound operators / resources / blocks / scripts whose `timeout_seconds` is only forwarded
# to the engine, which drops it (H6). Prefect's CheckTaskConfig is absent on purpose: the
# factory turns its timeout into a real Prefect task timeout.
_TRUTHOUND_TIMEOUT_CALLEES = frozenset(
    {
        "EngineResource",
        "EngineBlock",
        "BlockConfig",
        "CheckBlockConfig",
        "ProfileBlockConfig",
        "LearnBlockConfig",
        "CheckTransformer",
        "ProfileTransformer",
        "LearnTransformer",
        "QualityAssetConfig",
        "create_check_op",
        "create_asset_check",
        "quality_asset_check",
        "quality_checked_asset",
        "create_quality_asset",
        "create_quality_check_asset",
        "check_quality_script",
        "profile_data_script",
        "learn_schema_script",
        "stream_quality_script",
    }
)
_TRUTHOUND_PREFIXES = ("DataQuality", "Truthound")
_NOT_APPLIED_CACHE_CALLEES = frozenset({"CheckTaskConfig", "create_check_task"})
_FLOW_CONFIGS = frozenset({"FlowConfig", "QualityFlowConfig"})
_MAGE_RATIO_KNOBS = frozenset({"min_pass_rate", "max_failure_rate", "pass_threshold"})


@dataclass(frozen=True)
class FileContext:
    """What the surrounding file is about, where the same knob means different things."""

    mage: bool = False
    prefect: bool = False


def misleading_note(
    kind: str, callee: str, value: str, context: FileContext
) -> tuple[str, str] | None:
    """(rule id, one-sentence explanation) when the knob misleads; None otherwise."""
    if kind == "timeout_seconds" and _is_truthound_callee(callee):
        return "misleading-timeout", (
            f"{callee}'s timeout_seconds is only passed on to the engine, which ignores it, so "
            "nothing stops a slow check; set the host's own timeout instead (Airflow "
            "execution_timeout, Prefect task timeout_seconds, Kestra task timeout, Dagster "
            "dagster/max_runtime)."
        )
    if kind in {"cache_key", "cache_expiration_seconds"} and callee in _NOT_APPLIED_CACHE_CALLEES:
        return "misleading-cache", (
            f"{callee} stores {kind} but never hands it to Prefect, so nothing is cached; "
            "set cache_policy or cache_key_fn on the Prefect task instead."
        )
    if kind == "retries" and callee in _FLOW_CONFIGS and context.prefect:
        return "misleading-flow-retries", (
            f"create_quality_flow does not apply {callee}.retries, so the flow is never "
            "retried; pass retries= to create_quality_flow itself, which hands it to @flow."
        )
    if value.strip() in {"None", "null", "~", ""}:
        return None
    if kind == "warning_threshold" and context.mage:
        return "misleading-mage-warning", (
            "In Mage's check transformer warning_threshold only writes a log line and never "
            f"turns a failure into a warning; it is also read as a percent ({_as_percent(value)})."
        )
    if kind == "warning_threshold":
        return "misleading-threshold-units", (
            "Truthound compares this 0..1 threshold with a failure rate in percent, so "
            f"{_as_percent(value)}."
        )
    if kind in _MAGE_RATIO_KNOBS and context.mage:
        return "misleading-threshold-units", (
            f"Mage compares {kind} (a 0..1 ratio) with a rate in percent, so {_as_percent(value)}."
        )
    return None


def _is_truthound_callee(callee: str) -> bool:
    return callee in _TRUTHOUND_TIMEOUT_CALLEES or callee.startswith(_TRUTHOUND_PREFIXES)


def _as_percent(value: str) -> str:
    try:
        number = float(value.strip().strip("'\""))
    except ValueError:
        return "a value v acts as v %, not v × 100 %"
    return f"{value.strip()} acts as {number:g} %, not {number * 100:g} %"
