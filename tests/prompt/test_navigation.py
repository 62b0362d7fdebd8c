"""Back, skip, quit, Ctrl-C and resume, typed into the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.prompt import keys
from tests.prompt.driver import HOST, drive, new_file, plan_keys, saved_answers, saved_values, up_to
from tests.prompt.plans import AIRFLOW_LOCAL
from wizard.core.review.answers import set_identity
from wizard.core.review.flow import resume_point
from wizard.core.review.store import load_review, save_loaded


def test_back_reasks_the_previous_question_and_the_new_answer_is_saved(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml")
    typed = (
        keys.answer("quickstart.local_run", True, HOST)
        + keys.answer("runtime.python_version", "3.11.7", HOST)
        + keys.command("runtime.host_version", "back", HOST)
        + keys.answer("runtime.python_version", "3.12.1", HOST)
        + keys.answer("runtime.host_version", "2.9.3", HOST)
        + keys.command("runtime.truthound_version", "quit", HOST)
    )

    session = drive(path, typed)

    assert session.exit_code == 0
    assert session.runner.asked == [
        "quickstart.local_run",
        "runtime.python_version",
        "runtime.host_version",
        "runtime.python_version",
        "runtime.host_version",
        "runtime.truthound_version",
    ]
    assert saved_values(path) == {
        "quickstart.local_run": True,
        "runtime.python_version": "3.12.1",
        "runtime.host_version": "2.9.3",
    }


def test_back_past_a_condition_follows_the_new_branch(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("source.kind"))
    typed = (
        keys.answer("source.kind", "local_path", HOST)
        + keys.answer("source.reference", "/data/orders", HOST)
        + keys.command("source.workers_have_path", "back", HOST)
        + keys.command("source.reference", "back", HOST)
        + keys.answer("source.kind", "sql", HOST)
        + keys.answer("source.reference", "SELECT * FROM orders", HOST)
        + keys.command("source.documented", "quit", HOST)
    )

    session = drive(path, typed)

    assert session.runner.asked == [
        "source.kind",
        "source.reference",
        "source.workers_have_path",
        "source.reference",
        "source.kind",
        "source.reference",
        "source.documented",
    ]
    # The earlier reference assumed a local path: it was offered again as stale.
    assert "stale" in session.transcript
    values = saved_values(path)
    assert values["source.kind"] == "sql"
    assert values["source.reference"] == "SELECT * FROM orders"
    assert "source.workers_have_path" not in values


def test_back_from_a_checkbox_and_a_revisited_answer_kept_as_it_was(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("engine.explicit"))
    typed = (
        keys.answer("engine.explicit", True, HOST)
        + keys.answer("engine.fallback", "chain", HOST)
        + keys.command("engine.fallback_engines", "back", HOST)
        + keys.answer("engine.fallback", "none", HOST)
        + keys.answer("engine.operations", ["check", "drift"], HOST)
        + keys.command("rules.style", "back", HOST)
        + keys.command("engine.operations", "back", HOST)
        + keys.command("engine.fallback", "back", HOST)
        + keys.ENTER  # engine.explicit: the pointer is on the saved "yes"
        + keys.ENTER  # engine.fallback: on "none"
        + keys.ENTER  # engine.operations: check and drift still ticked
        + keys.command("rules.style", "quit", HOST)
    )
    before = saved_answers(path)

    session = drive(path, typed)

    assert session.runner.asked == [
        "engine.explicit",
        "engine.fallback",
        "engine.fallback_engines",
        "engine.fallback",
        "engine.operations",
        "rules.style",
        "engine.operations",
        "engine.fallback",
        "engine.explicit",
        "engine.fallback",
        "engine.operations",
        "rules.style",
    ]
    after = saved_answers(path)
    assert after["engine.fallback"]["value"] == "none"
    assert after["engine.operations"]["value"] == ["check", "drift"]
    assert "engine.fallback_engines" not in after
    assert "kept engine.explicit." in session.transcript
    # Answers from before the session were not touched.
    assert {k: v for k, v in after.items() if k in before} == before


def test_back_at_the_first_question_of_the_session_stays_put(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml")
    typed = keys.command("quickstart.local_run", "back", HOST) + keys.answer(
        "quickstart.local_run", False, HOST
    )

    session = drive(path, typed)

    assert "there is no way back" in session.transcript
    assert session.runner.asked[:2] == ["quickstart.local_run", "quickstart.local_run"]
    assert saved_values(path) == {"quickstart.local_run": False}


def test_skip_leaves_questions_unanswered_and_the_end_names_them(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("ops.retries"))
    typed = (
        keys.command("ops.retries", "skip", HOST)  # a list
        + keys.answer("ops.timeout", "host", HOST)
        + keys.answer("ops.caching", "none", HOST)
        + keys.answer("ops.rate_limits", "host_concurrency", HOST)
        + keys.command("obs.core_check_stable", "skip", HOST)  # yes/no
        + keys.command("obs.alert_destination", "skip", HOST)  # text
        + plan_keys(AIRFLOW_LOCAL[-5:], HOST)  # from obs.owner on
    )

    session = drive(path, typed)

    assert session.exit_code == 0
    values = saved_values(path)
    for skipped in ("ops.retries", "obs.core_check_stable", "obs.alert_destination"):
        assert f"skipped {skipped}." in session.transcript
        assert skipped not in values
    assert values["obs.owner"] == "data-platform on-call"
    assert "3 applicable questions are still unanswered" in session.transcript
    assert "resumes at ops.retries" in session.transcript
    waiting = resume_point(load_review(path).review)
    assert waiting is not None and waiting.id == "ops.retries"


def test_skip_in_a_checkbox(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", up_to("engine.operations"))
    typed = keys.command("engine.operations", "skip", HOST) + keys.command(
        "rules.style", "quit", HOST
    )

    session = drive(path, typed)

    assert session.runner.asked == ["engine.operations", "rules.style"]
    assert "engine.operations" not in saved_values(path)


@pytest.mark.parametrize(
    "interrupted_at", ["runtime.host_version", "runtime.is_production", "engine.operations"]
)
def test_ctrl_c_keeps_every_answer_already_given(tmp_path: Path, interrupted_at: str) -> None:
    path = new_file(tmp_path / "r.toml")
    given = up_to(interrupted_at)

    with pytest.raises(KeyboardInterrupt):
        drive(path, plan_keys(given, HOST) + keys.CTRL_C)

    assert saved_values(path) == dict(given)
    # The file is whole and loads; the walk would resume exactly where Ctrl-C struck.
    waiting = resume_point(load_review(path).review)
    assert waiting is not None and waiting.id == interrupted_at


def test_a_second_session_resumes_at_the_first_unanswered_question(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml")
    first, rest = AIRFLOW_LOCAL[:9], AIRFLOW_LOCAL[9:]
    drive(path, plan_keys(first, HOST) + keys.command(rest[0][0], "quit", HOST))
    after_first = saved_answers(path)

    second = drive(path, plan_keys(rest, HOST), by="bob")

    assert second.runner.asked[0] == rest[0][0]
    assert second.runner.asked == [question_id for question_id, _ in rest]
    assert f"{len(first)} of " in second.transcript  # the header counts what is already done
    assert saved_values(path) == dict(AIRFLOW_LOCAL)
    final = saved_answers(path)
    assert {qid: final[qid] for qid in after_first} == after_first
    assert {final[qid]["by"] for qid, _ in rest} == {"bob"}


def test_stale_answers_are_asked_again_after_the_host_changes(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", AIRFLOW_LOCAL)
    loaded = load_review(path)
    set_identity(loaded.review, host="dagster")
    save_loaded(loaded)
    first_waiting = resume_point(loaded.review)
    assert first_waiting is not None

    session = drive(path, keys.command(first_waiting.id, "quit", "dagster"))

    assert session.runner.asked == [first_waiting.id]
    assert "stale" in session.transcript


def test_a_review_with_nothing_left_prints_the_checklist(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml", AIRFLOW_LOCAL)

    session = drive(path, "")

    assert session.exit_code == 0
    assert session.runner.asked == []
    assert "Every applicable question has a live answer." in session.transcript
    assert "NOT READY" in session.transcript
