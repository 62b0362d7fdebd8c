"""Real interpreters for probe tests: cached venvs with truthound-orchestration, and fakes.

``ensure_venv(name, requirements)`` builds (once, then reuses) a genuine virtual environment
under ``cache_root()`` from the package index; ``ensure_target_venv()`` is the plain one with the
pinned truthound-orchestration, so tests run the library's real ``run_preflight``.
``make_fake_venv()`` makes a genuine, empty venv and writes real ``.dist-info`` metadata into
its site-packages, so ``importlib.metadata`` in that interpreter reports exactly the versions a
test asks for without downloading anything.

All return the path of the venv's Python executable.
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

# Further real venvs the tests build (named folders under cache_root(), each reused between runs
# until its requirement list or base Python changes). Kept to what the acceptance tests need:
# each costs a download of 280-500 MB on a clean machine.
ORCHESTRATION = TARGET_REQUIREMENTS[0]
# The adapter refuses Truthound 3.0.0 at execution time, although the package allows it.
TRUTHOUND_300_REQUIREMENTS = (ORCHESTRATION, "truthound==3.0.0")
# A plain `pip install pandera` brings neither pandas nor pyarrow, which the adapter needs.
PANDERA_REQUIREMENTS = (ORCHESTRATION, "pandera==0.35.0")
# The loader test's host: Airflow's own DagBag (its primary version).
AIRFLOW_REQUIREMENTS = (ORCHESTRATION, "apache-airflow==3.2.0")


def venv_python(venv: Path) -> Path:
    """The interpreter inside a venv folder, on POSIX or Windows."""
    posix = venv / "bin" / "python"
    return posix if posix.exists() else venv / "Scripts" / "python.exe"


def _base_interpreter() -> str:
    """The interpreter a venv is made from: the base one when the tests run inside a venv."""
    return str(getattr(sys, "_base_executable", None) or sys.executable)


def _marker_text(base_python: str, requirements: tuple[str, ...]) -> str:
    version = subprocess.run(
        [base_python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return "\n".join([f"# python {version}", *requirements]) + "\n"


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


def ensure_venv(name: str, requirements: tuple[str, ...], base_python: str | None = None) -> Path:
    """The Python of the cached venv ``cache_root()/name``, built with ``requirements`` if needed.

    The marker file (written last, so a half-built venv never counts) holds the Python version
    and requirement list; any difference triggers a rebuild from scratch. A lock per venv lets
    parallel test workers and sessions wait for one build instead of racing.
    """
    folder = cache_root() / name
    base = base_python or _base_interpreter()
    wanted = _marker_text(base, requirements)
    marker = folder / MARKER_NAME
    with _exclusive(folder.with_name(f"{name}.lock")):
        if marker.exists() and marker.read_text() == wanted and venv_python(folder).exists():
            return venv_python(folder)
        shutil.rmtree(folder, ignore_errors=True)
        _run([base, "-m", "venv", str(folder)], f"creating the venv {folder}")
        python = venv_python(folder)
        _run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *requirements,
            ],
            f"pip install {' '.join(requirements)} into {folder}",
        )
        marker.write_text(wanted)
        return python


def ensure_target_venv(base_python: str | None = None) -> Path:
    """The Python of the cached target venv: truthound-orchestration 3.0.3 and nothing else."""
    return ensure_venv(TARGET_VENV.name, TARGET_REQUIREMENTS, base_python)


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
