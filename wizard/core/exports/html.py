"""The HTML export: one self-contained page for the audit trail.

No external URL or asset of any kind (no links, images, fonts, scripts): the page must render
the same in ten years from an archive with no network. CSS is inline; every value is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from wizard.core.exports.sections import assemble
from wizard.core.kb.registry import engine_label, host_label
from wizard.core.kb.wording import doc_url
from wizard.core.safety.terminal import block

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d232b;
  padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 1px solid #d5dbe3; padding-bottom: .2rem; margin-top: 2rem; }
code { background: #f0f2f5; padding: 0 .25rem; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #d5dbe3; padding: .3rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
.decision { font-size: 1.2rem; font-weight: 700; padding: .5rem .8rem; border-radius: 4px;
  display: inline-block; }
.ready { background: #dff3e4; color: #14532d; } .not-ready { background: #fde2e1; color: #7f1d1d; }
.status { font-weight: 700; text-transform: uppercase; font-size: .8rem; padding: .1rem .4rem;
  border-radius: 3px; }
.pass { background: #dff3e4; } .fail { background: #fde2e1; } .warn { background: #fff4d6; }
.open { background: #e4e9f2; } .waived { background: #ece4f7; }
.item { border: 1px solid #d5dbe3; border-radius: 4px; padding: .5rem 1rem; margin: .8rem 0; }
.muted { color: #5b6573; font-size: .9rem; }
"""


def esc(value: object) -> str:
    return escape(block(str(value)), quote=True)


def _status(status: str) -> str:
    return f'<span class="status {esc(status)}">{esc(status)}</span>'


def _head(doc: dict[str, Any]) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Readiness review: {esc(doc['title'])}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
    )


def _header(doc: dict[str, Any]) -> str:
    ready = doc["ready"]
    counts = ", ".join(f"{esc(status)} {number}" for status, number in doc["counts"].items())
    parts = [
        f"<h1>Readiness review: {esc(doc['title'])}</h1>",
        f'<p class="decision {"ready" if ready else "not-ready"}">'
        f"{'READY' if ready else 'NOT READY'}</p>",
        f"<p>{esc(host_label(doc['host']))} with "
        f"{esc(engine_label(doc['engine']))}, evaluated on "
        f"{esc(doc['evaluated_on'])}. Items: {counts}.</p>",
        f"<p>Sign-off: {esc(doc['signoff_summary'])}</p>",
        f'<p class="muted">Content hash <code>{esc(doc["content_hash"])}</code>, knowledge '
        f"base <code>{esc(doc['knowledge_base'])}</code>, truthound-readiness "
        f"{esc(doc['tool_version'])}</p>",
    ]
    probe = doc.get("probe")
    if probe:
        parts.append(
            f'<p class="muted">Probe taken {esc(probe["taken_at"])}: Python '
            f"{esc(probe['python_version'] or '?')} at <code>{esc(probe['executable'] or '?')}"
            f"</code>; preflight {'ran' if probe['preflight_ran'] else 'did not run'}.</p>"
        )
        parts += [f'<p class="muted">Probe error: {esc(error)}</p>' for error in probe["errors"]]
    return "\n".join(parts) + "\n"


def _gate(doc: dict[str, Any]) -> str:
    gate = doc["gate"]
    roles = ", ".join(gate["required_roles"]) or "every role that signed"
    problems = "".join(f"<li>{esc(problem)}</li>" for problem in gate["problems"])
    return (
        f"<h2>Gate</h2>\n<p>Sign-off required from {esc(roles)}: "
        f"<strong>{'passed' if gate['passed'] else 'FAILED'}</strong></p>\n"
        + (f"<ul>{problems}</ul>\n" if problems else "")
    )


