"""What changed, completely: credentials and settings that appeared, went away or moved, with
file:line, in the core's scan drift, in `diff` and in the prompt's probe lines. Real git
repositories, the real scan and the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.evidence_project import (
    SETTINGS_FILE,
    commit_all,
    git,
    plant_credential,
    planted_password,
    prefect_repo,
)
from wizard.core.evidence.scan import scan_project
from wizard.core.evidence.scan_drift import scan_drift
from wizard.core.review.store import create_review, new_review


def test_a_credential_appears_moves_and_goes_away_and_a_setting_moves(tmp_path: Path) -> None:
    root = prefect_repo(tmp_path / "project")
    clean = scan_project(root, chosen_host="prefect")
    assert scan_drift(clean, clean) == []
    plant_credential(root, line=3)
    planted = scan_project(root, chosen_host="prefect")
    (appeared,) = scan_drift(clean, planted)
    assert appeared.startswith(f"credential appeared: {SETTINGS_FILE}:3 ")
    plant_credential(root, line=6)
    flow = root / "flows" / "orders_flow.py"
    flow.write_text("# moved down by one line\n" + flow.read_text("utf-8"), "utf-8")
    commit_all(root, "move things")
    moved = scan_project(root, chosen_host="prefect")
    lines = scan_drift(planted, moved)
    assert f"credential moved: {SETTINGS_FILE}:3 -> {SETTINGS_FILE}:6" in lines[0]
    assert "setting moved: flows/orders_flow.py:5 timeout_seconds=600 -> line 6" in lines
    (root / SETTINGS_FILE).unlink()
    commit_all(root, "the password is gone")
    gone = scan_drift(moved, scan_project(root, chosen_host="prefect"))
    assert gone == [gone[0]] and gone[0].startswith(f"credential went away: {SETTINGS_FILE}:6 ")
    assert all(planted_password() not in line for line in [*lines, appeared, *gone])


def trr(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_diff_names_the_committed_credential_with_file_and_line(tmp_path: Path) -> None:
    root = prefect_repo(tmp_path / "project")
    review = root / "readiness-review.toml"
    create_review(review, new_review("Orders", "prefect", "truthound"))
    assert "Scan saved" in trr("scan", root, "--review", review, cwd=root).stdout
    commit_all(root, "review with a clean scan")
    file, line = plant_credential(root)
    assert "Scan saved" in trr("scan", root, "--review", review, cwd=root).stdout
    commit_all(root, "re-scanned")

    done = trr("diff", f"{review.name}@HEAD~1", review.name, cwd=root)
    assert done.returncode in (0, 1), done.stderr  # --exit-code semantics: another change's
    assert "scan changes:" in done.stdout
    assert f"credential appeared: {file}:{line} " in done.stdout
    assert planted_password() not in done.stdout + review.read_text("utf-8")
    assert git(root, "log", "--oneline").count("\n") == 4
