"""Running the probe script under another interpreter and turning every failure into a clear error.

The target interpreter is the production runtime (an Airflow image's Python, a Mage runtime, a
worker venv), not the wizard's own, so anything can be wrong with it. Each way it can fail gets
its own message naming the interpreter and what to do about it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.core.errors import ReadinessError
from wizard.core.safety.credentials import redact

TARGET_SCRIPT = Path(__file__).with_name("target_script.py")
SMOKE_SCRIPT = Path(__file__).with_name("smoke_script.py")
RULES_SCRIPT = Path(__file__).with_name("rules_script.py")
LOADER_SCRIPT = Path(__file__).with_name("loader_script.py")
PROTOCOL = 1
DEFAULT_TIMEOUT = 60.0
_STDERR_TAIL = 6


class ProbeError(ReadinessError):
    """The target interpreter could not be probed (missing, broken, hung or answered garbage)."""


def resolve_interpreter(python: str | None) -> str:
    """``None`` means the wizard's own interpreter; anything else must be an executable file."""
    if python is None:
        return sys.executable
    path = Path(python).expanduser()
    if not path.exists() and os.sep not in python and (found := shutil.which(python)):
        path = Path(found)  # a bare command name such as python3.12, looked up on PATH
    elif os.sep in python:
        # ``./python3`` must run that file: Path drops the ``./`` and a bare ``python3`` would
        # be looked up on PATH (and a script run in another folder would miss it).
        path = Path(os.path.abspath(path))
    if not path.exists():
        raise ProbeError(
            f"the interpreter {python} does not exist. Pass --python with the path of the Python "
            "your pipeline actually runs on (for example the venv's bin/python or the one inside "
            "the worker image)."
        )
    if path.is_dir():
        raise ProbeError(
            f"{python} is a folder, not an interpreter. Point --python at the python executable "
            "inside it (usually bin/python, or Scripts\\python.exe on Windows)."
        )
    if not os.access(path, os.X_OK):
        raise ProbeError(
            f"the interpreter {python} is not executable. Fix its permissions (chmod +x) or "
            "point --python at the real python executable."
        )
    return str(path)


def _stderr_tail(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return redact(" | ".join(lines[-_STDERR_TAIL:])) or "(nothing on stderr)"


def _shape_error(interpreter: str, what: str, detail: str) -> ProbeError:
    return ProbeError(
        f"the interpreter {interpreter} answered {what} with {detail}. Check that it is a plain "
        "Python interpreter and not a wrapper script that prints its own output."
    )


# What reading a well-formed but wrongly shaped answer raises (pydantic's errors are ValueErrors).
_SHAPE_ERRORS = (AttributeError, TypeError, KeyError, ValueError, IndexError)


@contextlib.contextmanager
def answer_shape(interpreter: str, what: str) -> Iterator[None]:
    """Turn a target answer of the wrong shape (a list where a table belongs) into a ProbeError."""
    try:
        yield
    except _SHAPE_ERRORS as error:
        raise _shape_error(
            interpreter, what, f"a result of the wrong shape ({type(error).__name__})"
        ) from None


@dataclass
class StartedScript:
    """A target-side script already running, waiting for its request on stdin.

    Started before the wizard imports what it needs to build the request, so the target
    interpreter's own start-up (and, with ``--warm``, its library import) runs meanwhile.
    """

    interpreter: str
    process: subprocess.Popen[bytes]
    own_group: bool

    def kill(self) -> None:
        """End it (and, with ``own_group``, every process it started)."""
        with contextlib.suppress(ProcessLookupError):
            if self.own_group:
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()

    def abandon(self) -> None:
        """Kill it unless it already answered: the request it waits for will never come."""
        if self.process.returncode is None:
            self.kill()
            self.process.communicate()


def start_script(
    python: str | None,
    script: Path,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    own_group: bool = False,
    warm: bool = False,
) -> StartedScript:
    """Start ``script`` under ``python``; ``warm`` lets it import its library while it waits.

    By default the script stays in the caller's process group, so a front end that kills its
    probe helper's group (the TUI quitting) takes the script with it. A script that runs
    project code gets a group of its own instead, because that code may start processes of
    its own; it then also ends itself when its deadline passes (see ``loader_script.py``).
    """
    interpreter = resolve_interpreter(python)
    command = [interpreter, str(script), *(["--warm"] if warm else [])]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=own_group,
        )
    except OSError as error:
        raise ProbeError(
            f"the interpreter {interpreter} could not be started ({error.strerror or error}). "
            "Point --python at a working Python 3 executable."
        ) from error
    return StartedScript(interpreter, process, own_group)


