"""The probe's former misreadings, each against a real interpreter.

A hand-edited operation, backend or policy reaches the library and fails with its own words;
a stale answer names what really changed; the backend and policy questions offer exactly the
library's values; the relation/URI message follows the resolver; an old Python is called
unsupported with advice that can work; Kestra's single tested version is worded as such; the
gate's count says whose checks it counts; and one item owns the source's reading.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.probe.test_probe_cli import wizard
from tests.support.target_venv import pyenv_python
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.probe import PreflightInputs, take_snapshot
from wizard.core.kb import ids
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.store import load_review, new_review

pytestmark = pytest.mark.target_venv
TODAY = date(2026, 12, 2)


def hand_edited_review(tmp_path: Path, answers: dict[str, str], edits: dict[str, str]) -> Path:
    """A review answered through the CLI, then edited by hand the way a teammate might."""
    path = tmp_path / "review.toml"
    wizard("new", str(path), "--host", "airflow", "--title", "Orders", cwd=tmp_path)
    settings = [part for key, value in answers.items() for part in ("--set", f"{key}={value}")]
    done = wizard("answer", str(path), *settings, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = path.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def probe_json(path: Path, python: str) -> tuple[int, dict[str, Any]]:
    done = wizard("probe", "--review", str(path), "--python", python, "--json", cwd=path.parent)
    return done.returncode, json.loads(done.stdout)


def library_values(python: str, enum: str) -> list[str]:
    code = f"from common.runtime import {enum}; print(' '.join(m.value for m in {enum}))"
    return subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()


def test_a_hand_edited_operation_fails_with_the_librarys_own_text(
    tmp_path: Path, target_python: str
) -> None:
    path = hand_edited_review(
        tmp_path, {ids.ENGINE_OPERATIONS: "check"}, {'    "check",\n]': '    "streaming",\n]'}
    )
    code, report = probe_json(path, target_python)
    assert code == 1
    [raised] = [c for c in report["preflight"]["checks"] if c["name"] == "run_preflight"]
    assert raised["status"] == "failed"
    assert (
        raised["message"]
        == "run_preflight raised ValueError: 'streaming' is not a valid OperationKind"
    )
    review = load_review(path).review
    evaluation = evaluate(review, review.probe, TODAY)
    [stale] = [entry.explain() for entry in evaluation.stale]
    assert "holds 'streaming', which is not one of its choices" in stale
    assert "host" not in stale  # the host never changed
    assert any(
        "'streaming' is not a valid OperationKind" in r
        for r in evaluation.item("preflight-gate").reasons
    )


@pytest.mark.parametrize(
    ("question", "answer", "edited", "message"),
    [
        (ids.OBS_BACKEND, "none", "datadog", "'datadog' is not a valid ObservabilityBackend"),
        (ids.PREFLIGHT_POLICY, "safe_auto", "safe", "'safe' is not a valid AutoConfigPolicy"),
    ],
)
def test_a_hand_edited_backend_or_policy_fails_with_the_librarys_own_text(
    tmp_path: Path, target_python: str, question: str, answer: str, edited: str, message: str
) -> None:
    path = hand_edited_review(
        tmp_path, {question: answer}, {f'value = "{answer}"': f'value = "{edited}"'}
    )
    code, report = probe_json(path, target_python)
    assert code == 1
    failed = [c["message"] for c in report["preflight"]["checks"] if c["status"] == "failed"]
    assert failed == [f"run_preflight raised ValueError: {message}"]


def test_the_backend_and_policy_questions_offer_the_librarys_values(target_python: str) -> None:
    kb = load_knowledge()
    for question_id, enum in (
        (ids.OBS_BACKEND, "ObservabilityBackend"),
        (ids.PREFLIGHT_POLICY, "AutoConfigPolicy"),
    ):
        question = kb.question(question_id)
        assert question is not None
        assert [choice.value for choice in question.choices] == library_values(target_python, enum)
    backend = kb.question(ids.OBS_BACKEND)
    assert backend is not None and backend.default == "none"


def test_an_answered_backend_reaches_the_preflight(target_python: str) -> None:
    inputs = PreflightInputs(host="airflow", observability_backend="none")
    snapshot = take_snapshot(target_python, inputs, 120, smoke=False)
    assert snapshot.preflight is not None
    check = next(c for c in snapshot.preflight.checks if c.name == "observability")
    assert (check.status, check.message) == ("passed", "no-op observability emitter is ready")


@pytest.mark.parametrize(
    ("reference", "reading"),
    [
        (
            "postgresql://reader@warehouse/analytics",
            "as a remote_uri, which also requires a connection or profile",
        ),
        ("analytics.users", "as a plain object that needs no connection"),
    ],
)
def test_the_relation_gap_message_follows_the_resolver(
    target_python: str, reference: str, reading: str
) -> None:
    inputs = PreflightInputs(
        host="airflow", source_kind="warehouse_relation", source_reference=reference
    )
    snapshot = take_snapshot(target_python, inputs, 120, smoke=False)
    assert snapshot.preflight is not None
    shape = next(c for c in snapshot.preflight.checks if c.name == "source_shape")
    assert shape.status == "failed" and f"the shared resolver reads it {reading}" in shape.message


@pytest.mark.parametrize("with_host", [True, False])
def test_python_3_10_is_unsupported_with_advice_that_can_work(
    fake_venv: Any, with_host: bool
) -> None:
    base = pyenv_python("3.10")
    if base is None:
        pytest.skip("no CPython 3.10 on this machine")
    python = fake_venv({"prefect": "3.6.29"} if with_host else {}, base)
    snapshot = take_snapshot(python, PreflightInputs(host="prefect"), 60)
    assert snapshot.preflight is not None and snapshot.preflight.error is not None
    assert (
        "is unsupported: every truthound-orchestration release requires Python >= 3.11"
        in snapshot.preflight.error
    )
    assert "3.11+ interpreter" in snapshot.preflight.error
    assert "pip install" not in json.dumps(snapshot.model_dump(mode="json"))
    [verdict] = snapshot.hosts
    assert verdict.verdict == "unsupported" and "below 3.11" in verdict.reason
    assert snapshot.smoke is not None and not snapshot.smoke.ran
    [row] = snapshot.smoke.checks
    assert row.message.startswith(
        "the engine smoke run could not run: this interpreter (Python 3.10"
    )


def test_kestra_1_3_0_on_python_3_11_is_a_tested_version_off_its_tested_line(
    fake_venv: Any,
) -> None:
    python = fake_venv({"kestra": "1.3.0"})
    snapshot = take_snapshot(python, None, 60, host="kestra")
    [verdict] = snapshot.hosts
    assert verdict.verdict == "in-range"
    assert "Kestra 1.3.0 is a tested version, but CI tests it on Python 3.12 only" in verdict.reason
    assert "between the minimum" not in verdict.reason


def test_the_gate_counts_only_run_preflights_own_checks_and_says_so(target_python: str) -> None:
    review = new_review("Orders", "airflow", "truthound")
    record_many(review, [AnswerInput(ids.ENGINE_OPERATIONS, "check")], by="ana")
    review.probe = take_snapshot(target_python, PreflightInputs.of_review(review), 120)
    assert review.probe.preflight is not None
    own = [c for c in review.probe.preflight.checks if c.origin == "run_preflight"]
    ours = [c.name for c in review.probe.preflight.checks if c.origin == "wizard"]
    assert ours == ["truthound_runtime"]
    reasons = evaluate(review, review.probe, TODAY).item("preflight-gate").evidence
    [line] = [e.text for e in reasons if e.provenance == "probe:preflight"]
    assert line.startswith(f"run_preflight passed {len(own)} of its own checks for truthound 3.2.0")
    assert "the wizard's gap checks (truthound_runtime) found no failure" in line


def test_one_item_owns_the_sources_reading(target_python: str) -> None:
    review = new_review("Orders", "airflow", "truthound")
    answers = {ids.SOURCE_KIND: "local_path", ids.SOURCE_REFERENCE: "data/users"}
    record_many(review, [AnswerInput(key, value) for key, value in answers.items()], by="ana")
    review.probe = take_snapshot(target_python, PreflightInputs.of_review(review), 120, smoke=False)
    evaluation = evaluate(review, review.probe, TODAY)
    source = evaluation.item("source-resolution")
    texts = source.reasons + [line.text for line in source.evidence]
    assert any("reads it as object" in text for text in texts)
    assert not any(
        "matches its shape" in text or "Resolved object source" in text for text in texts
    )
    assert source.status in ("warn", "open")
    assert not any("source_shape" in r for r in evaluation.item("preflight-gate").reasons)
