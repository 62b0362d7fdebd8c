"""Run one wizard command in a fresh interpreter and report what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_fresh(args: list[str], tmp_path: Path) -> tuple[int | None, list[str]]:
    """``main(args)``'s exit code and every module imported once it returns."""
    out = tmp_path / "modules.json"
    script = (
        "import contextlib, io, json, sys\n"
        "from wizard.cli.main import main\n"
        "code = None\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    code = main({args!r})\n"
        f"open({str(out)!r}, 'w').write(json.dumps([code, sorted(sys.modules)]))\n"
    )
    subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, cwd=REPO)
    code, modules = json.loads(out.read_text())
    return code, list(modules)


def modules_within(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``packages`` or inside one."""
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]
