"""Plain-data views of an evaluation, shared by ``check --format json`` and the exports."""

from __future__ import annotations

from typing import Any

from wizard import __version__
from wizard.core.evaluation.evaluate import Evaluation, ItemResult
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.model import Review

REPORT_SCHEMA = "truthound-readiness/check@1"


def item_to_dict(item: ItemResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "status": item.status,
        "reasons": list(item.reasons),
        "doc": item.doc,
        "questions": list(item.questions),
        "evidence": [
            {
                "text": line.text,
                "provenance": line.provenance,
                "source": line.source,
                "by": line.by,
                "at": line.at,
            }
            for line in item.evidence
        ],
    }
    if item.failure_mode is not None:
        data["failure_mode"] = {
            "id": item.failure_mode.id,
            "symptom": item.failure_mode.symptom,
            "cause": item.failure_mode.cause,
            "read_first": item.failure_mode.read_first,
        }
    if item.waiver is not None:
        data["waiver"] = {
            "owner": item.waiver.owner,
            "reason": item.waiver.reason,
            "expires": item.waiver.expires.isoformat(),
        }
    return data


def evaluation_to_dict(review: Review, evaluation: Evaluation) -> dict[str, Any]:
    return {
        "schema": REPORT_SCHEMA,
        "tool_version": __version__,
        "knowledge_base": load_knowledge().version,
        "title": review.title,
        "host": review.host,
        "engine": review.engine,
        "evaluated_on": evaluation.today.isoformat(),
        "ready": evaluation.ready,
        "counts": evaluation.counts(),
        "items": [item_to_dict(item) for item in evaluation.items],
        "layers": [
            {
                "id": layer.id,
                "title": layer.title,
                "status": layer.status,
                "reasons": list(layer.reasons),
                "doc": layer.doc,
                "items": list(layer.items),
            }
            for layer in evaluation.layers
        ],
        "open_questions": list(evaluation.open_questions),
        "stale_answers": [
            {"question": stale.question_id, "changed": list(stale.changed)}
            for stale in evaluation.stale
        ],
    }
