"""The project's rules judged by the real validator in the target venv, with file and line.

The sample projects (``rule_projects.py``) mix Airflow, Prefect, Kestra, Mage and dbt files with
good and bad rules; the expected findings are data, and the test measures precision and recall.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.probe.rule_projects import DIFFERING, EXPECTED, clean_project, mixed_project
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.snapshot import apply_snapshot, gather_evidence
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review
from wizard.core.review.observations import RuleCheck, RuleFinding
from wizard.core.review.store import new_review

pytestmark = pytest.mark.target_venv
TODAY = date(2026, 12, 2)
RULE_ANSWERS = {"rules.owned": "yes", "rules.learned": "none", "engine.operations": "check"}


def reviewed(project: Path, python: str, engine: str, **answers: str) -> Review:
    review = new_review("Orders", "airflow", engine)
    given = {**RULE_ANSWERS, **answers}
    record_many(review, [AnswerInput(key, value) for key, value in given.items()], by="ana")
    review.target.python = python
    apply_snapshot(review, gather_evidence(review, review_path=project / "r.toml"))
    return review


def verdict(finding: RuleFinding) -> str | None:
    if finding.ignored:
        return "ignored"
    if not finding.valid:
        return "invalid"
    return "warning" if finding.warnings else None


def test_every_bad_rule_is_found_with_its_line_and_the_validators_message(
    tmp_path: Path, target_python: str
) -> None:
    review = reviewed(mixed_project(tmp_path), target_python, "truthound")
    assert review.probe is not None
    check: RuleCheck | None = review.probe.rules
    assert check is not None and check.ran, check
    assert check.validator == "common.rule_validation of truthound-orchestration 3.0.3"
    reported = {(f.file, f.line, v) for f in check.findings if (v := verdict(f))}
    expected = {(file, line, kind) for file, line, kind, _ in EXPECTED}
    found = reported & expected
    precision, recall = len(found) / len(reported), len(found) / len(expected)
    assert (precision, recall) == (1.0, 1.0), (reported - expected, expected - reported)
    reasons = evaluate(review, review.probe, TODAY).item("rule-vocabulary").reasons
    for file, line, _, phrase in EXPECTED:
        assert any(r.startswith(f"{file}:{line}:") and phrase in r for r in reasons), (file, line)


def test_rules_given_to_the_truthound_engine_are_flagged_as_ignored(
    tmp_path: Path, target_python: str
) -> None:
    review = reviewed(mixed_project(tmp_path), target_python, "truthound")
    item = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    assert item.status == "fail"
    [ignored] = [r for r in item.reasons if "ignores rule dicts" in r]
    assert ignored.startswith("dags/orders_quality.py:25:") and "Truthound engine" in ignored
    assert any(line.provenance == "probe:rules" for line in item.evidence)


def test_the_same_rule_written_differently_in_two_files_is_reported(
    tmp_path: Path, target_python: str
) -> None:
    review = reviewed(mixed_project(tmp_path), target_python, "truthound")
    assert review.probe is not None and review.probe.rules is not None
    [line] = review.probe.rules.differing
    assert all(part in line for part in DIFFERING)
    assert review.probe.rules.not_inspected == ["dags/broken.py"]


def test_a_clean_project_passes_rule_vocabulary_on_evidence(
    tmp_path: Path, target_python: str
) -> None:
    review = reviewed(
        clean_project(tmp_path),
        target_python,
        "pandera",
        **{"rules.style": "common_type", "engine.reason": "schema contracts live in pandera"},
    )
    item = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    assert item.status == "pass", item.reasons
    [evidence] = [line for line in item.evidence if line.provenance == "probe:rules"]
    assert "2 rules in 1 file validated" in evidence.text and "all accepted" in evidence.text


def test_a_project_without_rules_says_so(tmp_path: Path, target_python: str) -> None:
    (tmp_path / "dags").mkdir()
    (tmp_path / "dags" / "plain.py").write_text("from airflow import DAG\n", encoding="utf-8")
    review = reviewed(tmp_path, target_python, "truthound", **{"rules.style": "auto_schema"})
    item = evaluate(review, review.probe, TODAY).item("rule-vocabulary")
    [evidence] = [line for line in item.evidence if line.provenance == "probe:rules"]
    assert evidence.text.startswith("No rule definitions in the project")
    assert item.status == "pass", item.reasons
