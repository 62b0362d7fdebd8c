"""The hooks of .pre-commit-hooks.yaml under the real ``pre-commit try-repo``.

The hook repository is a copy of this project committed into a fresh git repository (try-repo
reads committed files, and an uncommitted new module would be missing from the hook's
install). pre-commit then builds the hook environment from it the way it does for users: a
venv and an install of the package from the package index's dependencies (pre-commit-uv makes
that take seconds). try-repo uses a throwaway store, so every call installs again; each test
therefore runs both hooks in one call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scan.projects import airflow_project

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "TRUTHOUND_READINESS_USER": "ana",
}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True)


def wizard(cwd: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hook-repo")
    shutil.copytree(
        REPO_ROOT / "wizard", repo / "wizard", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO_ROOT / name, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the hooks under test")
    return repo


@pytest.fixture
def pipeline(tmp_path: Path) -> Path:
    """A pipeline repository with a clean Airflow project and a review signed by an approver."""
    project = airflow_project(tmp_path / "pipeline", planted=False)
    root = project.root
    wizard(root, "new", "readiness-review.toml", "--host", "airflow", "--title", "Orders")
    wizard(root, "answer", "readiness-review.toml", "source.kind", "sql")
    wizard(
        root, "signoff", "readiness-review.toml", "--name", "Bo", "--role", "approver",
        "--decision", "approve",
    )  # fmt: skip
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "pipeline and its signed review")
    return root


def try_repo(hook_repo: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` on the staged files, as a commit would run the hooks."""
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(hook_repo)],
        cwd=target,
        env={**os.environ, **GIT_ENV, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def hook_line(output: str, hook: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(hook))


def test_both_hooks_pass_on_a_commit_that_keeps_the_review_signed(
    hook_repo: Path, pipeline: Path
) -> None:
    dag = pipeline / "dags" / "orders_quality.py"
    dag.write_text(dag.read_text(encoding="utf-8") + "\n# reviewed with the on-call team\n")
    # The owner is bookkeeping, not signed content: naming it keeps the sign-off fresh.
    review = pipeline / "readiness-review.toml"
    text = review.read_text(encoding="utf-8")
    review.write_text(
        text.replace('engine = "truthound"\n', 'engine = "truthound"\nowner = "shop"\n')
    )
    git(pipeline, "add", "-A")
    done = try_repo(hook_repo, pipeline)
    assert done.returncode == 0, done.stdout + done.stderr
    assert hook_line(done.stdout, "readiness scan").endswith("Passed")
    assert hook_line(done.stdout, "readiness check").endswith("Passed")


def test_a_planted_credential_and_a_stale_signoff_each_stop_the_commit(
    hook_repo: Path, pipeline: Path
) -> None:
    secret = "Planted-Pw-4471"
    dag = pipeline / "dags" / "orders_quality.py"
    dag.write_text(
        dag.read_text(encoding="utf-8")
        + f'\nARCHIVE = "postgresql://archiver:{secret}@archive.internal/orders"\n'
    )
    review = pipeline / "readiness-review.toml"
    review.write_text(review.read_text(encoding="utf-8").replace('"Orders"', '"Orders v2"'))
    broken = pipeline / "billing.readiness.toml"
    broken.write_text('schema_version = 1\ntitle = "Billing\nhost = "dbt"\n', encoding="utf-8")
    # An unstaged credential is not part of the commit: pre-commit stashes it away.
    (pipeline / "scratch.py").write_text(f'DSN = "postgresql://a:{secret}x@h/d"\n')
    git(pipeline, "add", "dags/orders_quality.py", "readiness-review.toml", broken.name)
    done = try_repo(hook_repo, pipeline)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert hook_line(done.stdout, "readiness scan").endswith("Failed")
    assert hook_line(done.stdout, "readiness check").endswith("Failed")
    lines = dag.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "archiver" in text)
    assert f"dags/orders_quality.py:{line}: uri-password sha256:" in done.stdout
    assert "scratch.py" not in done.stdout
    assert secret not in output
    assert "makes the sign-off Bo (approver) approve" in done.stdout
    assert "billing.readiness.toml" in done.stdout and "line 2" in done.stdout
    assert "Traceback" not in output
