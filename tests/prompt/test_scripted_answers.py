"""`answer --from ANSWERS.toml` and `--set id=value`: one validation, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.prompt.driver import new_file, saved_answers, saved_values
from wizard.cli.main import main


def answer(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["answer", str(path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def answers_file(tmp_path: Path, text: str) -> Path:
    target = tmp_path / "answers.toml"
    target.write_text(text, encoding="utf-8")
    return target


def test_an_invalid_value_in_the_file_is_named_and_nothing_is_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")
    before = review.read_bytes()
    script = answers_file(
        tmp_path,
        '"quickstart.local_run" = true\n'
        '"runtime.python_version" = "3.11.7"\n'
        '"fail.mode" = "sometimes"\n'
        '"source.kind" = "sql"\n',
    )

    code, out, err = answer(capsys, review, "--from", str(script))

    assert code == 2
    assert err.startswith(f"error: {script}: nothing was applied")
    assert "fail.mode: 'sometimes' is not a choice for Airflow; use one of hard, mixed, soft" in err
    assert out == ""
    assert review.read_bytes() == before


def test_every_invalid_value_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")
    script = answers_file(
        tmp_path,
        '"runtime.python_version" = "three"\n'
        '"engine.operations" = ["check", "juggle"]\n'
        '"no.such.question" = "x"\n',
    )

    code, _, err = answer(capsys, review, "--from", str(script))

    assert code == 2
    assert "runtime.python_version: 'three' is not a version number" in err
    assert "engine.operations: 'juggle' is not a choice" in err
    assert "no.such.question: no such question" in err
    assert saved_values(review) == {}


def test_set_repeated_applies_every_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")

    code, out, err = answer(
        capsys,
        review,
        "--set",
        "quickstart.local_run=yes",
        "--set",
        "runtime.python_version=3.11.7",
        "--set",
        "engine.operations=check, profile",
        "--set",
        "fail.mode=mixed",
        "--set",
        "fail.warning_threshold=0.25",
        "--by",
        "runbook",
    )

    assert code == 0, err
    assert "applied 5 answers" in out
    answers = saved_answers(review)
    assert answers["quickstart.local_run"]["value"] is True
    assert answers["runtime.python_version"]["value"] == "3.11.7"
    assert answers["engine.operations"]["value"] == ["check", "profile"]
    assert answers["fail.warning_threshold"]["value"] == 0.25
    assert {entry["by"] for entry in answers.values()} == {"runbook"}


def test_the_file_takes_native_toml_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")
    script = answers_file(
        tmp_path,
        '"quickstart.local_run" = true\n'
        '"runtime.is_production" = "no"\n'
        '"runtime.python_version" = "3.12.0"\n'
        '"engine.operations" = ["profile", "check"]\n'
        '"fail.mode" = "soft"\n'
        '"fail.warning_threshold" = 1\n',
    )

    code, _, err = answer(capsys, review, "--from", str(script))

    assert code == 0, err
    assert saved_values(review) == {
        "quickstart.local_run": True,
        "runtime.is_production": False,
        "runtime.python_version": "3.12.0",
        "engine.operations": ["check", "profile"],  # knowledge-base order
        "fail.mode": "soft",
        "fail.warning_threshold": 1,
    }


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('"quickstart.local_run" = "maybe"', "quickstart.local_run: answer yes or no"),
        ('"engine.operations" = []', "engine.operations: pick at least one choice"),
        ('"engine.operations" = 3', "engine.operations: expected a comma-separated list"),
        (
            '"runtime.python_version" = 3.10',
            "runtime.python_version: got the number 3.1; write versions as text",
        ),
        ('"runtime.python_version" = "3.x"', "runtime.python_version: '3.x' is not a version"),
        ('"fail.warning_threshold" = 1.5', "fail.warning_threshold: must be at most 1"),
        ('"fail.warning_threshold" = true', "fail.warning_threshold: expected a number"),
        ('"fail.warning_threshold" = "a lot"', "fail.warning_threshold: 'a lot' is not a number"),
    ],
)
def test_each_type_rejects_what_it_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, reason: str
) -> None:
    review = new_file(tmp_path / "review.toml")
    before = review.read_bytes()
    # fail.mode makes the threshold applicable, so its own validation is what refuses it.
    script = answers_file(tmp_path, f'"fail.mode" = "mixed"\n{line}\n')

    code, _, err = answer(capsys, review, "--from", str(script))

    assert code == 2
    assert reason in err
    assert review.read_bytes() == before


def test_tables_with_notes_and_evidence_and_dotted_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")
    script = answers_file(
        tmp_path,
        "[answers]\n"
        'fail.mode = "hard"\n'  # an unquoted dotted key, as TOML users write them
        '"source.kind" = { value = "local_path", note = "nightly export" }\n'
        '"source.workers_have_path" = { value = true, evidence = ["https://wiki/nfs"] }\n',
    )

    code, _, err = answer(capsys, review, "--from", str(script))

    assert code == 0, err
    answers = saved_answers(review)
    assert answers["fail.mode"]["value"] == "hard"
    assert answers["source.kind"]["note"] == "nightly export"
    # Applied in knowledge-base order, so the condition on source.kind already held.
    assert answers["source.workers_have_path"]["evidence"] == ["https://wiki/nfs"]


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ('{ value = true, evidence = "https://wiki/nfs" }', "evidence: write it as a list"),
        ('{ value = true, notes = "typo" }', "unknown key notes"),
        ('{ note = "no value" }', "a table answer needs a `value` key"),
        ("{ value = true, note = 3 }", "note: write the note as a string"),
    ],
)
def test_malformed_tables_are_refused_with_their_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, reason: str
) -> None:
    review = new_file(tmp_path / "review.toml")
    before = review.read_bytes()
    script = answers_file(tmp_path, f'"quickstart.local_run" = {entry}\n')

    code, _, err = answer(capsys, review, "--from", str(script))

    assert code == 2
    assert f"{script}: quickstart.local_run" in err and reason in err
    assert review.read_bytes() == before


def test_set_overrides_the_file_and_a_question_that_does_not_apply_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")
    script = answers_file(tmp_path, '"fail.mode" = "hard"\n"obs.sla" = true\n')

    code, out, err = answer(capsys, review, "--from", str(script), "--set", "fail.mode=soft")

    assert code == 0, err
    assert "applied 2 answers (fail.mode, obs.sla)" in out
    assert saved_values(review)["fail.mode"] == "soft"

    code, _, err = answer(capsys, review, "--set", "source.workers_have_path=yes")
    assert code == 2
    assert "source.workers_have_path: this question does not apply" in err


def test_a_credential_in_the_file_is_refused_and_not_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = new_file(tmp_path / "review.toml")
    before = review.read_bytes()
    script = answers_file(
        tmp_path,
        '"secrets.rotation_owner" = { value = "dba team", note = "password=Tr0ub4dor&3" }\n',
    )

    code, out, err = answer(capsys, review, "--from", str(script))

    assert code == 2
    assert "secrets.rotation_owner" in err and "credential" in err
    assert "Tr0ub4dor" not in out + err
    assert review.read_bytes() == before
