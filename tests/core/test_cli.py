"""The CLI end to end, as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.builders import READY_AIRFLOW

CLI = [sys.executable, "-m", "wizard"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_version_and_help(tmp_path: Path) -> None:
    assert run("--version", cwd=tmp_path).stdout.startswith("truthound-readiness ")
    for command in ("new", "questions", "answer", "check"):
        result = run(command, "--help", cwd=tmp_path)
        assert result.returncode == 0 and "usage:" in result.stdout


def test_new_answer_check_end_to_end(tmp_path: Path) -> None:
    assert run("new", "--host", "airflow", "--title", "Orders", cwd=tmp_path).returncode == 0
    review = tmp_path / "readiness-review.toml"
    assert review.exists()
    result = run("check", str(review), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ready"] is False
    assert [i["id"] for i in report["items"]] == [
        "host-tuple",
        "rule-vocabulary",
        "source-resolution",
        "preflight-gate",
        "result-consumers",
        "secrets",
        "fail-semantics",
        "resilience",
        "observability",
    ]
    assert [layer["id"] for layer in report["layers"]] == [
        "host",
        "runtime",
        "source",
        "engine",
        "results",
        "operations",
    ]
    assert all(set(i) >= {"id", "status", "reasons"} for i in report["items"] + report["layers"])

    answered = run(
        "answer", str(review), "fail.mode", "hard", "--note", "agreed with finance", cwd=tmp_path
    )
    assert answered.returncode == 0, answered.stderr
    assert 'value = "hard"' in review.read_text()
    assert 'note = "agreed with finance"' in review.read_text()

    answers = tmp_path / "answers.toml"
    answers.write_text(
        "\n".join(f'"{key}" = {json.dumps(value)}' for key, value in READY_AIRFLOW.items()) + "\n"
    )
    applied = run("answer", str(review), "--from", str(answers), cwd=tmp_path)
    assert applied.returncode == 0, applied.stderr
    text = run("check", str(review), cwd=tmp_path)
    assert text.returncode == 1  # no probe has run yet: the preflight gate is open
    assert "OPEN    Preflight gate" in text.stdout
    assert "NOT READY" in text.stdout


def test_bad_input_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('title = "x"\nhost = \n')
    result = run("check", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {bad}: line 2")
    assert "Traceback" not in result.stderr
    assert bad.read_text() == 'title = "x"\nhost = \n'

    missing = run("check", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert missing.returncode == 2 and "no such review file" in missing.stderr

    usage = run("new", "--host", "luigi", cwd=tmp_path)
    assert usage.returncode == 2


def test_a_credential_answer_is_refused_by_the_cli(tmp_path: Path) -> None:
    run("new", "--host", "dbt", cwd=tmp_path)
    review = tmp_path / "readiness-review.toml"
    before = review.read_bytes()
    result = run(
        "answer",
        str(review),
        "secrets.rotation_owner",
        "dba team, password=Tr0ub4dor&3",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Tr0ub4dor" not in result.stderr + result.stdout
    assert "profiles.yml with env_var" in result.stderr
    assert review.read_bytes() == before


def test_questions_lists_ids_types_and_conditions(tmp_path: Path) -> None:
    data = json.loads(run("questions", "--host", "dbt", "--format", "json", cwd=tmp_path).stdout)
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["runtime.dbt_adapter"]["type"] == "choice"
    assert {c["value"] for c in by_id["secrets.backend"]["choices"]} >= {"dbt_env_var"}
    assert "airflow_connections" not in {c["value"] for c in by_id["secrets.backend"]["choices"]}
    assert by_id["source.connection"]["when_text"].startswith("source.kind in")
    airflow = json.loads(
        run("questions", "--host", "airflow", "--format", "json", cwd=tmp_path).stdout
    )
    assert "runtime.dbt_adapter" not in {q["id"] for q in airflow["questions"]}
    text = run("questions", cwd=tmp_path).stdout
    assert "== quickstart" in text and "feeds:" in text
