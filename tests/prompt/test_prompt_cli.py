"""The real `truthound-readiness prompt` process: under a pseudo-terminal, and without one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect

from tests.prompt.driver import new_file, saved_answers, saved_values, up_to
from tests.prompt.plans import AIRFLOW_LOCAL
from tests.support.terminal import pty_environment

# Between two words of a question: spaces, a line break, or the cursor moves of a redraw.
BETWEEN_WORDS = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"

CLI = [sys.executable, "-m", "wizard"]
REPO = Path(__file__).resolve().parents[2]


def terminal_env() -> dict[str, str]:
    # pexpect never answers prompt_toolkit's cursor-position query; without this each prompt
    # would wait for the reply before drawing.
    return pty_environment(
        PROMPT_TOOLKIT_NO_CPR="1",
        TERM="xterm-256color",
        TRUTHOUND_READINESS_USER="pty-operator",
    )


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        CLI[0],
        [*CLI[1:], *args],
        cwd=str(cwd),
        env=terminal_env(),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    return child


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, f"killed by signal {child.signalstatus}"
    return int(child.exitstatus)


def test_a_real_terminal_session_creates_the_file_answers_and_quits(tmp_path: Path) -> None:
    child = spawn("prompt", "review.toml", "--no-probe", cwd=tmp_path)
    child.expect("does not exist yet")
    child.expect("short title")
    child.send("\x15Orders on Airflow\r")
    child.expect("Which host")
    child.send("1\r")  # Airflow
    child.expect("Which validation engine")
    child.send("\r")  # the default, Truthound
    child.expect(r"Step 1 of 6")
    child.expect(r"\[quickstart\.local_run\]")
    child.expect(BETWEEN_WORDS.join(("passed", "locally")))  # wrapped or redrawn
    child.send("y\r")
    child.expect(r"\[runtime\.python_version\]")
    child.expect("Which Python version")
    child.send("3.11.7\r")
    child.expect(r"\[runtime\.host_version\]")
    child.send(":quit\r")
    child.expect("Stopped; every answer given so far is saved.")
    child.expect("Checklist:")
    child.expect("resumes at runtime.host_version")

    assert finish(child) == 0
    path = tmp_path / "review.toml"
    assert saved_values(path) == {"quickstart.local_run": True, "runtime.python_version": "3.11.7"}
    assert {entry["by"] for entry in saved_answers(path).values()} == {"pty-operator"}
    assert 'title = "Orders on Airflow"' in path.read_text()


def test_ctrl_c_in_a_real_terminal_exits_130_and_keeps_the_answers(tmp_path: Path) -> None:
    path = new_file(tmp_path / "review.toml", up_to("source.kind"))
    child = spawn("prompt", str(path), "--no-probe", cwd=tmp_path)
    child.expect(r"\[source\.kind\]")
    child.expect(r"Use shortcuts")
    child.send("2\r")  # sql
    child.expect(r"\[source\.reference\]")
    child.expect(r":back, :skip, :quit")
    child.send("SELECT * FROM orders")  # typed but not confirmed: not an answer yet
    child.send("\x03")
    child.expect("interrupted: every answer given so far is saved.")

    assert finish(child) == 130
    values = saved_values(path)
    assert values["source.kind"] == "sql"
    assert "source.reference" not in values
    assert values == {**dict(up_to("source.kind")), "source.kind": "sql"}


def run_without_terminal(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run with stdin an open pipe that never ends: reading it would block until the timeout."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [*CLI, *args], cwd=cwd, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr, text=True
        )
        try:
            code = process.wait(timeout=60)
        finally:
            if process.returncode is None:
                process.kill()
                process.wait()
            assert process.stdin is not None
            process.stdin.close()
    return code, out.read_text(), err.read_text()


def test_without_a_terminal_the_prompt_refuses_instead_of_waiting(tmp_path: Path) -> None:
    path = new_file(tmp_path / "review.toml")
    before = path.read_bytes()

    code, _, stderr = run_without_terminal("prompt", str(path), cwd=tmp_path)

    assert code == 2
    assert stderr.startswith("error: prompt: standard input is not a terminal")
    for suggestion in ("--non-interactive", "answer", "--from", "check"):
        assert suggestion in stderr
    assert path.read_bytes() == before


def test_non_interactive_lists_every_unanswered_question_and_exits_1(tmp_path: Path) -> None:
    path = new_file(tmp_path / "review.toml", AIRFLOW_LOCAL[:-3])

    code, stdout, stderr = run_without_terminal(
        "prompt", str(path), "--non-interactive", cwd=tmp_path
    )

    assert code == 1, stderr
    assert "3 applicable questions are still unanswered" in stdout
    assert "  obs.sla (alerting): " in stdout
    assert "  obs.audit_evidence (alerting): " in stdout
    assert "  obs.openlineage_endpoint (alerting): " in stdout
    assert 'optional: answer "" to leave it empty' in stdout
    assert "obs.owner (" not in stdout


def test_non_interactive_applies_set_answers_then_prints_the_checklist(tmp_path: Path) -> None:
    path = new_file(tmp_path / "review.toml", AIRFLOW_LOCAL[:-3])

    code, stdout, stderr = run_without_terminal(
        "prompt",
        str(path),
        "--non-interactive",
        "--set",
        "obs.sla=yes",
        "--set",
        "obs.audit_evidence=no",
        "--set",
        "obs.openlineage_endpoint=",
        "--by",
        "runbook",
        cwd=tmp_path,
    )

    assert code == 0, stdout + stderr
    assert "every applicable question is answered" in stdout
    assert "Preflight gate" in stdout and "NOT READY" in stdout
    answers = saved_answers(path)
    assert answers["obs.sla"]["value"] is True and answers["obs.sla"]["by"] == "runbook"
    assert answers["obs.audit_evidence"]["value"] is False
    assert answers["obs.openlineage_endpoint"]["value"] == ""


def test_non_interactive_with_a_bad_set_value_applies_nothing(tmp_path: Path) -> None:
    path = new_file(tmp_path / "review.toml", AIRFLOW_LOCAL[:-3])
    before = path.read_bytes()

    code, _, stderr = run_without_terminal(
        "prompt",
        str(path),
        "--non-interactive",
        "--set",
        "obs.sla=yes",
        "--set",
        "obs.openlineage_endpoint=lineage.example.com",
        cwd=tmp_path,
    )

    assert code == 2
    assert "obs.openlineage_endpoint" in stderr and "absolute http(s) URL" in stderr
    assert path.read_bytes() == before


def test_non_interactive_on_a_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    code, _, stderr = run_without_terminal(
        "prompt", "missing.toml", "--non-interactive", cwd=tmp_path
    )

    assert code == 2
    assert "no such review file" in stderr and "truthound-readiness new" in stderr
    assert not (tmp_path / "missing.toml").exists()
