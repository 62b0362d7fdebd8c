"""Prompt mode: evidence before the question with the implied answer as the default, lines
wrapped at word boundaries, the host verdict in the probe line, the scan's changes after a
re-probe. The real prompt runner (the harness's pipe input), a real pseudo-terminal, real git
repositories, the real scan and the real probe of this interpreter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pexpect

from tests.prompt import keys
from tests.prompt.driver import HOST, drive, new_file, saved_values, up_to
from tests.prompt.test_prompt_cli import CLI, terminal_env
from tests.support.evidence_project import plant_credential, planted_password, prefect_repo
from wizard.core.kb.knowledge import load_knowledge

# Between two words of a question: spaces, a line break, or the cursor moves of a redraw.
BETWEEN_WORDS = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"

QUESTION = "secrets.none_committed"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


def scanned(review: Path, root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "scan", str(root), "--review", str(review)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Scan saved" in done.stdout, done.stdout + done.stderr


def test_the_finding_is_printed_before_the_question_and_enter_takes_the_implied_no(
    tmp_path: Path,
) -> None:
    root = prefect_repo(tmp_path / "project")
    file, line = plant_credential(root)
    path = new_file(tmp_path / "r.toml", up_to(QUESTION))
    scanned(path, root)

    session = drive(path, keys.ENTER)

    before_question = session.transcript.split(f"[{QUESTION}]", 1)[0]
    assert "evidence (probe and scan, before you answer):" in before_question
    assert f"{file}:{line}: " in before_question and " committed, " in before_question
    assert "implied answer: no (preselected)" in before_question
    assert planted_password() not in session.transcript
    assert saved_values(path)[QUESTION] is False  # Enter accepted the evidence's answer


def test_lines_wrap_at_word_boundaries_to_the_terminal_width(tmp_path: Path) -> None:
    path = new_file(tmp_path / "r.toml")
    first = load_knowledge().question("quickstart.local_run")
    assert first is not None

    session = drive(path, keys.command(first.id, "quit", HOST), columns=50)

    for printed in session.transcript.splitlines():
        assert len(printed) <= 49 or " " not in printed.strip(), printed
    flowing = " ".join(session.transcript.split())
    assert first.help in flowing  # every word whole: a cut word would not read back


def test_a_real_narrow_terminal_gets_whole_words(tmp_path: Path) -> None:
    new_file(tmp_path / "review.toml")
    child = pexpect.spawn(
        CLI[0],
        [*CLI[1:], "prompt", "review.toml", "--no-probe"],
        cwd=str(tmp_path),
        env=terminal_env(),
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 44),
    )
    child.expect(BETWEEN_WORDS.join(("passed", "locally")))  # wrapped or redrawn
    printed = ANSI.sub("", child.before or "")
    child.send("q\r")
    child.expect(pexpect.EOF)
    help_text = load_knowledge().question("quickstart.local_run").help  # type: ignore[union-attr]
    assert help_text in " ".join(printed.split())
    assert all(len(row) <= 43 or " " not in row.strip() for row in printed.splitlines())


def test_the_probe_line_has_the_host_verdict_and_a_reprobe_names_new_findings(
    tmp_path: Path,
) -> None:
    root = prefect_repo(tmp_path / "project")
    path = new_file(tmp_path / "r.toml", up_to(QUESTION))
    scanned(path, root)
    file, line = plant_credential(root)

    session = drive(path, "", probe=True, python=sys.executable, project=root)

    probe_line = next(row for row in session.transcript.splitlines() if "probe: Python" in row)
    assert "; Airflow" in probe_line and "missing" in probe_line  # no Airflow in this venv
    assert f"since the last scan: credential appeared: {file}:{line} " in session.transcript
    assert planted_password() not in session.transcript
