"""The ``probe`` command's text report, from the same payload its ``--json`` prints."""

from __future__ import annotations

from typing import Any

from wizard.core.safety.terminal import one_line


def probe_text(payload: dict[str, Any], host: str | None) -> str:
    python = payload["python"] or {}
    lines = [
        f"Python {python.get('version')} ({python.get('implementation')}) at "
        f"{python.get('executable')}",
        "",
        "Packages:",
    ]
    packages = payload["packages"]
    lines += [f"  {name} {version}" for name, version in sorted(packages.items())] or ["  (none)"]
    lines += ["", "Hosts:"]
    for verdict in payload["hosts"]:
        chosen = " (chosen)" if verdict["name"] == host else ""
        lines.append(f"  {verdict['name']}{chosen}: {verdict['verdict']} - {verdict['reason']}")
    if not payload["hosts"]:
        lines.append("  no host distribution installed and no host chosen")
    preflight = payload["preflight"] or {}
    lines.append("")
    if not preflight.get("ran"):
        lines.append(f"Preflight did not run: {preflight.get('error')}")
    else:
        state = "compatible" if preflight.get("compatible") else "NOT compatible"
        lines.append(
            f"Preflight ({preflight.get('engine_name')} {preflight.get('engine_version')}): {state}"
        )
    for check in preflight.get("checks", []):
        mark = " [wizard]" if check["origin"] == "wizard" else ""
        lines.append(f"  {check['status']:<7} {check['name']}{mark}: {check['message']}")
    lines += _evidence_text(payload)
    if "drift" in payload:
        lines += ["", "Changed since the previous probe:"]
        lines += [f"  {line}" for line in payload["drift"]] or ["  nothing"]
    # Each line goes out on its own: a newline or escape in a probed string cannot forge a line.
    return "\n".join(one_line(line) for line in lines)


def _evidence_text(payload: dict[str, Any]) -> list[str]:
    """The smoke run, the rule check and the project load, one line per finding."""
    lines = ["", "Engine smoke run (real calls in the target):"]
    run = payload["smoke_run"] or {}
    if run and not run.get("ran"):
        lines.append(f"  could not run: {run.get('error')}")
    for check in payload["smoke"] if run.get("ran") else []:
        state = "passed" if check["passed"] else ("failed" if check["ran"] else "not run")
        role = "" if check["role"] == "primary" else " [fallback]"
        lines.append(
            f"  {state:<7} {check['engine']} {check['operation']}{role}: {check['message']}"
        )
    if not run:
        lines.append("  not run (no preflight inputs)")
    rules = payload["rules"]
    if rules is not None:
        lines += ["", f"Rule check ({rules.get('validator') or 'not validated'}):"]
        if not rules["ran"]:
            lines.append(f"  could not run: {rules['error']}")
        for finding in rules["findings"]:
            verdict = (
                "ignored" if finding["ignored"] else ("valid" if finding["valid"] else "INVALID")
            )
            detail = "; ".join(finding["errors"] + finding["warnings"])
            where = f"{finding['file']}:{finding['line']}"
            lines.append(f"  {verdict:<7} {where} [{finding['engine']}] {finding['rule']} {detail}")
        lines += [f"  differs: {line}" for line in rules["differing"]]
        if not rules["findings"]:
            lines.append("  no rule definitions found")
    load = payload["load"]
    if load is not None:
        lines += [
            "",
            f"Project load (ran the project's code; {load.get('loader') or 'no loader'}):",
        ]
        if not load["ran"]:
            lines.append(f"  could not run: {load['error']}")
        for error in load["import_errors"]:
            lines.append(f"  FAILED  {error['file']}:{error['line']}: {error['message']}")
        if load["ran"]:
            lines.append(f"  loaded: {', '.join(load['loaded']) or 'nothing'}")
    return lines
