"""Exports of a review: Markdown, HTML, JSON and JUnit XML, optionally SSH-signed.

``build_export(review, today=...)`` makes the document; ``render(document, fmt)`` the text.
``sign_export`` writes a detached ``OUT.sig``; ``inspect_export`` checks an export on disk.

The names below are imported when first used (PEP 562): a command that only needs the format
table (``check``'s argument choices) must not pay for the evaluation, the renderers and the scan.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from wizard.core.lazy import lazy_attributes

if TYPE_CHECKING:
    from wizard.core.exports.document import EXPORT_SCHEMA, build_document
    from wizard.core.exports.formats import FORMATS, SUFFIXES
    from wizard.core.exports.jsonexport import export_schema, schema_text
    from wizard.core.review.model import Review
    from wizard.core.review.policy import Policy
    from wizard.core.signoff.gate import SignOffSummary

_LAZY = {
    "EXPORT_SCHEMA": "wizard.core.exports.document",
    "build_document": "wizard.core.exports.document",
    "FORMATS": "wizard.core.exports.formats",
    "SUFFIXES": "wizard.core.exports.formats",
    "export_schema": "wizard.core.exports.jsonexport",
    "schema_text": "wizard.core.exports.jsonexport",
}

__getattr__ = lazy_attributes(__name__, _LAZY)


def build_export(
    review: Review,
    *,
    today: date,
    summary: SignOffSummary | None = None,
    gate: dict[str, Any] | None = None,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """Evaluate the review as of ``today`` and build the export document."""
    from wizard.core.evaluation.evaluate import evaluate
    from wizard.core.exports.document import build_document
    from wizard.core.review.policy import NO_POLICY
    from wizard.core.signoff.gate import judge_signoffs

    policy = NO_POLICY if policy is None else policy
    evaluation = evaluate(review, review.probe, today, policy)
    summary = summary or judge_signoffs(review, policy)
    return build_document(review, evaluation, summary, gate=gate)


def render(document: dict[str, Any], fmt: str) -> str:
    from wizard.core.exports.formats import export_format_named

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
