"""Fail semantics and observability: the warning-threshold unit trap and the lineage endpoint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import Contribution, Contributions
from wizard.core.kb import ids
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review


def warning_threshold(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    value = review.answer_value(ids.FAIL_WARNING_THRESHOLD)
    doc = "docs/airflow/operators.md"
    if isinstance(value, float | int) and not isinstance(value, bool) and value > 0:
        return {
            "fail-semantics": [
                Contribution(
                    "warn",
                    f"warning_threshold={value:g} is compared with failure_rate in percent, so it "
                    f"forgives only up to {value:g} % failures, not {value * 100:g} %; use "
                    "host-native severity or set the number knowingly, then waive this with the "
                    "reasoning.",
                    doc,
                    ids.FAIL_WARNING_THRESHOLD,
                )
            ]
        }
    if value is not None:
        return {
            "fail-semantics": [
                Contribution(
                    "pass", "No warning_threshold in use.", doc, ids.FAIL_WARNING_THRESHOLD
                )
            ]
        }
    return {}


def openlineage(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    value = review.answer_value(ids.OBS_OPENLINEAGE_ENDPOINT)
    backend = review.answer_value(ids.OBS_BACKEND)
    doc = "docs/common/observability-resilience.md"
    if isinstance(value, str) and value:
        if backend == "none":
            return {
                "observability": [
                    Contribution(
                        "warn",
                        f"An OpenLineage endpoint ({value}) is answered, but the backend is none, "
                        "so no lineage is emitted; answer openlineage as the backend or clear the "
                        "endpoint.",
                        doc,
                        ids.OBS_BACKEND,
                    )
                ]
            }
        return {
            "observability": [
                Contribution("pass", f"Lineage goes to {value}.", doc, ids.OBS_OPENLINEAGE_ENDPOINT)
            ]
        }
    return {}
