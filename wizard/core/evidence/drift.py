"""What changed in the target environment between two probes, as short human lines.

A review re-opened a week later must not silently trust evidence from a different runtime: an
upgraded host, a removed package or a preflight that now fails all invalidate earlier answers.
"""

from __future__ import annotations

from wizard.core.review.observations import PreflightResult, ProbeSnapshot, SmokeRun


def _failing(preflight: PreflightResult | None) -> set[str]:
    if preflight is None:
        return set()
    return {check.name for check in preflight.checks if check.status == "failed"}


def _passing(preflight: PreflightResult | None) -> set[str]:
    if preflight is None:
        return set()
    return {check.name for check in preflight.checks if check.status == "passed"}


def _environment_lines(old: ProbeSnapshot, new: ProbeSnapshot) -> list[str]:
    if old.environment is None or new.environment is None:
        return []
    lines: list[str] = []
    before, after = old.environment, new.environment
    if before.python_version != after.python_version:
        lines.append(f"python {before.python_version} -> {after.python_version}")
    if before.executable != after.executable:
        lines.append(f"interpreter {before.executable} -> {after.executable}")
    for name in sorted(set(before.packages) | set(after.packages)):
        was, now = before.packages.get(name), after.packages.get(name)
        if was == now:
            continue
        if now is None:
            lines.append(f"{name} now missing")
        elif was is None:
            lines.append(f"{name} now installed: {now}")
        else:
            lines.append(f"{name} {was} -> {now}")
    return lines


def _host_lines(old: ProbeSnapshot, new: ProbeSnapshot) -> list[str]:
    before = {verdict.name: verdict.verdict for verdict in old.hosts}
    lines: list[str] = []
    for verdict in new.hosts:
        was = before.get(verdict.name)
        if was is not None and was != verdict.verdict:
            lines.append(f"{verdict.name} verdict {was} -> {verdict.verdict}")
    return lines


def _preflight_lines(old: PreflightResult | None, new: PreflightResult | None) -> list[str]:
    if old is None or new is None:
        return []
    lines: list[str] = []
    if old.ran and not new.ran:
        lines.append(f"preflight no longer runs: {new.error or 'reason unknown'}")
    elif new.ran and not old.ran:
        lines.append("preflight runs again")
    was_failing = _failing(old)
    lines += [f"preflight now failing: {name}" for name in sorted(_failing(new) - was_failing)]
    lines += [f"preflight now passing: {name}" for name in sorted(was_failing & _passing(new))]
    return lines


def _smoke_failing(smoke: SmokeRun | None) -> set[str]:
    if smoke is None:
        return set()
    return {f"{c.engine} {c.operation}" for c in smoke.checks if c.passed is not True}


def _smoke_lines(old: SmokeRun | None, new: SmokeRun | None) -> list[str]:
    """Engine calls that started or stopped working (only when both probes made them)."""
    if old is None or new is None:
        return []
    was, now = _smoke_failing(old), _smoke_failing(new)
    passing = {f"{c.engine} {c.operation}" for c in new.checks if c.passed is True}
    lines = [f"smoke run now failing: {call}" for call in sorted(now - was)]
    return lines + [f"smoke run now passing: {call}" for call in sorted(was & passing)]


def probe_drift(old: ProbeSnapshot | None, new: ProbeSnapshot) -> list[str]:
    """Lines such as ``prefect 3.6.29 -> 3.9.1``; empty when there is nothing earlier to compare."""
    if old is None:
        return []
    return (
        _environment_lines(old, new)
        + _host_lines(old, new)
        + _preflight_lines(old.preflight, new.preflight)
        + _smoke_lines(old.smoke, new.smoke)
    )
