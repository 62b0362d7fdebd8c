"""The contradiction in `check`'s output, and project paths stored relative to the review: the
real command line on real git repositories."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.support.evidence_project import plant_credential, planted_password, prefect_repo
from wizard.core.evidence.snapshot import project_folder
from wizard.core.review.store import load_review


def trr(*args: str | Path, cwd: Path, ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode in ok, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def test_check_prints_the_contradiction_and_fails(tmp_path: Path) -> None:
    root = prefect_repo(tmp_path / "project")
    file, line = plant_credential(root)
    review = tmp_path / "r.toml"
    trr("new", review, "--host", "prefect", "--project", root, cwd=tmp_path)
    trr("scan", root, "--review", review, cwd=tmp_path, ok=(0, 1))
    trr("answer", review, "secrets.none_committed", "yes", cwd=tmp_path)

    report = trr("check", review, cwd=tmp_path, ok=(1,))

    assert "secrets.none_committed = yes (attested) contradicts the evidence" in report
    assert f"{file}:{line}" in report
    assert planted_password() not in report
    as_json = trr("check", review, "--format", "json", cwd=tmp_path, ok=(1,))
    assert "contradicts the evidence" in as_json


def test_an_absolute_project_path_is_stored_relative_and_works_after_a_move(
    tmp_path: Path,
) -> None:
    here = tmp_path / "machine-a"
    root = prefect_repo(here / "pipeline")
    review = here / "readiness" / "r.toml"
    review.parent.mkdir(parents=True)
    trr("new", review, "--host", "prefect", "--project", root.resolve(), cwd=tmp_path)
    stored = tomllib.loads(review.read_text("utf-8"))["target"]["project"]
    assert stored == "../pipeline"

    there = tmp_path / "machine-b"
    shutil.copytree(here, there, symlinks=True)
    moved = there / "readiness" / "r.toml"
    assert project_folder(load_review(moved).review, moved, None) == (there / "pipeline").resolve()
    far = tmp_path / "elsewhere" / "a" / "b" / "c"
    far.mkdir(parents=True)
    trr("new", far / "r2.toml", "--host", "prefect", "--project", root, cwd=tmp_path)
    kept = tomllib.loads((far / "r2.toml").read_text("utf-8"))["target"]["project"]
    assert kept == str(root)  # far away: kept as typed, it is probably not the same repository


def test_a_signed_scan_stays_fresh_in_another_clone(tmp_path: Path) -> None:
    """The scan root is stored relative to the review and left out of the content hash: the
    same project re-scanned in a clone at another place on disk is the same content."""
    here = tmp_path / "laptop" / "repo"
    root = prefect_repo(here)
    review = here / "readiness-review.toml"
    trr("new", review, "--host", "prefect", cwd=here)
    trr("scan", root, "--review", review, cwd=here)
    stored = tomllib.loads(review.read_text("utf-8"))["probe"]["scan"]
    assert stored["root"] == "."
    assert str(tmp_path) not in review.read_text("utf-8")
    trr(
        "signoff",
        review,
        "--name",
        "Alice",
        "--role",
        "approver",
        "--decision",
        "approve",
        "--principal",
        "alice@example.com",
        cwd=here,
    )
    signed = review.read_bytes()

    there = tmp_path / "ci-runner" / "builds" / "repo"
    subprocess.run(["git", "clone", "-q", str(here), str(there)], check=True)
    shutil.copy2(review, there / review.name)  # the review as committed beside the project
    moved = there / review.name
    trr("scan", there, "--review", moved, cwd=there)

    assert moved.read_bytes() == signed
    verified = trr("verify", moved, cwd=there)
    assert "stale" not in verified.lower()
