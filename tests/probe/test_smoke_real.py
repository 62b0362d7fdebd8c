"""The engine smoke run against real venvs: what the preflight passes, the engines really do.

Each venv is genuine (built from the package index, cached between runs): the plain adapter
install (Truthound 3.2.0, no numpy), one with ``truthound==3.0.0`` and one with a plain
``pip install pandera``. The messages asserted are the engines' own, observed on 3.0.3.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.support.host_target import make_host_target
from tests.support.reviews import ready_answers
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.probe import PreflightInputs, take_snapshot
from wizard.core.evidence.probe.runner import SMOKE_SCRIPT, start_smoke
from wizard.core.evidence.snapshot import apply_snapshot, gather_evidence
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review
from wizard.core.review.observations import SmokeCheck, SmokeRun
from wizard.core.review.store import new_review

pytestmark = pytest.mark.target_venv
TODAY = date(2026, 12, 2)


def smoke(python: str, inputs: PreflightInputs) -> SmokeRun:
    snapshot = take_snapshot(python, inputs, 120)
    assert snapshot.smoke is not None
    return snapshot.smoke


def row(run: SmokeRun, operation: str, engine: str | None = None) -> SmokeCheck:
    return next(
        check
        for check in run.checks
        if check.operation == operation and (engine is None or check.engine == engine)
    )


@pytest.fixture(scope="module")
def airflow_minimum(tmp_path_factory: pytest.TempPathFactory, target_python: str) -> str:
    """The real adapter under Airflow 2.6.0 metadata on Python 3.11: the minimum tuple."""
    return str(make_host_target(tmp_path_factory.mktemp("host") / "venv"))


def probed_review(python: str, folder: Path, operations: str) -> Review:
    """The ready Airflow review, its evidence gathered for real from ``python``."""
    folder.mkdir()
    review = new_review("Orders", "airflow", "truthound")
    answers = ready_answers(**{"engine.operations": operations})
    record_many(review, [AnswerInput(key, value) for key, value in answers.items()], by="ana")
    review.target.python = python
    snapshot = gather_evidence(review, review_path=folder / "r.toml", project=folder)
    apply_snapshot(review, snapshot)
    return review


def test_the_plain_install_passes_check_with_truthound_3_2(target_python: str) -> None:
    run = smoke(target_python, PreflightInputs(host="airflow"))
    assert run.ran and run.engine_versions == {"truthound": "3.2.0"}
    check = row(run, "check")
    assert (check.ran, check.passed) == (True, True)
    assert "status PASSED" in check.message
    # The zero-config check writes into its working directory (a temporary one here).
    assert ".truthound/schemas.json" in run.workdir_writes
    assert run.failed_module_loads == 31  # no numpy: validator families missing, check runs


def test_truthound_3_0_0_fails_with_the_adapters_version_range(truthound_300_python: str) -> None:
    run = smoke(truthound_300_python, PreflightInputs(host="airflow"))
    check = row(run, "check")
    assert check.ran and check.passed is False
    assert (
        "Engine 'truthound' version 3.0.0 is incompatible with requirement '>=3.0.1,<4.0.0'"
        in check.message
    )


def test_pandera_without_pyarrow_fails_naming_pyarrow(pandera_python: str) -> None:
    run = smoke(pandera_python, PreflightInputs(host="airflow", engine="pandera"))
    check = row(run, "check", "pandera")
    assert check.passed is False
    assert "Pandera check failed: No module named 'pyarrow'" in check.message


def test_drift_fails_with_the_engines_own_message_while_check_passes(target_python: str) -> None:
    run = smoke(target_python, PreflightInputs(host="airflow", operations=("check", "drift")))
    assert row(run, "check").passed is True
    drift = row(run, "drift")
    assert drift.ran and drift.passed is False
    assert "module 'truthound' has no attribute 'compare'" in drift.message


def test_a_review_requiring_drift_is_not_ready_and_one_requiring_check_is(
    airflow_minimum: str, tmp_path: Path
) -> None:
    only_check = probed_review(airflow_minimum, tmp_path / "a", "check")
    evaluation = evaluate(only_check, only_check.probe, TODAY)
    assert evaluation.ready, [(i.id, i.reasons) for i in evaluation.items if i.status != "pass"]
    gate = evaluation.item("preflight-gate")
    assert any(line.provenance == "probe:smoke" for line in gate.evidence)

    drift = probed_review(airflow_minimum, tmp_path / "b", "check,drift")
    evaluation = evaluate(drift, drift.probe, TODAY)
    gate = evaluation.item("preflight-gate")
    assert gate.status == "fail" and evaluation.ready is False
    [reason] = [r for r in gate.reasons if "drift" in r]
    assert "has no attribute 'compare'" in reason and "Fix:" in reason
    # The preflight itself was satisfied: only the real call shows the problem.
    assert drift.probe is not None and drift.probe.preflight is not None
    assert drift.probe.preflight.compatible is True


def test_probe_json_reports_each_smoke_row(target_python: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wizard",
            "probe",
            "--python",
            target_python,
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    [entry] = payload["smoke"]
    assert {key: entry[key] for key in ("engine", "operation", "ran", "passed")} == {
        "engine": "truthound",
        "operation": "check",
        "ran": True,
        "passed": True,
    }
    assert entry["message"]
    assert payload["smoke_run"]["ran"] is True


def test_a_hung_call_is_cut_off_and_reported(target_python: str) -> None:
    # A call limit far below what an engine needs to start: the script must still answer.
    request = {"engines": [{"name": "truthound", "operations": ["check"]}], "timeout": 0.001}
    done = subprocess.run(
        [target_python, str(SMOKE_SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    answer = json.loads(done.stdout)
    assert answer["ran"] is True
    assert any("did not finish" in check["message"] for check in answer["rows"])


def _outcome(run: SmokeRun) -> tuple[object, ...]:
    """What a smoke run found, without the timings and the wording of timings."""
    rows = sorted((c.engine, c.role, c.operation, c.ran, c.passed) for c in run.checks)
    return (run.ran, rows, run.engine_versions, run.failed_module_loads, run.workdir_writes)


@pytest.mark.parametrize(
    ("python_fixture", "inputs"),
    [
        ("target_python", PreflightInputs(host="airflow", operations=("check", "drift"))),
        ("pandera_python", PreflightInputs(host="airflow", engine="pandera")),
        # The request sent early names an engine the probe then finds missing: run afresh.
        (
            "target_python",
            PreflightInputs(host="airflow", fallback_engines=("great_expectations",)),
        ),
    ],
    ids=["truthound-check-drift", "pandera-without-pyarrow", "fallback-not-installed"],
)
def test_a_smoke_script_started_early_finds_what_a_cold_one_does(
    python_fixture: str, inputs: PreflightInputs, request: pytest.FixtureRequest
) -> None:
    # `probe` starts the smoke script beside the probe script, warm (importing its library
    # while the preflight runs); the run must not differ from one started afterwards.
    python = request.getfixturevalue(python_fixture)
    cold = smoke(python, inputs)
    started = start_smoke(python)
    warm = take_snapshot(python, inputs, 120, started_smoke=started).smoke
    assert warm is not None
    assert _outcome(warm) == _outcome(cold)
    assert not started.workdir.exists(), "the smoke folder is removed after the run"
    assert started.script.process.returncode is not None


def test_an_early_smoke_script_not_needed_is_stopped(target_python: str) -> None:
    started = start_smoke(target_python)
    snapshot = take_snapshot(target_python, None, 120, started_smoke=started)
    assert snapshot.smoke is None
    assert started.script.process.returncode is not None
    assert not started.workdir.exists()
