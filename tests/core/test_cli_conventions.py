"""Command-line conventions other tools taught people: real processes, real files, real git."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.scan.projects import airflow_project, dbt_project

CLI = [sys.executable, "-m", "wizard"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_diff_exit_code_is_one_only_when_something_changed(tmp_path: Path) -> None:
    assert run("new", "a.toml", "--host", "prefect", cwd=tmp_path).returncode == 0
    (tmp_path / "b.toml").write_bytes((tmp_path / "a.toml").read_bytes())
    same = run("diff", "a.toml", "b.toml", "--exit-code", cwd=tmp_path)
    assert same.returncode == 0 and "no change." in same.stdout
    assert run("answer", "b.toml", "quickstart.local_run", "yes", cwd=tmp_path).returncode == 0
    changed = run("diff", "a.toml", "b.toml", "--exit-code", cwd=tmp_path)
    assert changed.returncode == 1, changed.stderr
    assert "quickstart.local_run" in changed.stdout
    assert run("diff", "a.toml", "b.toml", cwd=tmp_path).returncode == 0, "only on request"


def test_scan_fails_on_an_open_credential_unless_told_to_report_only(tmp_path: Path) -> None:
    planted = airflow_project(tmp_path / "planted", planted=True)
    failing = run("scan", str(planted.root), "--host", "airflow", cwd=tmp_path)
    assert failing.returncode == 1
    assert "Committed credentials:" in failing.stdout
    reported = run("scan", str(planted.root), "--host", "airflow", "--exit-zero", cwd=tmp_path)
    assert reported.returncode == 0 and reported.stdout == failing.stdout
    clean = dbt_project(tmp_path / "clean", planted=False)
    assert run("scan", str(clean.root), cwd=tmp_path).returncode == 0


def test_a_yes_answer_is_echoed_as_yes(tmp_path: Path) -> None:
    assert run("new", "--host", "dagster", cwd=tmp_path).returncode == 0
    result = run("answer", "readiness-review.toml", "quickstart.local_run", "yes", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("quickstart.local_run = yes")
    assert "True" not in result.stdout


def test_a_mistyped_command_is_named_with_the_closest_one(tmp_path: Path) -> None:
    result = run("chek", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown command 'chek'; did you mean 'check'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [], "no review called chek was created"
    far = run("zzzq", cwd=tmp_path)
    assert far.returncode == 2 and "unknown command 'zzzq'" in far.stderr


def test_a_word_naming_a_file_or_a_toml_is_still_the_review(tmp_path: Path) -> None:
    # Without a terminal the review cannot open, and the advice names the file it would open:
    # so each word below was taken as the review, not refused as a command.
    (tmp_path / "chek").write_text("", encoding="utf-8")
    for word in ("chek", "orders.toml", "reviews/orders"):
        result = run(word, cwd=tmp_path)
        assert result.returncode == 2
        assert "unknown command" not in result.stderr
        assert f"truthound-readiness check {word}" in result.stderr


def test_review_options_without_a_file_open_the_default_review(tmp_path: Path) -> None:
    result = run("--python", sys.executable, cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" not in result.stderr, "not an argparse error"
    assert "truthound-readiness check readiness-review.toml" in result.stderr
