"""``diff`` between review versions (files and git revisions) and the ``status`` portfolio."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

from tests.signoff.builders import TODAY, passing_snapshot, ready_review
from tests.signoff.conftest import Runner
from wizard.core.history.portfolio import find_review_files, sniff_review
from wizard.core.review.answers import record_answer
from wizard.core.review.model import Waiver
from wizard.core.review.store import create_review, load_review, save_loaded
from wizard.core.signoff.signoffs import create_signoff

DAY = ("--today", TODAY.isoformat())


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _edit_after_signing(path: Path) -> None:
    loaded = load_review(path)
    review = loaded.review
    record_answer(review, "secrets.none_committed", "no", by="bob")
    record_answer(review, "obs.owner", "platform on-call", by="bob")
    review.answers.pop("quickstart.local_run")
    review.waivers.append(
        Waiver(
            item="secrets", reason="rotation this week", owner="maria", expires=date(2026, 2, 20)
        )
    )
    newer = passing_snapshot()
    newer.environment.packages["apache-airflow"] = "2.7.3"
    review.probe = newer
    save_loaded(loaded)


def _signed_review(path: Path) -> None:
    review = ready_review()
    create_signoff(review, reviewer="Alice", role="approver", decision="approve")
    create_review(path, review)


def test_diff_of_two_files(tmp_path: Path, cli: Runner) -> None:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    _signed_review(old)
    new.write_bytes(old.read_bytes())
    _edit_after_signing(new)
    result = cli("diff", old, new, *DAY)
    assert result.code == 0, result.err
    out = result.out
    assert "readiness: ready -> not ready" in out
    assert "items lost:" in out and "Secrets (secrets): pass -> fail" in out
    assert "~ secrets.none_committed: yes -> no (by bob)" in out
    assert "- quickstart.local_run (was yes)" in out
    assert "apache-airflow 2.6.0 -> 2.7.3" in out
    assert "waivers added:" in out and "waivers expired" in out
    assert "sign-offs made stale:" in out and "Alice (approver) approve" in out

    reverse = json.loads(cli("diff", new, old, *DAY, "--format", "json").out)
    assert "secrets" in [move["item"] for move in reverse["gains"]]
    assert reverse["ready_before"] is False and reverse["ready_after"] is True


def test_diff_against_a_git_revision(tmp_path: Path, cli: Runner) -> None:
    repo = tmp_path / "repo"
    (repo / "pipelines").mkdir(parents=True)
    path = repo / "pipelines" / "readiness-review.toml"
    _signed_review(path)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "signed review")
    _edit_after_signing(path)
    result = cli("diff", f"{path}@HEAD", path, *DAY)
    assert result.code == 0, result.err
    assert "sign-offs made stale:" in result.out
    assert "~ obs.owner" in result.out
    unknown = cli("diff", f"{path}@no-such-rev", path)
    assert unknown.code == 2 and "no-such-rev" in unknown.err
    same = cli("diff", f"{path}@HEAD", f"{path}@HEAD", *DAY)
    assert "no change." in same.out


def test_status_finds_reviews_and_reports_each_in_one_line(tmp_path: Path, cli: Runner) -> None:
    ready = tmp_path / "team-a" / "readiness-review.toml"
    ready.parent.mkdir()
    review = ready_review()
    review.waivers.append(
        Waiver(
            item="resilience",
            reason="reviewed in the spring",
            owner="sam",
            expires=date(2026, 4, 1),
        )
    )
    create_signoff(review, reviewer="Alice", role="approver", decision="approve")
    create_review(ready, review)
    failing = tmp_path / "team-b" / "orders.readiness.toml"
    failing.parent.mkdir()
    create_review(failing, ready_review(**{"secrets.none_committed": "no"}))
    oddly_named = tmp_path / "team-c" / "gate.toml"
    oddly_named.parent.mkdir()
    create_review(oddly_named, ready_review())
    (tmp_path / "team-c" / "pyproject.toml").write_text('[project]\nname = "x"\nhost = "y"\n')
    broken = tmp_path / "team-d" / "readiness-review.toml"
    broken.parent.mkdir()
    broken.write_text("schema_version = 1\nhost = = 'x'\n")
    hidden = tmp_path / ".venv" / "readiness-review.toml"
    hidden.parent.mkdir()
    hidden.write_text("not even toml")

    assert sniff_review(oddly_named) and not sniff_review(tmp_path / "team-c" / "pyproject.toml")
    assert set(find_review_files([tmp_path])) == {ready, failing, oddly_named, broken}

    result = cli("status", tmp_path, *DAY)
    assert result.code == 2  # everything listed, and the broken file makes the run fail
    assert "1 review file(s) could not be read" in result.err
    lines = {line.split(":")[0]: line for line in result.out.splitlines()}
    assert "READY" in lines[str(ready)] and "approved (approver: approved)" in lines[str(ready)]
    assert "oldest waiver 2026-04-01" in lines[str(ready)]
    assert "NOT READY" in lines[str(failing)] and "failing secrets" in lines[str(failing)]
    assert "UNREADABLE" in lines[str(broken)] and "line 2" in lines[str(broken)]
    assert "4 review files: 2 ready, 1 not ready, 1 unreadable." in result.out

    data = json.loads(cli("status", tmp_path, *DAY, "--format", "json").out)
    by_path = {entry["path"]: entry for entry in data["reviews"]}
    assert by_path[str(failing)]["failing"] == ["secrets"]
    assert by_path[str(ready)]["signoff_state"] == "approved"
    assert "error" in by_path[str(broken)]

    later = json.loads(cli("status", ready, "--today", "2026-05-01", "--format", "json").out)
    assert later["reviews"][0]["waiver_expired"] is True
    assert cli("status", tmp_path / "missing").code == 2
