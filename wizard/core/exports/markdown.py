"""The Markdown export: a pull-request comment or a CI step summary (GitHub-flavoured)."""

from __future__ import annotations

from typing import Any

from wizard.core.exports.sections import assemble
from wizard.core.kb.registry import engine_label, host_label
from wizard.core.kb.wording import doc_url
from wizard.core.safety.markup import code, text

ICONS = {"pass": "✅", "warn": "⚠️", "fail": "❌", "open": "⭕", "waived": "⏸️"}


def _header(doc: dict[str, Any]) -> str:
    decision = "✅ READY" if doc["ready"] else "❌ NOT READY"
    counts = " · ".join(f"{status} {number}" for status, number in doc["counts"].items())
    lines = [
        f"# Readiness review: {text(doc['title'])}",
        "",
        f"**Decision: {decision}** — {host_label(doc['host'])} with "
        f"{engine_label(doc['engine'])}, evaluated on {doc['evaluated_on']}",
        "",
        f"Items: {counts}  ",
        f"Sign-off: {text(doc['signoff_summary'])}  ",
        f"Content hash: {code(doc['content_hash'])} · knowledge base "
        f"{code(doc['knowledge_base'])} · truthound-readiness {text(doc['tool_version'])}",
        "",
    ]
    probe = doc.get("probe")
    if probe:
        lines.append(
            f"Probe: {text(probe['taken_at'])}, Python {text(probe['python_version'] or '?')} at "
            f"{code(probe['executable'] or '?')}, preflight "
            + ("ran" if probe["preflight_ran"] else "did not run")
            + "  "
        )
        lines += [f"- probe error: {text(error)}" for error in probe["errors"]]
        lines.append("")
    return "\n".join(lines) + "\n"


def _gate(doc: dict[str, Any]) -> str:
    gate = doc["gate"]
    roles = ", ".join(gate["required_roles"]) or "every role that signed"
    verdict = "passed" if gate["passed"] else "FAILED"
    lines = ["## Gate", "", f"Sign-off required from: {text(roles)} — **{verdict}**", ""]
    lines += [f"- {text(problem)}" for problem in gate["problems"]]
    return "\n".join(lines) + ("\n\n" if gate["problems"] else "\n")


def _overview(doc: dict[str, Any]) -> str:
    lines = ["## Items", "", "| Status | Item | Next step |", "| --- | --- | --- |"]
    for item in doc["items"]:
        lines.append(
            f"| {ICONS[item['status']]} {item['status']} | {text(item['title'])} "
            f"({code(item['id'])}) | {text(item['next_step']) or '—'} |"
        )
    return "\n".join(lines) + "\n\n"


def _item(item: dict[str, Any]) -> str:
    lines = [
        f"### {ICONS[item['status']]} {item['status'].upper()} — {text(item['title'])} "
        f"({code(item['id'])})",
        "",
    ]
    if item["reasons"]:
        lines += [f"- {text(reason)}" for reason in item["reasons"]]
        lines.append("")
    if item["evidence"]:
        lines.append("<details><summary>Evidence</summary>")
        lines.append("")
        for line in item["evidence"]:
            origin = line["provenance"] + (f", {line['by']}" if line.get("by") else "")
            when = f" at {line['at']}" if line.get("at") else ""
            lines.append(f"- {text(line['text'])} ({text(origin + when)})")
        lines += ["", "</details>", ""]
    if item["next_step"]:
        lines += [f"**Next step:** {text(item['next_step'])}", ""]
    lines.append(f"Guide: [{code(item['doc'])}]({doc_url(item['doc'])})")
    return "\n".join(lines) + "\n\n"


def _waivers(doc: dict[str, Any]) -> str:
    lines = ["## Waivers", ""]
    if not doc["waivers"]:
        return "\n".join([*lines, "None.", ""]) + "\n"
    lines += ["| Item | Owner | Expires | State | Reason |", "| --- | --- | --- | --- | --- |"]
    for waiver in doc["waivers"]:
        lines.append(
            f"| {code(waiver['item'])} | {text(waiver['owner'])} | {waiver['expires']} | "
            f"{waiver['state']} | {text(waiver['reason'])} |"
        )
    return "\n".join(lines) + "\n\n"


def _signoffs(doc: dict[str, Any]) -> str:
    lines = ["## Sign-offs", ""]
    if not doc["signoffs"]:
        return "\n".join([*lines, "None yet.", ""]) + "\n"
    lines += [
        "| # | Reviewer | Role | Decision | At | Ready then | State | Signature |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in doc["signoffs"]:
        signature = entry["signature"] + (f" {code(entry['signer'])}" if entry["signer"] else "")
        lines.append(
            f"| {entry['number']} | {text(entry['reviewer'])} | {text(entry['role'])} | "
            f"{entry['decision']} | {entry['at']} | {entry['readiness'] or '?'} | "
            f"{entry['state']} | {signature} |"
        )
    comments = [entry for entry in doc["signoffs"] if entry["comment"]]
    if comments:
        lines.append("")
        lines += [f"- #{entry['number']}: {text(entry['comment'])}" for entry in comments]
    return "\n".join(lines) + "\n\n"


def render_markdown(doc: dict[str, Any]) -> str:
    chunks = [("header", _header(doc))]
    if "gate" in doc:
        chunks.append(("gate", _gate(doc)))
    chunks.append(("overview", _overview(doc)))
    chunks += [(f"item/{item['id']}", _item(item)) for item in doc["items"]]
    chunks += [("waivers", _waivers(doc)), ("signoffs", _signoffs(doc))]
    return assemble(chunks)
