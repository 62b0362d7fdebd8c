"""The JUnit XML export: one test case per checklist item, so CI shows failures natively.

fail, open and warn are failures (the review is not ready while any remains); waived is skipped
with the waiver's reason; pass passes. When ``check`` enforces a sign-off gate, a second suite
holds one case per required role.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from wizard.core.exports.sections import assemble
from wizard.core.safety.credentials import redact

_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: object) -> str:
    return _NOT_XML.sub("?", redact(str(value)))


def attr(value: object) -> str:
    return quoteattr(_clean(value))


def body(value: object) -> str:
    return escape(_clean(value))


def _layer_of(doc: dict[str, Any]) -> dict[str, str]:
    return {item: layer["id"] for layer in doc["layers"] for item in layer["items"]}


def _open(doc: dict[str, Any]) -> str:
    items = doc["items"]
    failures = sum(1 for item in items if item["status"] in ("fail", "open", "warn"))
    skipped = sum(1 for item in items if item["status"] == "waived")
    gate = doc.get("gate")
    gate_cases = len(gate["cases"]) if gate else 0
    gate_failures = sum(1 for case in gate["cases"] if case["problem"]) if gate else 0
    properties = [
        ("content_hash", doc["content_hash"]),
        ("ready", "true" if doc["ready"] else "false"),
        ("host", doc["host"]),
        ("engine", doc["engine"]),
        ("knowledge_base", doc["knowledge_base"]),
        ("evaluated_on", doc["evaluated_on"]),
        ("signoff_state", doc["signoff_state"]),
        ("tool_version", doc["tool_version"]),
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="truthound-readiness" tests="{len(items) + gate_cases}" '
        f'failures="{failures + gate_failures}" skipped="{skipped}" errors="0">',
        f'<testsuite name={attr("readiness: " + doc["title"])} tests="{len(items)}" '
        f'failures="{failures}" skipped="{skipped}" errors="0">',
        "<properties>",
        *(f"<property name={attr(name)} value={attr(value)}/>" for name, value in properties),
        "</properties>",
    ]
    return "\n".join(lines) + "\n"


def _details(item: dict[str, Any]) -> str:
    lines = [f"{item['status'].upper()}: {item['title']} ({item['id']})"]
    lines += [f"- {reason}" for reason in item["reasons"]]
    if item["evidence"]:
        lines.append("Evidence:")
        lines += [f"- {line['text']} ({line['provenance']})" for line in item["evidence"]]
    if item["next_step"]:
        lines.append(f"Next step: {item['next_step']}")
    lines.append(f"Guide: {item['doc']}")
    return "\n".join(lines)


def _case(item: dict[str, Any], layer: str) -> str:
    head = f"<testcase classname={attr('readiness.' + layer)} name={attr(item['id'])}"
    status = item["status"]
    if status == "pass":
        evidence = "\n".join(line["text"] for line in item["evidence"])
        inner = f"<system-out>{body(evidence)}</system-out>" if evidence else ""
        return f"{head}>{inner}</testcase>\n" if inner else f"{head}/>\n"
    if status == "waived":
        waiver = item.get("waiver") or {}
        message = (
            f"waived by {waiver.get('owner', '?')} until {waiver.get('expires', '?')}: "
            f"{waiver.get('reason', '')}"
        )
        return f"{head}><skipped message={attr(message)}/></testcase>\n"
    first = item["reasons"][0] if item["reasons"] else status
    return (
        f"{head}><failure type={attr(status)} message={attr(first)}>"
        f"{body(_details(item))}</failure></testcase>\n"
    )


def _gate_suite(doc: dict[str, Any]) -> str:
    gate = doc["gate"]
    cases = gate["cases"]
    failures = sum(1 for case in cases if case["problem"])
    lines = [
        f'<testsuite name="sign-off gate" tests="{len(cases)}" failures="{failures}" '
        'skipped="0" errors="0">'
    ]
    for case in cases:
        head = f'<testcase classname="readiness.signoff" name={attr(case["name"])}'
        if case["problem"]:
            lines.append(
                f'{head}><failure type="signoff" message={attr(case["problem"])}/></testcase>'
            )
        else:
            lines.append(f"{head}/>")
    lines.append("</testsuite>")
    return "\n".join(lines) + "\n"


def _suite_end(doc: dict[str, Any]) -> str:
    probe = doc.get("probe")
    lines = [f"sign-off: {doc['signoff_summary']}"]
    if probe:
        lines.append(
            f"probe taken {probe['taken_at']}: Python {probe['python_version'] or '?'} at "
            f"{probe['executable'] or '?'}"
        )
        lines += [f"probe error: {error}" for error in probe["errors"]]
    return f"<system-out>{body(chr(10).join(lines))}</system-out>\n</testsuite>\n"


def render_junit(doc: dict[str, Any]) -> str:
    layers = _layer_of(doc)
    chunks = [("header", _open(doc))]
    chunks += [
        (f"item/{item['id']}", _case(item, layers.get(item["id"], "other")))
        for item in doc["items"]
    ]
    chunks.append(("items-end", _suite_end(doc)))
    if "gate" in doc:
        chunks.append(("gate", _gate_suite(doc)))
    chunks.append(("end", "</testsuites>\n"))
    return assemble(chunks)
