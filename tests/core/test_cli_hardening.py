"""Bad environments rather than bad files: unreadable and read-only folders, a relative
``--python``, and ``status`` carrying on past what it cannot read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.bad_input_support import run_cli, snapshot
from tests.core.builders import ready_review
from wizard.core.review.store import create_review, load_review


@pytest.fixture
def review(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "readiness-review.toml"
    path.parent.mkdir()
    create_review(path, ready_review())
    return path


def _too_long_to_open(folder: Path) -> Path:
    """A folder nested past PATH_MAX: listing it fails even for root (ENAMETOOLONG)."""
    folder.mkdir()
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(20):
            name = "d" * 250
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
    finally:
        os.close(descriptor)
    return folder / ("d" * 250)


def test_status_names_a_folder_it_cannot_read_and_still_lists_the_rest(review: Path) -> None:
    _too_long_to_open(review.parent / "deep")
    done = run_cli(review.parent, ("status", "."))
    assert done.returncode == 2
    assert "readiness-review.toml: Orders pipeline" in done.stdout
    assert "folder not readable" in done.stderr and "deep/" in done.stderr
    assert "Traceback" not in done.stderr


def test_status_names_a_folder_without_read_permission(review: Path) -> None:
    locked = review.parent / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions do not stop this process")
        done = run_cli(review.parent, ("status", "."))
        assert done.returncode == 2 and "locked" in done.stderr
    finally:
        locked.chmod(0o755)


@pytest.fixture
def read_only(review: Path) -> Iterator[Path]:
    """The review's folder made read-only: immutable for root (chattr), else chmod."""
    folder = review.parent
    immutable = shutil.which("chattr") is not None and (
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode
        == 0
    )
    if not immutable:
        folder.chmod(0o555)
        if os.access(folder, os.W_OK):
            folder.chmod(0o755)
            pytest.skip("cannot make a folder read-only here")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


@pytest.mark.parametrize(
    "argv",
    [
        ("answer", "readiness-review.toml", "fail.mode", "soft"),
        ("answer", "readiness-review.toml", "--set", "rules.owned=no"),
        ("signoff", "readiness-review.toml", "--role", "reviewer", "--decision", "approve"),
        ("new", "other.toml", "--host", "dbt"),
        ("export", "readiness-review.toml", "--format", "md", "-o", "out.md"),
    ],
    ids=["answer", "answer-set", "signoff", "new", "export"],
)
def test_a_read_only_folder_is_a_clear_exit_2(read_only: Path, argv: tuple[str, ...]) -> None:
    before = snapshot(read_only)
    done = run_cli(read_only, argv)
    assert done.returncode == 2, done.stderr
    assert "not writable" in done.stderr and "Nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(read_only) == before


def test_a_relative_python_is_that_file_not_the_one_on_path(tmp_path: Path) -> None:
    folder = tmp_path / "bin-here"
    folder.mkdir()
    (folder / "python3").symlink_to(sys.executable)
    done = run_cli(folder, ("probe", "--python", "./python3", "--json", "--timeout", "120"))
    assert done.returncode in (0, 1), done.stderr
    executable = json.loads(done.stdout)["python"]["executable"]
    assert executable == str(folder / "python3")


def test_a_note_with_set_is_refused_and_nothing_is_applied(review: Path) -> None:
    before = review.read_bytes()
    done = run_cli(
        review.parent,
        ("answer", review.name, "--set", "fail.mode=soft", "--note", "agreed", "--evidence", "x"),
    )
    assert done.returncode == 2 and "--note and --evidence" in done.stderr
    assert review.read_bytes() == before


def test_note_and_evidence_with_question_and_set_are_both_kept(review: Path) -> None:
    done = run_cli(
        review.parent,
        (
            "answer",
            review.name,
            "fail.mode",
            "soft",
            "--note",
            "agreed",
            "--evidence",
            "https://x",
            "--set",
            "rules.owned=no",
        ),
    )
    assert done.returncode == 0, done.stderr
    answers = load_review(review).review.answers
    assert answers["fail.mode"].note == "agreed" and answers["fail.mode"].evidence == ["https://x"]
    assert answers["rules.owned"].value is False
