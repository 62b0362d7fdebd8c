"""Answer validation shared by every front end."""

from __future__ import annotations

import pytest

from wizard.core.errors import AnswerRejected
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.answers import AnswerInput, parse_answer, record_answer, record_many
from wizard.core.review.store import new_review


def _q(question_id: str):  # type: ignore[no-untyped-def]
    question = load_knowledge().question(question_id)
    assert question is not None
    return question


@pytest.mark.parametrize(
    ("question_id", "raw", "expected"),
    [
        ("quickstart.local_run", "Yes", True),
        ("quickstart.local_run", "n", False),
        ("runtime.host_version", " 2.6 ", "2.6"),
        ("runtime.host_version", "3.2.0rc1", "3.2.0rc1"),
        ("engine.operations", "drift, check", ["check", "drift"]),
        ("fail.warning_threshold", "0.05", 0.05),
        ("fail.warning_threshold", "", ""),
        ("source.kind", "SQL query", "sql"),
        ("preflight.ci_file", ".github/workflows/release.yml", ".github/workflows/release.yml"),
    ],
)
def test_valid_answers_are_normalised(question_id: str, raw: object, expected: object) -> None:
    assert parse_answer(_q(question_id), raw, "airflow") == expected


@pytest.mark.parametrize(
    ("question_id", "raw", "fragment"),
    [
        ("quickstart.local_run", "maybe", "yes or no"),
        ("runtime.host_version", "two point six", "not a version"),
        ("engine.operations", "check,streaming", "not a choice"),
        ("fail.warning_threshold", "5", "at most 1"),
        ("fail.warning_threshold", "lots", "not a number"),
        ("secrets.backend", "dbt_env_var", "not a choice for Airflow"),
        ("results.consumers", "   ", "empty"),
        ("obs.openlineage_endpoint", "marquez:5000", "absolute http(s) URL"),
    ],
)
def test_invalid_answers_are_explained(question_id: str, raw: object, fragment: str) -> None:
    with pytest.raises(AnswerRejected) as caught:
        parse_answer(_q(question_id), raw, "airflow")
    assert fragment in caught.value.message
    assert question_id in caught.value.message


@pytest.mark.parametrize(
    "secret",
    [
        "postgresql://etl:hunter22@db.internal/analytics",
        "password=Sup3rS3cret",
        "token: ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "AKIAIOSFODNN7EXAMPLE",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
    ],
)
def test_credential_looking_answers_are_refused(secret: str) -> None:
    review = new_review("a", "airflow", "truthound")
    record_answer(review, "source.kind", "remote_uri", by="a")
    with pytest.raises(AnswerRejected) as caught:
        record_answer(review, "source.reference", secret, by="a")
    assert "credential" in caught.value.message
    assert "Airflow Connection" in caught.value.message
    assert secret not in caught.value.message
    assert "source.reference" not in review.answers


def test_references_to_secrets_are_fine() -> None:
    review = new_review("a", "dbt", "truthound")
    record_answer(
        review, "secrets.rotation_owner", "password: ${DBT_PASSWORD} owned by dba", by="a"
    )
    assert review.answers["secrets.rotation_owner"].value.startswith("password")


def test_a_batch_is_all_or_nothing() -> None:
    review = new_review("a", "airflow", "truthound")
    with pytest.raises(AnswerRejected) as caught:
        record_many(
            review,
            [
                AnswerInput("quickstart.local_run", "yes"),
                AnswerInput("runtime.host_version", "x.y"),
            ],
            by="a",
        )
    assert "runtime.host_version" in caught.value.message
    assert review.answers == {}


def test_a_batch_sees_its_own_earlier_answers() -> None:
    review = new_review("a", "airflow", "truthound")
    record_many(
        review,
        [AnswerInput("source.connection", "pg_prod"), AnswerInput("source.kind", "sql")],
        by="a",
    )
    assert review.answer_value("source.connection") == "pg_prod"


def test_inapplicable_and_unknown_questions_are_refused() -> None:
    review = new_review("a", "airflow", "truthound")
    with pytest.raises(AnswerRejected, match="does not apply"):
        record_answer(review, "runtime.dbt_adapter", "postgres", by="a")
    with pytest.raises(AnswerRejected, match="no such question"):
        record_answer(review, "nope.nothing", "x", by="a")
