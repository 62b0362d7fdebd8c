"""The question ids that code refers to, each written once.

Rules, probes and front ends name a question through these constants, never through a string
literal: ``load_knowledge`` refuses to load when one of them names no question, so renaming a
question in ``questions.toml`` cannot silently switch a rule off (a test also checks that no
module outside this one spells a question id).
"""

from __future__ import annotations

RUNTIME_PYTHON = "runtime.python_version"
RUNTIME_HOST_VERSION = "runtime.host_version"
RUNTIME_DBT_ADAPTER = "runtime.dbt_adapter"
RUNTIME_DBT_ADAPTER_VERSION = "runtime.dbt_adapter_version"
RUNTIME_TRUTHOUND_VERSION = "runtime.truthound_version"
SOURCE_KIND = "source.kind"
SOURCE_REFERENCE = "source.reference"
SOURCE_CONNECTION = "source.connection"
ENGINE_FALLBACK = "engine.fallback"
ENGINE_FALLBACK_ENGINES = "engine.fallback_engines"
ENGINE_OPERATIONS = "engine.operations"
PREFLIGHT_POLICY = "preflight.auto_config_policy"
RULES_STYLE = "rules.style"
FAIL_WARNING_THRESHOLD = "fail.warning_threshold"
OBS_BACKEND = "obs.backend"
OBS_OPENLINEAGE_ENDPOINT = "obs.openlineage_endpoint"


# Answers that change what the preflight is asked: a newer one makes the last run outdated.
PREFLIGHT_INPUTS: tuple[str, ...] = (
    SOURCE_KIND,
    SOURCE_REFERENCE,
    SOURCE_CONNECTION,
    ENGINE_OPERATIONS,
    ENGINE_FALLBACK,
    ENGINE_FALLBACK_ENGINES,
    PREFLIGHT_POLICY,
    OBS_BACKEND,
    OBS_OPENLINEAGE_ENDPOINT,
)


def named_ids() -> dict[str, str]:
    """Every constant of this module: name -> question id (checked against the knowledge base)."""
    return {
        name: value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, str)
    }
