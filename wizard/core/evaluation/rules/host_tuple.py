"""The host tuple: where the answered (or probed) host, Python and Truthound sit on the matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.contribution import (
    Contribution,
    Contributions,
    ContributionStatus,
    add,
    provenance_of,
)
from wizard.core.evaluation.support import host_verdict, truthound_verdict
from wizard.core.kb import ids
from wizard.core.kb.matrix import load_matrix
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review

VERDICT_STATUS: dict[str, ContributionStatus] = {
    "primary": "pass",
    "minimum": "pass",
    "in-range": "pass",
    "untested-newer": "warn",
    "unsupported": "fail",
    "missing": "fail",
}


def answered_packages(review: Review) -> dict[str, str]:
    """The distributions and versions the answers claim, in the probe's vocabulary."""
    facts = load_matrix().hosts[review.host]
    packages: dict[str, str] = {}
    host_version = review.answer_value(ids.RUNTIME_HOST_VERSION)
    if isinstance(host_version, str) and host_version:
        packages[facts.distributions[0]] = host_version
    adapter = review.answer_value(ids.RUNTIME_DBT_ADAPTER)
    adapter_version = review.answer_value(ids.RUNTIME_DBT_ADAPTER_VERSION)
    answered_adapter = isinstance(adapter, str) and isinstance(adapter_version, str)
    if answered_adapter and adapter in facts.adapters:
        packages[facts.adapters[str(adapter)].distribution] = str(adapter_version)
    truthound = review.answer_value(ids.RUNTIME_TRUTHOUND_VERSION)
    if isinstance(truthound, str) and truthound:
        packages[load_matrix().truthound.distribution] = truthound
    return packages


def host_tuple(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    python = review.answer_value(ids.RUNTIME_PYTHON)
    host_version = review.answer_value(ids.RUNTIME_HOST_VERSION)
    provenance = provenance_of(review, ids.RUNTIME_HOST_VERSION)
    if not isinstance(python, str) or not isinstance(host_version, str) or not host_version:
        if probe and probe.environment:
            chosen = next((v for v in probe.hosts if v.name == review.host), None)
            # Not installed, or installed nowhere it could run (a Python below the minimum).
            if chosen is not None and chosen.verdict in ("missing", "unsupported"):
                add(
                    result,
                    "host-tuple",
                    Contribution("fail", chosen.reason, chosen.doc, "probe", "probe:environment"),
                )
        return result  # the unanswered version questions already leave the item open
    packages = answered_packages(review)
    verdict = host_verdict(review.host, packages, python)
    add(
        result,
        "host-tuple",
        Contribution(
            VERDICT_STATUS[verdict.verdict],
            f"Support matrix: {verdict.verdict}. {verdict.reason}",
            verdict.doc,
            ids.RUNTIME_HOST_VERSION,
            provenance,
        ),
    )
    if "truthound" in packages:
        ok, reason = truthound_verdict(packages)
        add(
            result,
            "host-tuple",
            Contribution(
                "pass" if ok else "fail",
                reason,
                "docs/compatibility.md",
                ids.RUNTIME_TRUTHOUND_VERSION,
                provenance_of(review, ids.RUNTIME_TRUTHOUND_VERSION),
            ),
        )
    return result
