"""The real ``truthound-readiness`` command: fallback without a terminal, and a real terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect

from tests.support.terminal import pty_environment
from tests.tui import scenes

COMMAND = [sys.executable, "-m", "wizard"]


def run_piped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def test_without_a_terminal_it_suggests_prompt_and_check(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    for args in ((str(path),), ("tui", str(path))):
        completed = run_piped(*args)
        assert completed.returncode == 2
        assert completed.stdout == ""
        message = completed.stderr
        assert "not both a terminal" in message
        assert f"truthound-readiness prompt {path}" in message
        assert f"truthound-readiness check {path}" in message
        assert "Traceback" not in message
        assert len(message.strip().splitlines()) == 1, "one paragraph"


def test_without_a_terminal_a_new_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    completed = run_piped(str(path))
    assert completed.returncode == 2
    assert not path.exists()


def spawn(args: list[str], *, rows: int, columns: int, term: str) -> pexpect.spawn:
    env = pty_environment(without=("NO_COLOR",), TERM=term)
    return pexpect.spawn(
        sys.executable,
        ["-m", "wizard", *args],
        env=env,
        dimensions=(rows, columns),
        encoding="utf-8",
        timeout=60,
    )


def test_dumb_or_tiny_terminals_get_the_same_advice(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    dumb = spawn([str(path)], rows=24, columns=80, term="dumb")
    dumb.expect(pexpect.EOF)
    dumb.close()
    assert dumb.exitstatus == 2
    assert "terminal type is 'dumb'" in dumb.before
    assert "truthound-readiness check" in dumb.before

    tiny = spawn([str(path)], rows=10, columns=40, term="xterm-256color")
    tiny.expect(pexpect.EOF)
    tiny.close()
    assert tiny.exitstatus == 2
    assert "40x10" in tiny.before.replace("\r\n", " ")


def test_a_real_terminal_opens_the_review_and_quits_cleanly(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    before = path.read_bytes()
    # A missing interpreter keeps the background probe fast and offline.
    child = spawn(
        [str(path), "--python", str(tmp_path / "missing" / "python"), "--by", "alice"],
        rows=24,
        columns=80,
        term="xterm-256color",
    )
    child.expect("Checklist")
    # The worker finished and the screen updated: the status line now leads with the
    # interpreter it tried (the stored probe's line read "Python 3.11.7 at ..."; the running
    # one "probing the interpreter", without the separator and colour codes before it).
    child.expect(r"· (\x1b\[[0-9;]*m)*the interpreter ")
    child.sendcontrol("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert path.read_bytes() != before  # the failed probe was saved as a failure


def test_a_malformed_set_is_a_usage_error(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    completed = run_piped("tui", str(path), "--set", "no-equals-sign")
    assert completed.returncode == 2
    assert "write it as question.id=value" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_quitting_does_not_wait_for_a_hung_interpreter(tmp_path: Path) -> None:
    path = scenes.half_green(tmp_path)
    before = path.read_bytes()
    hung = tmp_path / "python"
    hung.write_text("#!/bin/sh\nsleep 120\n")
    hung.chmod(0o755)
    child = spawn(
        [str(path), "--python", str(hung), "--by", "alice"],
        rows=24,
        columns=80,
        term="xterm-256color",
    )
    child.expect("Probing")
    child.sendcontrol("q")
    child.expect(pexpect.EOF, timeout=20)  # far less than the 120 s the interpreter sleeps
    child.close()
    assert child.exitstatus == 0
    assert path.read_bytes() == before  # the abandoned probe recorded nothing