@dataclass
class StartedSmoke:
    """The smoke script already running in its empty working folder, waiting for its request.

    Started beside the probe script (``probe`` does), its interpreter start-up and library import
    run while the preflight does, instead of after it.
    """

    script: StartedScript
    folder: tempfile.TemporaryDirectory[str] = field(repr=False)
    # The request already sent, ahead of the probe's answer (see ``send``); None until then.
    sent: dict[str, Any] | None = None

    def send(self, request: dict[str, Any]) -> None:
        """Hand the script its request now, as one line, and let it run while the probe does.

        The script reads one line, so the pipe stays open and the answer is collected later
        (``finish_script`` with no request). A script that already died shows that then.
        """
        self.sent = request
        stdin = self.script.process.stdin
        if stdin is None:
            return
        with contextlib.suppress(OSError):
            stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            stdin.flush()

    @property
    def workdir(self) -> Path:
        return Path(self.folder.name)

    def abandon(self) -> None:
        """Kill it unless it answered, and remove its folder: its request will never come."""
        self.script.abandon()
        self.folder.cleanup()


def start_smoke(python: str | None, *, warm: bool = True) -> StartedSmoke:
    """Start ``smoke_script.py`` under ``python`` in a fresh empty folder (see ``smoke.py``)."""
    folder = tempfile.TemporaryDirectory(prefix="readiness-smoke-")
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        script = start_script(
            python, SMOKE_SCRIPT, cwd=Path(folder.name), env=environment, warm=warm
        )
    except BaseException:
        folder.cleanup()
        raise
    return StartedSmoke(script, folder)


def run_script(
    python: str | None,
    script: Path,
    request: dict[str, Any],
    timeout: float,
    *,
    what: str = "the probe",
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    own_group: bool = False,
) -> dict[str, Any]:
    """Run one of the target-side scripts under ``python``; its parsed, protocol-checked answer.

    ``what`` names the run in every error message ("the engine smoke run"), so a failure says
    which part of the evidence could not be gathered.
    """
    started = start_script(python, script, cwd=cwd, env=env, own_group=own_group)
    return finish_script(started, request, timeout, what=what)


def finish_script(
    started: StartedScript,
    request: dict[str, Any] | None,
    timeout: float,
    *,
    what: str = "the probe",
) -> dict[str, Any]:
    """Send ``request`` to a started script (None: it has it already) and return its checked
    answer (see ``run_script``)."""
    interpreter = started.interpreter
    payload = None if request is None else json.dumps(request).encode("utf-8")
    try:
        out, err = started.process.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        started.kill()
        started.process.communicate()
        raise ProbeError(
            f"{what} did not finish within {timeout:g} seconds in {interpreter}, so it could not "
            "be judged. Something in that environment hangs on import or start-up; run it by "
            "hand to see where, or raise --timeout if the machine is just slow."
        ) from error
    returncode = started.process.returncode
    # Bytes, decoded here: whatever the target prints must not decide how the wizard fails.
    stdout = out.decode("utf-8", "surrogateescape")
    stderr = err.decode("utf-8", "replace")
    if returncode != 0:
        raise ProbeError(
            f"the interpreter {interpreter} exited with code {returncode} while running "
            f"{what}: {_stderr_tail(stderr)}. Check that it is a working Python 3 "
            "(the probe needs 3.8 or newer to run; the matrix needs 3.11) and that it starts "
            "cleanly on its own."
        )
    if any("\udc80" <= char <= "\udcff" for char in stdout):
        raise _shape_error(interpreter, what, "bytes that are not UTF-8 text")
    try:
        answer = json.loads(stdout)
    except json.JSONDecodeError as error:
        preview = redact(stdout.strip()[:200]) or "(empty)"
        raise ProbeError(
            f"the interpreter {interpreter} answered {what} with something that is not JSON "
            f"({error.msg} at character {error.pos}; it began with: {preview}). Check that it is "
            "a plain Python interpreter and not a wrapper script that prints its own output."
        ) from error
    if not isinstance(answer, dict) or answer.get("protocol") != PROTOCOL:
        raise ProbeError(
            f"the interpreter {interpreter} answered with an unexpected probe protocol "
            f"({answer.get('protocol') if isinstance(answer, dict) else type(answer).__name__}). "
            "The probe script and the wizard come from different versions; reinstall the wizard."
        )
    return answer


def run_target_script(
    python: str | None,
    request: dict[str, Any],
    timeout: float,
    started: StartedScript | None = None,
) -> dict[str, Any]:
    """Run the probe script under ``python`` (or send the request to the one already
    ``started``) and return its parsed, protocol-checked answer."""
    if started is None:
        started = start_script(python, TARGET_SCRIPT)
    return finish_script(started, request, timeout)
