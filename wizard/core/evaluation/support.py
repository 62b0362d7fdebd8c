"""Verdicts on installed tuples: where a host, Truthound or an engine sits on the support matrix.

Pure: callers hand in the package versions and Python version a probe found (or the answers
claim) and get back where that tuple sits on the matrix. Every version comparison goes through
``packaging``, so pre-releases, post-releases and ``1.10`` vs ``1.10.0`` are handled the way pip
handles them.
"""

from __future__ import annotations

from collections.abc import Mapping

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from wizard.core.errors import BadInputError
from wizard.core.kb.matrix import DbtCore, HostFacts, load_matrix
from wizard.core.review.observations import HostVerdict, Verdict
from wizard.core.safety.credentials import quoted

# ---------------------------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------------------------


def _parse(version: str) -> Version | None:
    try:
        return Version(version)
    except InvalidVersion:
        return None


def _within(version: Version, spec: str) -> bool:
    return SpecifierSet(spec).contains(version, prereleases=True)


def _python_line(python_version: str | None) -> Version | None:
    """``3.12.4`` -> ``3.12``: tuples on the matrix are defined per minor line."""
    if python_version is None:
        return None
    parsed = _parse(python_version)
    if parsed is None:
        return None
    return Version(f"{parsed.major}.{parsed.minor}")


def _same(a: Version, b: str) -> bool:
    return a == Version(b)


def truthound_verdict(packages: Mapping[str, str]) -> tuple[bool, str]:
    """Whether the installed truthound can execute checks through the adapter."""
    facts = load_matrix().truthound
    installed = packages.get(facts.distribution)
    if installed is None:
        return False, (
            f"truthound is not installed; the adapter needs {facts.runtime_range}. "
            f"Run `{facts.install}` and read {facts.doc}."
        )
    parsed = _parse(installed)
    if parsed is None:
        return False, f"truthound reports the unreadable version {installed!r}; reinstall it."
    if _within(parsed, facts.runtime_range):
        return True, f"truthound {installed} is inside the adapter's range {facts.runtime_range}."
    if _within(parsed, facts.package_range):
        return False, (
            f"truthound {installed} satisfies the package dependency {facts.package_range} but the "
            f"adapter refuses to execute below or above {facts.runtime_range}, so every check "
            f"would fail at run time. Run `{facts.install}`; read {facts.doc}."
        )
    return False, (
        f"truthound {installed} is outside {facts.runtime_range}; the 3.x adapter cannot run it. "
        f"Run `{facts.install}`; read {facts.doc}."
    )


def _python_problem(python: Version | None, host: str) -> tuple[Verdict, str] | None:
    """A verdict forced by the Python line alone, whatever the host version."""
    line = load_matrix().python
    if python is None:
        return None
    if python < Version(line.minimum):
        return "unsupported", (
            f"Python {python} is below {line.minimum} and unsupported: every "
            f"truthound-orchestration release requires Python >= {line.minimum}, so nothing can be "
            f"installed into it; run the pipeline on a Python {line.minimum}+ interpreter"
        )
    if python > Version(line.primary):
        return "untested-newer", (
            f"Python {python} is newer than any tested {host} lane (only the shared runtime runs "
            f"a nightly canary on {line.canary}; hosts are tested on {line.minimum} and "
            f"{line.primary})"
        )
    return None


Judgement = tuple[Verdict, str]


def _installed_distribution(facts: HostFacts, packages: Mapping[str, str]) -> tuple[str, str]:
    for distribution in facts.distributions:
        if distribution in packages:
            return distribution, packages[distribution]
    raise KeyError(facts.distributions[0])


def host_is_installed(host: str, packages: Mapping[str, str]) -> bool:
    facts = load_matrix().hosts[host]
    return any(distribution in packages for distribution in facts.distributions)


def _unknown_host(host: str) -> BadInputError:
    known = ", ".join(load_matrix().hosts)
    return BadInputError(f"host {quoted(host)} is not on the support matrix; use one of {known}.")


def host_verdict(host: str, packages: Mapping[str, str], python_version: str | None) -> HostVerdict:
    """Where ``host``'s installed tuple sits on the support matrix."""
    facts = load_matrix().hosts.get(host)
    if facts is None:
        raise _unknown_host(host)
    version: str | None = None
    too_old = _python_problem(_python_line(python_version), facts.label)
    if not host_is_installed(host, packages):
        wanted = " or ".join(facts.distributions)
        judgement: Judgement = (
            "missing",
            f"{wanted} is not installed in the probed interpreter; {facts.install}",
        )
        if too_old is not None and too_old[0] == "unsupported":
            # Installing the host here cannot help: the interpreter itself is the problem.
            judgement = (
                "unsupported",
                f"{too_old[1]} ({wanted} is not installed in it either)",
            )
    elif facts.core is not None:
        version = packages[facts.distributions[0]]
        judgement = _judge_dbt(facts, facts.core, packages, _python_line(python_version))
    else:
        distribution, version = _installed_distribution(facts, packages)
        judgement = _judge_host(facts, distribution, version, _python_line(python_version))
    verdict, reason = judgement
    return HostVerdict(
        name=host,
        version=version,
        verdict=verdict,
        reason=f"{reason}. Read {facts.doc}.",
        doc=facts.doc,
    )


