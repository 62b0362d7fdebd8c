"""The HTML export's tables stay inside the page: long values break instead of widening a cell."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "wizard"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=120
    )


def test_the_signoff_table_wraps_long_values_within_the_page(tmp_path: Path) -> None:
    assert run("new", "--host", "prefect", cwd=tmp_path).returncode == 0
    long_comment = "checked-" * 40  # one unbroken word, far wider than the page
    signed = run(
        "signoff",
        "readiness-review.toml",
        "--role",
        "approver",
        "--decision",
        "approve",
        "--name",
        "ana",
        "--comment",
        long_comment,
        cwd=tmp_path,
    )
    assert signed.returncode == 0, signed.stderr
    exported = run(
        "export", "readiness-review.toml", "--format", "html", "-o", "review.html", cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "<h2>Sign-offs</h2>" in page and long_comment in page
    style = page[page.index("<style>") : page.index("</style>")]
    cells = re.search(r"th, td \{([^}]*)\}", style)
    assert cells is not None
    assert "overflow-wrap: anywhere" in cells.group(1), "a long word breaks inside its cell"
    assert re.search(r"table \{[^}]*width: 100%", style), "tables take the page's width, no more"
