"""Exports of a review: Markdown, HTML, JSON and JUnit XML, optionally SSH-signed.

``build_export(review, today=...)`` makes the document; ``render(document, fmt)`` the text.
``sign_export`` writes a detached ``OUT.sig``; ``inspect_export`` checks an export on disk.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wizard.core.evaluation.evaluate import evaluate
from wizard.core.exports.document import EXPORT_SCHEMA, build_document
from wizard.core.exports.formats import FORMATS, SUFFIXES, export_format_named
from wizard.core.exports.jsonexport import export_schema, schema_text
from wizard.core.review.model import Review
from wizard.core.review.policy import NO_POLICY, Policy
from wizard.core.signoff.gate import SignOffSummary, judge_signoffs


def build_export(
    review: Review,
    *,
    today: date,
    summary: SignOffSummary | None = None,
    gate: dict[str, Any] | None = None,
    policy: Policy = NO_POLICY,
) -> dict[str, Any]:
    """Evaluate the review as of ``today`` and build the export document."""
    evaluation = evaluate(review, review.probe, today, policy)
    summary = summary or judge_signoffs(review, policy)
    return build_document(review, evaluation, summary, gate=gate)


def render(document: dict[str, Any], fmt: str) -> str:
    return export_format_named(fmt).render(document)


__all__ = [
    "EXPORT_SCHEMA",
    "FORMATS",
    "SUFFIXES",
    "build_document",
    "build_export",
    "export_schema",
    "render",
    "schema_text",
]
