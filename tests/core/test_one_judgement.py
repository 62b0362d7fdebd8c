"""Judgements the probe and the evaluation once both made are now made once, in one item.

For each formerly duplicated judgement (a Windows drive path, an http(s) source without a
connection, operations a fallback chain cannot run) the whole evaluation holds exactly one
reason about it, in the item that owns it, and the probe's own checks add none.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.builders import ready_review
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.probe.gaps import engine_checks, source_checks
from wizard.core.evidence.probe.inputs import PreflightInputs

TODAY = date(2026, 11, 28)


def reasons_mentioning(review_overrides: dict[str, object], phrase: str) -> list[tuple[str, str]]:
    review = ready_review(**review_overrides)
    evaluation = evaluate(review, review.probe, TODAY)
    found = [(item.id, reason) for item in evaluation.items for reason in item.reasons]
    found += [(layer.id, reason) for layer in evaluation.layers for reason in layer.reasons]
    return [(owner, reason) for owner, reason in found if phrase in reason]


@pytest.mark.parametrize(
    ("overrides", "phrase", "owner", "status"),
    [
        (
            {"source.kind": "local_path", "source.reference": "C:\\data\\orders.csv"},
            "Windows drive path",
            "source-resolution",
            "fail",
        ),
        (
            {"source.kind": "remote_uri", "source.reference": "https://h/x.csv"},
            "http(s) URLs are treated as needing no credentials",
            "source-resolution",
            "open",  # the warning, beneath the unanswered connection the item still waits for
        ),
        (
            {
                "engine.fallback": "chain",
                "engine.fallback_engines": "pandera",
                "engine.operations": "check,drift",
            },
            "A fallback chain only reports check, profile and learn",
            "rule-vocabulary",
            "fail",
        ),
    ],
)
def test_each_judgement_reports_once_to_its_item(
    overrides: dict[str, object], phrase: str, owner: str, status: str
) -> None:
    if overrides.get("source.kind") in ("remote_uri", "local_path"):
        overrides = {**overrides, "source.connection": None}
    found = reasons_mentioning(overrides, phrase)
    assert [item for item, _ in found] == [owner], found
    review = ready_review(**overrides)
    assert evaluate(review, review.probe, TODAY).item(owner).status == status


def test_the_probe_adds_none_of_them() -> None:
    windows = PreflightInputs(
        host="kestra", source_kind="local_path", source_reference="C:\\data\\orders.csv"
    )
    assert source_checks(windows, {"kind": "remote_uri", "scheme": "c"}) == []
    https = PreflightInputs(host="kestra", source_kind="remote_uri", source_reference="https://h/x")
    assert source_checks(https, {"kind": "remote_uri", "scheme": "https"}) == []
    chain = PreflightInputs(host="airflow", operations=("drift",), fallback_engines=("pandera",))
    names = [check.name for check in engine_checks(chain, {"truthound": "3.2.0", "pandera": "0.2"})]
    assert "fallback_chain" not in names
