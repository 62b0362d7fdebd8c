"""Probes run from the prompt with a real interpreter, notes, validation messages, re-open lines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.prompt import keys
from tests.prompt.driver import (
    HOST,
    TODAY,
    drive,
    new_file,
    plan_keys,
    saved_answers,
    saved_values,
    up_to,
)
from tests.prompt.plans import AIRFLOW_LOCAL
from wizard.core.errors import AnswerRejected
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.answers import parse_answer
from wizard.core.review.store import load_review
from wizard.prompt.checklist import MARKS
from wizard.prompt.render import multi_validator, text_validator


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "pipeline"
    (folder / "dags").mkdir(parents=True)
    (folder / "dags" / "orders.py").write_text("from airflow import DAG\n")
    return folder


def test_the_probe_is_offered_at_the_preflight_step_and_a_failed_one_shows_as_failed(
    tmp_path: Path,
) -> None:
    path = new_file(tmp_path / "r.toml", up_to("preflight.in_promotion"))
    typed = (
        "y"  # run the probe now
        + keys.answer("preflight.in_promotion", True, HOST)
        + keys.command("preflight.ci_file", "quit", HOST)
    )

    # This interpreter has no truthound-orchestration: an honest failure, not a pass.
    session = drive(path, typed, probe=None, python=sys.executable, project=project(tmp_path))

    assert f"probing {sys.executable} and scanning {tmp_path / 'pipeline'}" in session.transcript
    assert "preflight FAILED: it did not run" in session.transcript
    assert "truthound-orchestration is not installed" in session.transcript
    review = load_review(path).review
    assert review.probe is not None and review.probe.preflight is not None
    assert review.probe.preflight.ran is False
    assert review.probe.scan is not None and review.probe.scan.files_scanned >= 1
    assert saved_answers(path)["runtime.python_version"]["provenance"] == "probe:environment"
    assert saved_values(path)["preflight.in_promotion"] is True
    gate = evaluate(review, review.probe, TODAY).item("preflight-gate")
    assert gate.status not in ("pass", "waived")
    assert f"{MARKS[gate.status]:<6} {gate.title}" in session.transcript.rsplit("Checklist:", 1)[1]


def test_declining_the_offered_probe_runs_nothing(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("preflight.in_promotion"))
    typed = "n" + keys.command("preflight.in_promotion", "quit", HOST)

    session = drive(path, typed, probe=None, python=sys.executable)

    assert "probe skipped" in session.transcript
    assert load_review(path).review.probe is None


def test_no_probe_never_offers_it(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("preflight.in_promotion"))

    session = drive(path, keys.command("preflight.in_promotion", "quit", HOST), probe=False)

    assert session.runner.asked == ["preflight.in_promotion"]
    assert "probing" not in session.transcript
    assert load_review(path).review.probe is None


def test_probe_at_start_answers_what_it_proved_and_a_revisit_keeps_its_provenance(
    tmp_path: Path,
) -> None:
    path = new_file(tmp_path / "r.toml")
    typed = (
        keys.answer("quickstart.local_run", True, HOST)
        # The probe answered the Python version, so the walk moves on to the host version.
        + keys.command("runtime.host_version", "back", HOST)
        + keys.ENTER  # quickstart.local_run: keep "yes"
        + keys.ENTER  # runtime.python_version: keep what the probe found
        + keys.command("runtime.host_version", "quit", HOST)
    )

    session = drive(path, typed, probe=True, python=sys.executable, project=project(tmp_path))

    assert session.runner.asked == [
        "quickstart.local_run",
        "runtime.host_version",
        "quickstart.local_run",
        "runtime.python_version",
        "runtime.host_version",
    ]
    python = saved_answers(path)["runtime.python_version"]
    assert python["provenance"] == "probe:environment"
    assert python["value"] == ".".join(str(part) for part in sys.version_info[:3])
    assert "kept runtime.python_version." in session.transcript


def test_notes_are_asked_and_a_credential_in_a_note_is_refused(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml")
    typed = (
        keys.answer("quickstart.local_run", True, HOST)
        + "password=Hunter2secret!"
        + keys.ENTER  # refused by the note's validation; the prompt stays open
        + keys.CLEAR_LINE
        + "ran the Airflow quickstart on 2.9"
        + keys.ENTER
        + keys.command("runtime.python_version", "quit", HOST)
    )

    session = drive(path, typed, ask_notes=True)

    entry = saved_answers(path)["quickstart.local_run"]
    assert entry["note"] == "ran the Airflow quickstart on 2.9"
    assert "Hunter2secret" not in path.read_text() + session.transcript
    assert session.runner.asked == ["quickstart.local_run", "runtime.python_version"]


def test_an_invalid_typed_answer_is_held_until_it_is_valid(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("runtime.python_version"))
    typed = (
        "three point eleven"
        + keys.ENTER  # refused: the prompt stays on the same question
        + keys.answer("runtime.python_version", "3.11.7", HOST)
        + keys.command("runtime.host_version", "quit", HOST)
    )

    session = drive(path, typed)

    assert session.runner.asked == ["runtime.python_version", "runtime.host_version"]
    assert saved_values(path)["runtime.python_version"] == "3.11.7"


@pytest.mark.parametrize(
    ("question_id", "typed"),
    [
        ("runtime.python_version", "three point eleven"),
        ("fail.warning_threshold", "1.5"),
        ("fail.warning_threshold", "lots"),
        ("obs.openlineage_endpoint", "lineage.example.com"),
        ("secrets.rotation_owner", "dba team, password=Tr0ub4dor&3"),
    ],
)
def test_text_validation_shows_the_cores_own_message(question_id: str, typed: str) -> None:
    question = load_knowledge().question(question_id)
    assert question is not None
    with pytest.raises(AnswerRejected) as rejected:
        parse_answer(question, typed, HOST)

    assert text_validator(question, HOST)(typed) == rejected.value.message
    assert text_validator(question, HOST)(":skip") is True


def test_checkbox_validation_shows_the_cores_own_message() -> None:
    question = load_knowledge().question("engine.operations")
    assert question is not None
    with pytest.raises(AnswerRejected) as rejected:
        parse_answer(question, [], HOST)

    assert multi_validator(question, HOST)([]) == rejected.value.message
    assert multi_validator(question, HOST)(["check", "drift"]) is True


def test_reopening_prints_what_changed_since_the_last_session(tmp_path: Path) -> None:
    pytest.importorskip("wizard.core.history.reopen")
    path = new_file(tmp_path / "r.toml", AIRFLOW_LOCAL[:3])  # answered by alice

    session = drive(path, keys.command(AIRFLOW_LOCAL[3][0], "quit", HOST), by="bob")

    banner = session.transcript.split("Since the last session:", 1)[1]
    assert "runtime.python_version" in banner.split("==", 1)[0]


def test_a_known_target_is_probed_first_and_the_rest_of_the_plan_applies(
    tmp_path: Path,
) -> None:
    """With --python the probe runs before the first question: the version it fills is not
    asked (the transcript says it was filled), and the answers around it are undisturbed."""
    path = new_file(tmp_path / "r.toml")
    not_asked = "runtime.python_version"  # this interpreter has no host and no truthound
    plan = [(qid, value) for qid, value in AIRFLOW_LOCAL if qid != not_asked]

    session = drive(
        path, plan_keys(plan, HOST), probe=None, python=sys.executable, project=project(tmp_path)
    )

    assert not_asked not in session.runner.asked
    probed_python = ".".join(str(part) for part in sys.version_info[:3])
    assert f"filled from the probe, not asked: {not_asked} = {probed_python}" in (
        session.transcript
    )
    values = saved_values(path)
    assert saved_answers(path)[not_asked]["provenance"] == "probe:environment"
    probed = {"runtime.python_version", "runtime.host_version", "runtime.truthound_version"}
    assert {k: v for k, v in values.items() if k not in probed} == {
        k: v for k, v in dict(AIRFLOW_LOCAL).items() if k not in probed
    }
