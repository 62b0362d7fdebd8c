"""Installs as users do them (README "Install"): ``pipx install`` and ``uv tool install`` from a
clone of this repository and from a wheel built by ``python -m build``, each into throwaway
homes (never ~/.local), then the installed command used from an unrelated folder.

The clone is a real ``git clone`` of this checkout, so it holds what is committed. uv is told
never to download a Python (it may try when an interpreter is missing).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("clone") / "truthound-readiness"
    run("git", "clone", "-q", REPO_ROOT, target)
    return target


@pytest.fixture(scope="module")
def wheel(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(BIN / "python", "-m", "build", "--wheel", "--outdir", out, clone)
    [built] = out.glob("truthound_readiness-*-py3-none-any.whl")
    return built


def use_installed(bin_dir: Path, work: Path) -> None:
    """Both commands exist; the knowledge base, styles and schemas came along; a real review
    is created, checked and rendered as a dashboard from a folder that is not the project."""
    for name in ("truthound-readiness", "trr"):
        assert "truthound-readiness" in run(bin_dir / name, "--version")
    exe = bin_dir / "truthound-readiness"
    assert "quickstart.local_run" in run(exe, "questions", "--host", "dbt", cwd=work)
    run(exe, "new", "orders.readiness.toml", "--host", "airflow", "--owner", "shop", cwd=work)
    checked = subprocess.run(
        [exe, "check", "orders.readiness.toml", "--format", "md"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 1 and "NOT READY" in checked.stdout
    page = run(exe, "status", ".", "--format", "html", cwd=work)
    assert "Readiness portfolio" in page and ">shop<" in page


@pytest.mark.parametrize("source", ["clone", "wheel"])
def test_pipx_install(source: str, clone: Path, wheel: Path, tmp_path: Path) -> None:
    env = {"PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin")}
    # With uv importable pipx picks it as its backend; the wheel goes through pip, as pipx
    # does on machines without uv.
    backend = ["--backend", "pip"] if source == "wheel" else []
    run(BIN / "pipx", "install", *backend, clone if source == "clone" else wheel, env=env)
    work = tmp_path / "work"
    work.mkdir()
    use_installed(tmp_path / "bin", work)


@pytest.mark.parametrize("source", ["clone", "wheel"])
def test_uv_tool_install(source: str, clone: Path, wheel: Path, tmp_path: Path) -> None:
    env = {
        "UV_TOOL_DIR": str(tmp_path / "tools"),
        "UV_TOOL_BIN_DIR": str(tmp_path / "bin"),
        "UV_PYTHON_DOWNLOADS": "never",
    }
    spec = clone if source == "clone" else wheel
    run(BIN / "uv", "tool", "install", "--python", sys.executable, spec, env=env)
    work = tmp_path / "work"
    work.mkdir()
    use_installed(tmp_path / "bin", work)


def test_the_wheel_carries_its_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {Path(name).name for name in names if name.startswith("wizard/core/kb/")}
    in_tree = {path.name for path in (REPO_ROOT / "wizard" / "core" / "kb").glob("*.toml")}
    assert in_tree <= shipped and "reporting.toml" in shipped
    assert {name for name in names if name.endswith(".tcss")}
    assert "wizard/core/exports/schema/readiness-export-v1.json" in names