def _overview(doc: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{_status(item['status'])}</td><td>{esc(item['title'])} "
        f"<code>{esc(item['id'])}</code></td><td>{esc(item['next_step']) or '—'}</td></tr>\n"
        for item in doc["items"]
    )
    return (
        "<h2>Items</h2>\n<table>\n<tr><th>Status</th><th>Item</th><th>Next step</th></tr>\n"
        f"{rows}</table>\n"
    )


def _item(item: dict[str, Any]) -> str:
    parts = [
        f'<section class="item" id="item-{esc(item["id"])}">',
        f"<h3>{_status(item['status'])} {esc(item['title'])} <code>{esc(item['id'])}</code></h3>",
    ]
    if item["reasons"]:
        parts.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in item["reasons"]) + "</ul>")
    if item["evidence"]:
        rows = "".join(
            f'<li>{esc(line["text"])} <span class="muted">({esc(line["provenance"])}'
            + (f", {esc(line['by'])}" if line.get("by") else "")
            + (f" at {esc(line['at'])}" if line.get("at") else "")
            + ")</span></li>"
            for line in item["evidence"]
        )
        parts.append(f"<details><summary>Evidence</summary><ul>{rows}</ul></details>")
    if item["next_step"]:
        parts.append(f"<p><strong>Next step:</strong> {esc(item['next_step'])}</p>")
    guide = f'<a href="{esc(doc_url(item["doc"]))}"><code>{esc(item["doc"])}</code></a>'
    parts.append(f'<p class="muted">Guide: {guide}</p>')
    parts.append("</section>")
    return "\n".join(parts) + "\n"


def _waivers(doc: dict[str, Any]) -> str:
    if not doc["waivers"]:
        return "<h2>Waivers</h2>\n<p>None.</p>\n"
    rows = "".join(
        f"<tr><td><code>{esc(w['item'])}</code></td><td>{esc(w['owner'])}</td>"
        f"<td>{esc(w['expires'])}</td><td>{esc(w['state'])}</td><td>{esc(w['reason'])}</td></tr>\n"
        for w in doc["waivers"]
    )
    return (
        "<h2>Waivers</h2>\n<table>\n<tr><th>Item</th><th>Owner</th><th>Expires</th><th>State"
        f"</th><th>Reason</th></tr>\n{rows}</table>\n"
    )


def _signoffs(doc: dict[str, Any]) -> str:
    if not doc["signoffs"]:
        return "<h2>Sign-offs</h2>\n<p>None yet.</p>\n"
    rows = []
    for entry in doc["signoffs"]:
        signer = f" <code>{esc(entry['signer'])}</code>" if entry["signer"] else ""
        comment = esc(entry["comment"]) if entry["comment"] else ""
        rows.append(
            f"<tr><td>{entry['number']}</td><td>{esc(entry['reviewer'])}</td>"
            f"<td>{esc(entry['role'])}</td><td>{esc(entry['decision'])}</td>"
            f"<td>{esc(entry['at'])}</td><td>{esc(entry['readiness'] or '?')}</td>"
            f"<td>{esc(entry['state'])}</td><td>{esc(entry['signature'])}{signer}</td>"
            f"<td>{comment}</td></tr>\n"
        )
    return (
        "<h2>Sign-offs</h2>\n<table>\n<tr><th>#</th><th>Reviewer</th><th>Role</th>"
        "<th>Decision</th><th>At</th><th>Ready then</th><th>State</th><th>Signature</th>"
        f"<th>Comment</th></tr>\n{''.join(rows)}</table>\n"
    )


def render_html(doc: dict[str, Any]) -> str:
    chunks = [("head", _head(doc)), ("header", _header(doc))]
    if "gate" in doc:
        chunks.append(("gate", _gate(doc)))
    chunks.append(("overview", _overview(doc)))
    chunks += [(f"item/{item['id']}", _item(item)) for item in doc["items"]]
    chunks += [
        ("waivers", _waivers(doc)),
        ("signoffs", _signoffs(doc)),
        ("end", "</body>\n</html>\n"),
    ]
    return assemble(chunks)
