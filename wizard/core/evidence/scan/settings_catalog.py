"""Which keyword arguments, config keys, calls and names count as settings evidence.

Each entry says which checklist item it feeds and which rule id reports it (see docs/scan.md).
Names come from the hosts' own APIs and Truthound's host packages; a few generic names
(``timeout``, ``severity``, ``errors``) only count where they mean what we think they mean.
"""

from __future__ import annotations

import re

RESILIENCE = "resilience"
FAIL_SEMANTICS = "fail-semantics"
OBSERVABILITY = "observability"
ITEMS: tuple[str, ...] = (RESILIENCE, FAIL_SEMANTICS, OBSERVABILITY)

# keyword / key -> (item, rule)
SETTING_KEYS: dict[str, tuple[str, str]] = {
    # retries
    "retries": (RESILIENCE, "retry"),
    "retry_delay": (RESILIENCE, "retry"),
    "retry_exponential_backoff": (RESILIENCE, "retry"),
    "max_retry_delay": (RESILIENCE, "retry"),
    "retry_delay_seconds": (RESILIENCE, "retry"),
    "retry_jitter_factor": (RESILIENCE, "retry"),
    "retry_condition_fn": (RESILIENCE, "retry"),
    "retry_policy": (RESILIENCE, "retry"),
    "retry_count": (RESILIENCE, "retry"),
    "dagster/max_retries": (RESILIENCE, "retry"),
    "dagster/retry_strategy": (RESILIENCE, "retry"),
    "run_retries": (RESILIENCE, "retry"),
    # timeouts
    "execution_timeout": (RESILIENCE, "timeout"),
    "dagrun_timeout": (RESILIENCE, "timeout"),
    "timeout_seconds": (RESILIENCE, "timeout"),
    "dagster/max_runtime": (RESILIENCE, "timeout"),
    # caching
    "cache_policy": (RESILIENCE, "cache"),
    "cache_key_fn": (RESILIENCE, "cache"),
    "cache_expiration": (RESILIENCE, "cache"),
    "cache_key": (RESILIENCE, "cache"),
    "cache_expiration_seconds": (RESILIENCE, "cache"),
    # rate limits and concurrency
    "pool": (RESILIENCE, "concurrency"),
    "pool_slots": (RESILIENCE, "concurrency"),
    "max_active_tis_per_dag": (RESILIENCE, "concurrency"),
    "max_active_runs": (RESILIENCE, "concurrency"),
    "max_active_tasks": (RESILIENCE, "concurrency"),
    "concurrency_limit": (RESILIENCE, "concurrency"),
    "concurrency_key": (RESILIENCE, "concurrency"),
    "max_concurrent": (RESILIENCE, "concurrency"),
    "tag_concurrency_limits": (RESILIENCE, "concurrency"),
    "max_active_tis_per_dagrun": (RESILIENCE, "concurrency"),
    "max_concurrent_runs": (RESILIENCE, "concurrency"),
    "run_queue": (RESILIENCE, "concurrency"),
    # soft vs hard fail
    "fail_on_error": (FAIL_SEMANTICS, "fail-flag"),
    "warning_threshold": (FAIL_SEMANTICS, "fail-flag"),
    "soft_fail": (FAIL_SEMANTICS, "fail-flag"),
    "min_pass_rate": (FAIL_SEMANTICS, "fail-flag"),
    "max_failure_rate": (FAIL_SEMANTICS, "fail-flag"),
    "pass_threshold": (FAIL_SEMANTICS, "fail-flag"),
    "blocking": (FAIL_SEMANTICS, "fail-flag"),
    "default_severity": (FAIL_SEMANTICS, "dbt-severity"),
    "fail_task_on_validation_failure": (FAIL_SEMANTICS, "fail-flag"),
    "raise_on_failure": (FAIL_SEMANTICS, "fail-flag"),
    # alerting, SLAs, lineage
    "on_failure_callback": (OBSERVABILITY, "callback"),
    "on_success_callback": (OBSERVABILITY, "callback"),
    "on_retry_callback": (OBSERVABILITY, "callback"),
    "sla_miss_callback": (OBSERVABILITY, "callback"),
    "on_failure": (OBSERVABILITY, "callback"),
    "on_crashed": (OBSERVABILITY, "callback"),
    "on_completion": (OBSERVABILITY, "callback"),
    "on_cancellation": (OBSERVABILITY, "callback"),
    "on_warning_callback": (OBSERVABILITY, "callback"),
    "on_execute_callback": (OBSERVABILITY, "callback"),
    "on_skipped_callback": (OBSERVABILITY, "callback"),
    "email_on_failure": (OBSERVABILITY, "callback"),
    "email_on_retry": (OBSERVABILITY, "callback"),
    "freshness_policy": (OBSERVABILITY, "sla"),
    "sla": (OBSERVABILITY, "sla"),
    "observability": (OBSERVABILITY, "lineage"),
}