def _judge_host(
    facts: HostFacts, distribution: str, installed: str, python: Version | None
) -> Judgement:
    label = f"{facts.label} {installed}"
    parsed = _parse(installed)
    if parsed is None:
        reason = f"{distribution} reports the unreadable version {installed!r}"
        return "unsupported", f"{reason}, so it cannot be placed on the matrix"
    minimum, primary = facts.minimum, facts.primary
    if not facts.version_anchor or minimum is None or primary is None:
        forced = _python_problem(python, facts.label)
        if forced is not None:
            return forced[0], f"{label}: {forced[1]}"
        return (
            "in-range",
            f"{label} is present, which is all the contract asks; {facts.anchorless_note}",
        )
    if parsed < Version(minimum.version):
        return (
            "unsupported",
            f"{label} is below the minimum supported {facts.label} {minimum.version}",
        )
    forced = _python_problem(python, facts.label)
    if forced is not None:
        return forced[0], f"{label}: {forced[1]}"
    if parsed > Version(primary.version):  # a post-release of the primary counts as newer
        reason = f"{label} is newer than the primary tested {facts.label} {primary.version}"
        return "untested-newer", f"{reason}; it may work but no CI lane covers it"
    note = f" ({facts.extra_note})" if facts.extra_note else ""
    if python is None:
        reason = f"{label} is inside the supported range, but the Python version is unknown"
        return "in-range", f"{reason}, so the exact tested tuple cannot be confirmed{note}"
    on = f"{label} on Python {python}"
    if _same(parsed, primary.version) and _same(python, primary.python):
        return "primary", f"{on} is the primary tuple CI tests on every change{note}"
    if _same(parsed, minimum.version) and _same(python, minimum.python):
        extra = f"; {facts.minimum_note}" if facts.minimum_note else ""
        return "minimum", f"{on} is the minimum tuple CI tests at release{extra}{note}"
    tested = {minimum.version: minimum.python, primary.version: primary.python}
    if any(_same(parsed, version) for version in tested):
        # A tested host version on a Python line CI does not pair it with.
        paired = next(line for version, line in tested.items() if _same(parsed, version))
        return "in-range", (
            f"{on}: {facts.label} {installed} is a tested version, but CI tests it on Python "
            f"{paired} only: inside the contract but not a tested pair{note}"
        )
    return "in-range", (
        f"{on} lies between the minimum ({minimum.version} on Python {minimum.python}) and the "
        f"primary ({primary.version} on Python {primary.python}) tuples: inside the contract but "
        f"not a tested pair{note}"
    )


def _judge_dbt(
    facts: HostFacts, core: DbtCore, packages: Mapping[str, str], python: Version | None
) -> Judgement:
    installed = packages[facts.distributions[0]]
    parsed = _parse(installed)
    label = f"dbt-core {installed}"
    if parsed is None or not _within(parsed, core.range):
        return "unsupported", (
            f"{label} is outside the tested core range {core.range}; truthound's dbt extra pins "
            "that range and CI compiles only against it"
        )
    adapters = [
        (adapter, packages[adapter.distribution])
        for adapter in facts.adapters.values()
        if adapter.distribution in packages
    ]
    if not adapters:
        names = ", ".join(adapter.distribution for adapter in facts.adapters.values())
        return "missing", (
            f"{label} is installed but no supported adapter is ({names}); dbt cannot run without "
            f"one. {facts.install}"
        )
    for adapter, version in adapters:
        adapter_version = _parse(version)
        if adapter_version is None or not _within(adapter_version, adapter.range):
            return "unsupported", (
                f"{adapter.distribution} {version} is outside the tested adapter range "
                f"{adapter.range} (with {label})"
            )
    forced = _python_problem(python, facts.label)
    if forced is not None:
        return forced[0], f"{label}: {forced[1]}"
    listing = f"{label} with " + ", ".join(f"{a.distribution} {v}" for a, v in adapters)
    compile_only = [adapter.distribution for adapter, _ in adapters if not adapter.executed]
    caveat = (
        f"; {', '.join(compile_only)} is only compile-tested (CI executes against postgres only)"
        if compile_only
        else ""
    )
    primary_adapter = facts.adapters[core.primary_adapter]
    primary_installed = packages.get(primary_adapter.distribution)
    if (
        python is not None
        and _same(parsed, core.primary)
        and primary_installed is not None
        and _same(Version(primary_installed), core.primary_adapter_version)
        and _same(python, core.primary_python)
    ):
        return "primary", f"{listing} on Python {python} matches the tuple CI executes{caveat}"
    where = f" on Python {python}" if python is not None else " (Python version unknown)"
    return "in-range", (
        f"{listing}{where} is inside the tested ranges but not the exact executed tuple "
        f"(dbt-core {core.primary} + {primary_adapter.distribution} "
        f"{core.primary_adapter_version} on Python {core.primary_python}){caveat}"
    )


def host_verdicts(
    packages: Mapping[str, str], python_version: str | None, chosen_host: str | None
) -> list[HostVerdict]:
    """One verdict per installed host, plus the chosen host even when it is not installed.

    Hosts are detected only from their distributions: the base wheel ships every
    ``truthound_<host>`` module, so importable modules say nothing about what is in use.
    """
    hosts = load_matrix().hosts
    if chosen_host is not None and chosen_host not in hosts:
        raise _unknown_host(chosen_host)
    return [
        host_verdict(host, packages, python_version)
        for host in hosts
        if host == chosen_host or host_is_installed(host, packages)
    ]
