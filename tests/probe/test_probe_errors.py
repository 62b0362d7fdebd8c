"""Every way a target interpreter can fail gives a ProbeError naming it and the fix."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from wizard.core.errors import EXIT_BAD_INPUT, ReadinessError
from wizard.core.evidence.probe import (
    ProbeError,
    probe_environment,
    run_preflight_probe,
    take_snapshot,
)
from wizard.core.evidence.probe.inputs import PreflightInputs

Shell = Callable[[str], str]


def expect_probe_error(python: str, timeout: float = 20) -> ProbeError:
    with pytest.raises(ProbeError) as caught:
        probe_environment(python, timeout=timeout)
    error = caught.value
    assert isinstance(error, ReadinessError) and error.exit_code == EXIT_BAD_INPUT
    assert python in error.message
    return error


def test_missing_interpreter(tmp_path: Path) -> None:
    error = expect_probe_error(str(tmp_path / "nowhere" / "python"))
    assert "does not exist" in error.message and "--python" in error.message


def test_folder_instead_of_interpreter(tmp_path: Path) -> None:
    error = expect_probe_error(str(tmp_path))
    assert "is a folder" in error.message and "bin/python" in error.message


def test_file_that_is_not_executable(tmp_path: Path) -> None:
    plain = tmp_path / "python"
    plain.write_text("not a program")
    error = expect_probe_error(str(plain))
    assert "not executable" in error.message and "chmod +x" in error.message


def test_interpreter_exiting_non_zero(shell_interpreter: Shell) -> None:
    python = shell_interpreter("echo 'ImportError: broken site hook' >&2\nexit 3")
    error = expect_probe_error(python)
    assert "exited with code 3" in error.message
    assert "ImportError: broken site hook" in error.message


def test_interpreter_secret_on_stderr_is_redacted(shell_interpreter: Shell) -> None:
    python = shell_interpreter("echo 'cannot reach postgresql://u:hunter2@db/x' >&2\nexit 1")
    error = expect_probe_error(python)
    assert "hunter2" not in error.message and "postgresql://u:***@db/x" in error.message


def test_interpreter_that_hangs_past_the_timeout(shell_interpreter: Shell) -> None:
    python = shell_interpreter("exec sleep 30")
    error = expect_probe_error(python, timeout=0.5)
    assert "the probe did not finish within 0.5 seconds" in error.message
    assert "--timeout" in error.message


def test_interpreter_answering_garbage(shell_interpreter: Shell) -> None:
    python = shell_interpreter("cat > /dev/null\necho 'Welcome to the custom launcher'")
    error = expect_probe_error(python)
    assert "not JSON" in error.message and "Welcome to the custom launcher" in error.message


def test_python_2_cannot_run_the_probe(tmp_path: Path) -> None:
    python2 = Path.home() / ".pyenv" / "versions" / "2.7.18" / "bin" / "python"
    if not python2.exists():
        pytest.skip("no Python 2 on this machine")
    error = expect_probe_error(str(python2))
    assert "exited with code 1" in error.message and "SyntaxError" in error.message


def test_preflight_and_snapshot_raise_the_same_errors(shell_interpreter: Shell) -> None:
    python = shell_interpreter("exit 4")
    inputs = PreflightInputs(host="airflow")
    with pytest.raises(ProbeError, match="exited with code 4"):
        run_preflight_probe(python, inputs, {"truthound-orchestration": "3.0.3"}, timeout=20)
    with pytest.raises(ProbeError, match="exited with code 4"):
        take_snapshot(python, inputs, timeout=20)


def test_none_means_the_running_interpreter() -> None:
    facts = probe_environment(None, timeout=30)
    assert facts.executable == sys.executable


def test_bare_command_name_is_looked_up_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", folder)
    facts = probe_environment(Path(sys.executable).name, timeout=30)
    assert Path(facts.executable).parent == Path(folder)