# Generic words that only count inside one host's files.
DBT_KEYS: dict[str, tuple[str, str]] = {
    "severity": (FAIL_SEMANTICS, "dbt-severity"),
    "+severity": (FAIL_SEMANTICS, "dbt-severity"),
    "warn_if": (FAIL_SEMANTICS, "dbt-severity"),
    "+warn_if": (FAIL_SEMANTICS, "dbt-severity"),
    "error_if": (FAIL_SEMANTICS, "dbt-severity"),
    "+error_if": (FAIL_SEMANTICS, "dbt-severity"),
}
DBT_PROFILE_KEYS: dict[str, tuple[str, str]] = {
    "threads": (RESILIENCE, "concurrency"),
    "connect_retries": (RESILIENCE, "retry"),
    "job_retries": (RESILIENCE, "retry"),
    "connect_timeout": (RESILIENCE, "timeout"),
    "job_execution_timeout_seconds": (RESILIENCE, "timeout"),
}
KESTRA_KEYS: dict[str, tuple[str, str]] = {
    "retry": (RESILIENCE, "kestra-flow"),
    "timeout": (RESILIENCE, "kestra-flow"),
    "concurrency": (RESILIENCE, "kestra-flow"),
    "errors": (OBSERVABILITY, "kestra-flow"),
    "allowFailure": (FAIL_SEMANTICS, "kestra-flow"),
}
MAGE_KEYS: dict[str, tuple[str, str]] = {
    "retry_config": (RESILIENCE, "mage-pipeline"),
    "timeout": (RESILIENCE, "mage-pipeline"),
    "notification_config": (OBSERVABILITY, "mage-pipeline"),
    "TRUTHOUND_TIMEOUT": (RESILIENCE, "timeout"),
}

# Calls reported as a whole: call name -> (item, rule)
SETTING_CALLS: dict[str, tuple[str, str]] = {
    "RetryPolicy": (RESILIENCE, "retry"),
    "concurrency": (RESILIENCE, "concurrency"),
    "rate_limit": (RESILIENCE, "concurrency"),
    "retry": (RESILIENCE, "retry"),
    "cached": (RESILIENCE, "cache"),
    "circuit_breaker": (RESILIENCE, "retry"),
    "SLAConfig": (OBSERVABILITY, "sla"),
    "SLAMonitor": (OBSERVABILITY, "sla"),
    "SLAResource": (OBSERVABILITY, "sla"),
    "SLAResourceConfig": (OBSERVABILITY, "sla"),
    "SLABlock": (OBSERVABILITY, "sla"),
    "SLARegistry": (OBSERVABILITY, "sla"),
    "QualityAlertCallback": (OBSERVABILITY, "sla"),
    "CallbackChain": (OBSERVABILITY, "sla"),
    "KestraNotificationHook": (OBSERVABILITY, "sla"),
    "FreshnessPolicy": (OBSERVABILITY, "sla"),
    "build_last_update_freshness_checks": (OBSERVABILITY, "sla"),
    "strict_check_task": (FAIL_SEMANTICS, "fail-preset"),
    "lenient_check_task": (FAIL_SEMANTICS, "fail-preset"),
}
# Suffixes of SLA / alert classes (DataQualitySLACallback, LoggingSLAHook, CompositeSLAHook, ...)
SLA_SUFFIXES: tuple[str, ...] = ("SLACallback", "SLAHook")
# Decorators that count when used bare (``@cached``), not only when called.
BARE_DECORATORS = frozenset({"retry", "cached", "rate_limit", "circuit_breaker"})

# Enum classes whose members are a fail-semantics choice (AssetCheckSeverity.WARN).
SEVERITY_ENUMS = frozenset({"AssetCheckSeverity"})

# Preset names such as STRICT_DQ_CONFIG or LENIENT_BLOCK_CONFIG.
PRESET_NAME = re.compile(r"^(STRICT|LENIENT)_[A-Z0-9_]+$")

# Where a bare `timeout=` keyword is the host's own task / sensor timeout.
TIMEOUT_CALLEE_SUFFIXES: tuple[str, ...] = ("Operator", "Sensor")


def call_setting(name: str) -> tuple[str, str] | None:
    if name in SETTING_CALLS:
        return SETTING_CALLS[name]
    if name.endswith(SLA_SUFFIXES):
        return (OBSERVABILITY, "sla")
    return None


def is_sla_callee(name: str) -> bool:
    """SLA objects compute their own ratios from counts, so their thresholds are sound."""
    return name.startswith("SLA") or name.endswith(SLA_SUFFIXES) or "SLA" in name
