"""Backups, temp files and symlinks: written atomically, never through a link, cleaned up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.builders import ready_review
from wizard.core.errors import ReviewFileError
from wizard.core.review.answers import record_answer
from wizard.core.review.reading import restore_hint
from wizard.core.review.store import create_review, load_review, save_loaded, update_review

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "repo" / "readiness-review.toml"
    path.parent.mkdir()
    create_review(path, ready_review())
    return path


def _answer(path: Path, value: str = "no") -> None:
    update_review(path, lambda review: record_answer(review, "rules.owned", value, by="bob"))


def _bak(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def test_a_bak_symlink_is_replaced_never_followed(saved: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    _bak(saved).symlink_to(victim)
    before = saved.read_bytes()
    _answer(saved)
    assert victim.read_text() == "precious\n"
    assert not _bak(saved).is_symlink() and _bak(saved).read_bytes() == before


def test_a_dangling_bak_symlink_creates_nothing_elsewhere(saved: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "planted.toml"
    elsewhere.parent.mkdir()
    _bak(saved).symlink_to(elsewhere)
    _answer(saved)
    assert not elsewhere.exists() and list(elsewhere.parent.iterdir()) == []
    assert not _bak(saved).is_symlink() and load_review(_bak(saved)).review.title


def test_a_schema0_bak_symlink_is_replaced_never_followed(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    path.write_text('title = "Legacy"\nhost = "dbt"\nengine = "truthound"\n')
    original = path.read_bytes()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    keep = path.with_name(path.name + ".schema0.bak")
    keep.symlink_to(victim)
    save_loaded(load_review(path))
    assert victim.read_text() == "precious\n"
    assert not keep.is_symlink() and keep.read_bytes() == original


def test_a_symlinked_review_is_saved_to_its_target(saved: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(saved)
    _answer(link)
    assert link.is_symlink() and os.readlink(link) == str(saved)
    assert load_review(saved).review.answers["rules.owned"].value is False
    assert _bak(saved).exists() and not _bak(link).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "repo"]


def test_a_dangling_review_link_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "readiness-review.toml"
    link.symlink_to(tmp_path / "nowhere" / "review.toml")
    with pytest.raises(ReviewFileError, match="does not exist"):
        create_review(link, ready_review())
    assert not (tmp_path / "nowhere").exists() and link.is_symlink()


def test_leftover_temp_files_are_removed_by_the_next_save(saved: Path) -> None:
    folder = saved.parent
    partial_bak = folder / f".{saved.name}.bak.0a1b2c3d.tmp"
    partial_bak.write_bytes(saved.read_bytes()[:40])  # a backup copy killed half-way
    partial = folder / f".{saved.name}.k3j4h5g6.tmp"
    partial.write_bytes(b"schema_version = 1\ntit")
    unrelated = folder / ".notes.txt.12345678.tmp"
    unrelated.write_text("someone else's")
    _answer(saved)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".notes.txt.12345678.tmp", saved.name, f"{saved.name}.bak"]
    load_review(_bak(saved))  # the backup is whole


def test_no_lock_or_temp_file_stays_after_a_save(saved: Path) -> None:
    _answer(saved)
    _answer(saved, "yes")
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name, f"{saved.name}.bak"]


def test_errors_point_at_the_bak_only_when_it_is_valid(saved: Path) -> None:
    _answer(saved)
    assert "readiness-review.toml.bak" in restore_hint(saved)
    _bak(saved).write_text("title = \n")
    assert restore_hint(saved) == "restore it from git"
    saved.write_text("schema_version = 1\nhost = = 1\n")
    with pytest.raises(ReviewFileError) as caught:
        load_review(saved)
    assert ".bak" not in caught.value.message and "restore it from git" in caught.value.message


KILLER = """
import sys
from wizard.core.review.answers import record_answer
from wizard.core.review.store import update_review
path = sys.argv[1]
print("ready", flush=True)
n = 0
while True:
    n += 1
    value = "yes" if n % 2 else "no"
    update_review(path, lambda r: record_answer(r, "rules.owned", value, by=f"w{n}"))
"""


def test_sigkill_during_saves_leaves_whole_files_and_the_next_save_cleans_up(
    saved: Path,
) -> None:
    """A writer killed (SIGKILL) at 15 arbitrary moments mid-save: the review and its .bak
    always load, and the next save removes whatever temp files the kill left."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for attempt in range(15):
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLER, str(saved)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(0.05 + 0.013 * attempt)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
        load_review(saved)
        if _bak(saved).exists():
            load_review(_bak(saved))
    _answer(saved, "yes")
    leftovers = [p.name for p in saved.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    load_review(_bak(saved))
