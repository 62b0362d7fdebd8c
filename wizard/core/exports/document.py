"""The export document: one plain-data view every export format renders from.

Built only from ``evaluate(...)`` (through ``evaluation_to_dict``) and the sign-off summary, so an
export can never disagree with ``check``. The JSON export is this document as it is; Markdown,
HTML and JUnit are views of it. Free text goes through ``redact`` once more on the way out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wizard.core.evaluation.evaluate import Evaluation
from wizard.core.evaluation.report import evaluation_to_dict
from wizard.core.review.model import Review
from wizard.core.safety.credentials import redact_value
from wizard.core.signoff.content_hash import iso_utc
from wizard.core.signoff.gate import SignOffSummary

EXPORT_SCHEMA = "truthound-readiness/export@1"


def _next_step(item: dict[str, Any], open_questions: list[str]) -> str:
    status = item["status"]
    if status == "pass":
        return ""
    if status == "waived":
        waiver = item.get("waiver") or {}
        return (
            f"Waived until {waiver.get('expires', '?')}: fix it before then, or have "
            f"{waiver.get('owner', 'the owner')} renew the waiver."
        )
    if status == "open":
        pending = [question for question in item["questions"] if question in open_questions]
        which = ", ".join(pending) if pending else "the questions feeding this item"
        return f"Answer or confirm {which}; see {item['doc']}."
    mode = item.get("failure_mode")
    if mode:
        return f"Likely cause: {mode['cause']} Read {mode['read_first']} first, then {item['doc']}."
    return f"Read {item['doc']} and change what the reasons above name."


def _probe(review: Review) -> dict[str, Any] | None:
    snapshot = review.probe
    if snapshot is None:
        return None
    environment = snapshot.environment
    preflight = snapshot.preflight
    return {
        "taken_at": iso_utc(snapshot.taken_at),
        "executable": environment.executable if environment else None,
        "python_version": environment.python_version if environment else None,
        "preflight_ran": preflight.ran if preflight else None,
        "preflight_compatible": preflight.compatible if preflight else None,
        "errors": list(snapshot.errors),
    }


def _waivers(review: Review, today: date) -> list[dict[str, Any]]:
    return [
        {
            "item": waiver.item,
            "owner": waiver.owner,
            "reason": waiver.reason,
            "expires": waiver.expires.isoformat(),
            "created": waiver.created.isoformat() if waiver.created else None,
            "state": "active" if waiver.active_on(today) else "expired",
            "author": waiver.author,
            "approvals": [
                {"by": approval.by, "role": approval.role, "at": iso_utc(approval.at)}
                for approval in waiver.approvals
            ],
        }
        for waiver in sorted(review.waivers, key=lambda waiver: (waiver.expires, waiver.item))
    ]


def signoffs_to_dicts(summary: SignOffSummary) -> list[dict[str, Any]]:
    return [
        {
            "number": entry.number,
            "reviewer": entry.signoff.reviewer,
            "role": entry.signoff.role,
            "decision": entry.signoff.decision,
            "at": iso_utc(entry.signoff.at),
            "comment": entry.signoff.comment,
            "readiness": entry.signoff.readiness,
            "content_hash": entry.signoff.content_hash,
            "state": entry.state,
            "signature": entry.signature,
            "signer": entry.signoff.signer,
            "principal": entry.signoff.principal,
            "standing": entry.standing,
        }
        for entry in summary.entries
    ]


def requirements_to_dict(summary: SignOffSummary) -> dict[str, Any]:
    return {
        "policy": str(summary.policy.path) if summary.policy.path else None,
        "required_roles": list(summary.required_roles),
        "satisfied": summary.satisfied,
        "problems": list(summary.problems),
    }


def build_document(
    review: Review,
    evaluation: Evaluation,
    summary: SignOffSummary,
    *,
    gate: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The export document; ``gate`` is set by ``check --require-signoff``."""
    report = evaluation_to_dict(review, evaluation)
    report_schema = report.pop("schema")
    open_questions = list(report["open_questions"])
    for item in report["items"]:
        item["next_step"] = _next_step(item, open_questions)
    document: dict[str, Any] = {
        "schema": EXPORT_SCHEMA,
        "report_schema": report_schema,
        **report,
        "content_hash": summary.content_hash,
        "probe": _probe(review),
        "waivers": _waivers(review, evaluation.today),
        "signoff_state": summary.state,
        "signoff_summary": summary.one_line(),
        "signoff_requirements": requirements_to_dict(summary),
        "signoffs": signoffs_to_dicts(summary),
    }
    if gate is not None:
        document["gate"] = gate
    return redact_value(document)  # type: ignore[return-value]
