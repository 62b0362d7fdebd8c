"""Readiness levels (data in kb/reporting.toml, judged by one pure function) and review owners."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.core.builders import ready_review
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evaluation.levels import level_of
from wizard.core.kb.registry import KB_DIR_VARIABLE
from wizard.core.kb.reporting import load_reporting
from wizard.core.review.answers import record_answer
from wizard.core.review.model import Waiver
from wizard.core.review.store import load_review
from wizard.core.signoff.content_hash import content_hash

TODAY = date(2026, 11, 28)
KB = Path(__file__).parents[2] / "wizard" / "core" / "kb"


def test_levels_climb_from_blocked_through_basic_to_production() -> None:
    review = ready_review()
    ready = evaluate(review, review.probe, TODAY)
    assert ready.ready
    top = level_of(ready, approved=True)
    assert (top.level.id, top.rank, top.next_level, top.missing) == ("production", 2, None, ())
    unsigned = level_of(ready, approved=False)
    assert unsigned.level.id == "basic" and unsigned.missing == ("no fresh approval",)

    record_answer(review, "results.tested", False, by="bob")  # untested consumers only warn
    gaps = evaluate(review, review.probe, TODAY)
    basic = level_of(gaps, approved=True)
    assert basic.level.id == "basic" and basic.next_level is not None
    assert basic.missing == ("result-consumers is warn",)

    record_answer(review, "secrets.none_committed", False, by="bob")
    blocked = level_of(evaluate(review, review.probe, TODAY), approved=True)
    assert blocked.level.id == "blocked" and blocked.rank == 0
    assert "secrets is fail" in blocked.missing

    review.waivers.append(
        Waiver(item="secrets", reason="rotation in progress", owner="sam", expires=TODAY)
    )
    assert level_of(evaluate(review, review.probe, TODAY), approved=True).level.id == "basic"


def test_a_level_counts_only_when_every_level_below_it_does(tmp_path: Path) -> None:
    """With the floor's neighbour made impossible, a ready and approved review stays blocked."""
    kb = tmp_path / "kb"
    shutil.copytree(KB, kb, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = (kb / "reporting.toml").read_text(encoding="utf-8")
    (kb / "reporting.toml").write_text(
        text.replace('accept = ["pass", "waived", "warn"]', 'accept = ["fail"]'), encoding="utf-8"
    )
    script = (
        "from tests.core.builders import ready_review\n"
        "from datetime import date\n"
        "from wizard.core.evaluation.evaluate import evaluate\n"
        "from wizard.core.evaluation.levels import level_of\n"
        "r = ready_review()\n"
        "print(level_of(evaluate(r, r.probe, date(2026, 11, 28)), approved=True).level.id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, KB_DIR_VARIABLE: str(kb)},
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "blocked"


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        ('items = ["secrets", "host-tuple"', "unknown item 'no-such-item'"),
        ('id = "blocked"', "the first level is the floor"),
    ],
)
def test_a_broken_levels_file_is_refused_at_load(tmp_path: Path, edit: str, problem: str) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(KB, kb, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = (kb / "reporting.toml").read_text(encoding="utf-8")
    broken = {
        'items = ["secrets", "host-tuple"': 'items = ["no-such-item", "host-tuple"',
        'id = "blocked"': 'id = "blocked"\nready = true',
    }[edit]
    (kb / "reporting.toml").write_text(text.replace(edit, broken, 1), encoding="utf-8")
    script = "from wizard.core.kb.reporting import load_reporting\nload_reporting()\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, KB_DIR_VARIABLE: str(kb)},
        check=False,
    )
    assert done.returncode != 0 and problem in done.stderr and "reporting.toml" in done.stderr


def test_guides_map_to_their_published_pages() -> None:
    guides = load_reporting().guides
    assert guides.url("docs/common/metrics.md") == (
        "https://github.com/seadonggyun4/truthound-orchestration/blob/main/docs/common/metrics.md"
    )


def test_new_records_the_owner_and_old_files_without_one_still_load(tmp_path: Path) -> None:
    path = tmp_path / "orders.toml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wizard",
            "new",
            str(path),
            "--host",
            "dbt",
            "--owner",
            "finance-data",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "owned by finance-data" in done.stdout
    assert 'owner = "finance-data"' in path.read_text(encoding="utf-8")
    owned = load_review(path).review
    assert owned.owner == "finance-data"
    without = path.read_text(encoding="utf-8").replace('owner = "finance-data"\n', "")
    path.write_text(without, encoding="utf-8")
    old = load_review(path).review
    assert old.owner is None
    # Who owns a pipeline is bookkeeping: changing it makes no sign-off stale.
    assert content_hash(old) == content_hash(owned)
