"""Real interpreters for probe tests: one cached venv with truthound-orchestration, and fakes.

``ensure_target_venv()`` builds (once, then reuses) a genuine virtual environment with the
pinned truthound-orchestration from the package index, so tests run the library's real
``run_preflight``. ``make_fake_venv()`` makes a genuine, empty venv and writes real
``.dist-info`` metadata into its site-packages, so ``importlib.metadata`` in that interpreter
reports exactly the versions a test asks for without downloading anything.

Both return the path of the venv's Python executable.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def cache_root() -> Path:
    """Where real test venvs are kept between runs, outside any checkout so clean clones reuse
    them: $TRUTHOUND_READINESS_TEST_CACHE, else $XDG_CACHE_HOME (or ~/.cache)."""
    explicit = os.environ.get("TRUTHOUND_READINESS_TEST_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "truthound-readiness-tests"


TARGET_VENV = cache_root() / "target-venv"
TARGET_REQUIREMENTS = ("truthound-orchestration==3.0.3",)
MARKER_NAME = "wizard-test-requirements.txt"
_BUILD_TIMEOUT = 900


def venv_python(venv: Path) -> Path:
    """The interpreter inside a venv folder, on POSIX or Windows."""
    posix = venv / "bin" / "python"
    return posix if posix.exists() else venv / "Scripts" / "python.exe"


def _base_interpreter() -> str:
    """The interpreter a venv is made from: the base one when the tests run inside a venv."""
    return str(getattr(sys, "_base_executable", None) or sys.executable)


def _marker_text(base_python: str) -> str:
    version = subprocess.run(
        [base_python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return "\n".join([f"# python {version}", *TARGET_REQUIREMENTS]) + "\n"


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Other test sessions in the same tree may build at the same moment; take turns."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(command: list[str], what: str) -> None:
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=_BUILD_TIMEOUT, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{what} failed with exit code {completed.returncode}:\n"
            f"{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}"
        )


def ensure_target_venv(base_python: str | None = None) -> Path:
    """The Python of the cached target venv, built with TARGET_REQUIREMENTS if needed.

    The marker file (written last, so a half-built venv never counts) holds the Python version
    and requirement list; any difference triggers a rebuild from scratch.
    """
    base = base_python or _base_interpreter()
    wanted = _marker_text(base)
    marker = TARGET_VENV / MARKER_NAME
    with _exclusive(TARGET_VENV.with_name("target-venv.lock")):
        if marker.exists() and marker.read_text() == wanted and venv_python(TARGET_VENV).exists():
            return venv_python(TARGET_VENV)
        shutil.rmtree(TARGET_VENV, ignore_errors=True)
        _run([base, "-m", "venv", str(TARGET_VENV)], "creating the target venv")
        python = venv_python(TARGET_VENV)
        _run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *TARGET_REQUIREMENTS,
            ],
            f"pip install {' '.join(TARGET_REQUIREMENTS)} into {TARGET_VENV}",
        )
        marker.write_text(wanted)
        return python


def _normalized(name: str) -> str:
    """The file-name form of a distribution name (PEP 503 normalisation, then underscores)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def make_fake_venv(dir: Path, packages: Mapping[str, str], *, python: str | None = None) -> Path:
    """A real venv at ``dir`` whose metadata claims ``packages`` (name -> version) are installed.

    Only metadata is written, no code: enough for anything that reads versions through
    ``importlib.metadata`` and nothing else. ``python`` picks the base interpreter (default: the
    one running the tests), which is how tests get a 3.10 or 3.12 target.
    """
    base = python or _base_interpreter()
    target = Path(dir)
    _run([base, "-m", "venv", "--without-pip", str(target)], f"creating a venv at {target}")
    venv = venv_python(target)
    site_packages = Path(
        subprocess.run(
            [str(venv), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    for name, version in packages.items():
        info = site_packages / f"{_normalized(name)}-{version}.dist-info"
        info.mkdir(parents=True, exist_ok=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
        )
        record = f"{info.name}/METADATA,,\n{info.name}/RECORD,,\n"
        (info / "RECORD").write_text(record, encoding="utf-8")
    return venv


def pyenv_python(version: str) -> str | None:
    """Another real CPython of the given minor line on this machine (pyenv layout), if any."""
    root = Path.home() / ".pyenv" / "versions"
    for candidate in sorted(root.glob(f"{version}.*/bin/python")):
        return str(candidate)
    return None
