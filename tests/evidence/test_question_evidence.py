"""Evidence first, in the core: what bears on a question, the answer it implies, and the
contradiction rule. Real git repositories scanned by the real project scan; real evaluation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.core.builders import ready_review
from tests.support.evidence_project import plant_credential, planted_password, prefect_repo
from wizard.core.evaluation.bearing import question_evidence
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.scan import scan_project
from wizard.core.kb import ids
from wizard.core.kb.bearing import bearings
from wizard.core.review.answers import record_answer
from wizard.core.review.model import Review

TODAY = date(2026, 11, 28)
NONE_COMMITTED = next(b.question for b in bearings() if b.source == "credentials")


def scanned_review(root: Path, **answers: object) -> Review:
    review = ready_review(**answers)
    assert review.probe is not None
    review.probe.scan = scan_project(root, chosen_host=review.host)
    return review


def test_a_committed_credential_bears_on_none_committed_before_it_is_answered(
    tmp_path: Path,
) -> None:
    root = prefect_repo(tmp_path / "project")
    where = plant_credential(root, line=4)
    review = scanned_review(root)
    review.answers.pop(NONE_COMMITTED)
    found = question_evidence(review, NONE_COMMITTED)
    assert found.implied is False  # the default front ends preselect: "no"
    assert found.conflict is None  # nothing attested yet
    (fact,) = [fact for fact in found.facts if fact.file is not None]
    assert (fact.file, fact.line) == where
    assert fact.provenance == "probe:project"
    assert planted_password() not in fact.text + fact.value
    assert "***" in fact.value


def test_a_clean_scan_implies_yes_without_conflict(tmp_path: Path) -> None:
    review = scanned_review(prefect_repo(tmp_path / "project"))
    found = question_evidence(review, NONE_COMMITTED)
    assert found.implied is True and found.conflict is None
    assert not evaluate_reasons(review, "secrets", "contradicts")


def evaluate_reasons(review: Review, item: str, phrase: str) -> list[str]:
    result = evaluate(review, review.probe, TODAY).item(item)
    return [reason for reason in result.reasons if phrase in reason]


@pytest.mark.parametrize(
    ("question", "attested", "item", "where"),
    [
        ("secrets.none_committed", "yes", "secrets", "flows/settings.py:3"),
        ("ops.timeout", "none", "resilience", "flows/orders_flow.py:5"),
        ("ops.retries", "none", "resilience", "flows/orders_flow.py:5"),
    ],
)
def test_an_attestation_the_scan_contradicts_is_flagged_once_and_fails_its_item(
    tmp_path: Path, question: str, attested: str, item: str, where: str
) -> None:
    root = prefect_repo(tmp_path / "project")
    plant_credential(root)
    review = scanned_review(root, **{question: attested})
    found = question_evidence(review, question)
    assert found.conflict is not None and where in found.conflict
    evaluation = evaluate(review, review.probe, TODAY)
    flagged = [
        (owner.id, reason)
        for owner in evaluation.items
        for reason in owner.reasons
        if "contradicts" in reason and question in reason
    ]
    assert [owner for owner, _ in flagged] == [item]  # one reason, in one item
    assert evaluation.item(item).status == "fail"
    assert f"contradiction:{question}" in evaluation.item(item).findings


def test_no_retries_attested_while_the_project_sets_them_cannot_pass_alone(
    tmp_path: Path,
) -> None:
    root = prefect_repo(tmp_path / "project")
    agreeing = scanned_review(root, **{"ops.retries": "host_transient"})
    assert not evaluate_reasons(agreeing, "resilience", "contradicts")
    contradicted = scanned_review(root, **{"ops.retries": "none"})
    # "No retries, on purpose" alone would pass; the project's retries=2 says otherwise.
    assert evaluate(contradicted, contradicted.probe, TODAY).item("resilience").status == "fail"


def test_a_version_other_than_the_probed_one_is_flagged_and_a_shorter_one_is_not() -> None:
    review = ready_review()
    assert review.probe is not None and review.probe.environment is not None
    probed = review.probe.environment.python_version
    found = question_evidence(review, ids.RUNTIME_PYTHON)
    assert found.implied == probed and found.conflict is None
    major_minor = ".".join(probed.split(".")[:2])
    record_answer(review, ids.RUNTIME_PYTHON, major_minor, by="alice")
    assert question_evidence(review, ids.RUNTIME_PYTHON).conflict is None
    record_answer(review, ids.RUNTIME_PYTHON, "3.9.1", by="alice")
    conflict = question_evidence(review, ids.RUNTIME_PYTHON).conflict
    assert conflict is not None and probed in conflict
    assert evaluate_reasons(review, "host-tuple", "contradicts")


def test_a_probe_answer_is_never_a_contradiction(tmp_path: Path) -> None:
    root = prefect_repo(tmp_path / "project")
    plant_credential(root)
    review = scanned_review(root)
    record_answer(
        review,
        NONE_COMMITTED,
        "yes",
        by="probe",
        provenance="probe:environment",
        require_applicable=False,
    )
    assert question_evidence(review, NONE_COMMITTED).conflict is None
