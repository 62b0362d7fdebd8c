"""The support matrix as typed data: Python lines, package ranges, and each host's tuples.

The host tuples come from the host registry (``hosts.toml``'s ``support`` tables) and the engine
facts from ``engines.toml``, so the matrix has no host or engine list of its own. The verdicts on
installed tuples live in ``wizard.core.evaluation.support``.
"""

from __future__ import annotations

from functools import lru_cache

from wizard.core.errors import BadInputError
from wizard.core.kb.registry import engines, hosts, kb_bytes
from wizard.core.plain import Plain
from wizard.core.records import field, record
from wizard.core.tomlfile import loads_toml


class _Facts(Plain):
    __twin_module__ = "wizard.core.kb.twins"


@record(frozen=True)
class PythonLine(_Facts):
    minimum: str
    primary: str
    canary: str


@record(frozen=True)
class OrchestrationFacts(_Facts):
    distribution: str
    install: str


@record(frozen=True)
class TruthoundFacts(_Facts):
    distribution: str
    package_range: str
    runtime_range: str
    install: str
    doc: str


@record(frozen=True)
class TestedTuple(_Facts):
    version: str
    python: str


@record(frozen=True)
class DbtCore(_Facts):
    range: str
    primary: str
    primary_adapter: str
    primary_adapter_version: str
    primary_python: str


@record(frozen=True)
class DbtAdapter(_Facts):
    distribution: str
    range: str
    executed: bool = False


@record(frozen=True)
class HostFacts(_Facts):
    label: str
    distributions: list[str]
    doc: str
    install: str
    minimum: TestedTuple | None = None
    primary: TestedTuple | None = None
    version_anchor: bool = True
    minimum_note: str | None = None
    extra_note: str | None = None
    anchorless_note: str | None = None
    core: DbtCore | None = None
    adapters: dict[str, DbtAdapter] = field(default_factory=dict)


@record(frozen=True)
class EngineFacts(_Facts):
    label: str
    aliases: list[str]
    distribution: str
    unsupported: list[str]
    doc: str
    install: str
    tested_range: str | None = None


@record(frozen=True)
class SupportMatrix(_Facts):
    schema_version: int
    upstream_release: str
    general_doc: str
    python: PythonLine
    orchestration: OrchestrationFacts
    truthound: TruthoundFacts
    hosts: dict[str, HostFacts]
    engines: dict[str, EngineFacts]


@lru_cache(maxsize=1)
def load_matrix() -> SupportMatrix:
    """Read and validate the matrix, with the registry's hosts and engines, once per process."""
    data = loads_toml(kb_bytes("matrix.toml").decode("utf-8"))
    data["hosts"] = {
        entry.id: {
            "label": entry.label,
            "distributions": list(entry.distributions),
            **entry.support,
        }
        for entry in hosts()
    }
    data["engines"] = {
        entry.id: {
            "label": entry.label,
            "aliases": list(entry.aliases),
            "distribution": entry.distribution,
            "unsupported": list(entry.unsupported),
            "doc": entry.doc,
            "install": entry.install,
            "tested_range": entry.tested_range,
        }
        for entry in engines()
    }
    return SupportMatrix.model_validate(data)


# ---------------------------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------------------------


def canonical_engine(name: str | None) -> str | None:
    """The built-in engine a name or alias means, the way the shared resolver reads it.

    ``None`` or blank means the default (truthound). An unknown name returns ``None``: it may
    still be a custom engine registered through entry points, which only the real preflight in
    the target interpreter can resolve.
    """
    cleaned = (name or "").strip().lower()
    if not cleaned:
        return "truthound"
    for canonical, facts in load_matrix().engines.items():
        if cleaned == canonical or cleaned in facts.aliases:
            return canonical
    return None


def _engine_facts(engine: str) -> EngineFacts:
    canonical = canonical_engine(engine)
    if canonical is None:
        known = ", ".join(sorted(load_matrix().engines))
        raise BadInputError(
            f"engine {engine!r} is not one of the built-in engines ({known}); use one of those "
            "names or an alias such as 'ge', or check the spelling."
        )
    return load_matrix().engines[canonical]


def engine_distribution(engine: str) -> str:
    """The PyPI distribution that must be installed for ``engine`` to execute checks."""
    return _engine_facts(engine).distribution


def unsupported_operations(engine: str) -> set[str]:
    """Operations the engine's capability matrix reports as unsupported (preflight fails them)."""
    return set(_engine_facts(engine).unsupported)


def engine_facts(engine: str) -> EngineFacts:
    return _engine_facts(engine)
