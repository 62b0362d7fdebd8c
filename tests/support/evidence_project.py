"""A small Prefect project in a real git repository, for the evidence-first tests.

The credential is assembled from parts at run time, so this repository never holds one that a
scanner (or a reviewer) could mistake for a real secret.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

FLOW = """
from prefect import flow, task
from truthound_prefect import data_quality_check_task


@task(retries=2, timeout_seconds=600)
def load_orders():
    return {"rows": 3}


@flow
def orders_quality():
    return data_quality_check_task(data=load_orders())
"""
SETTINGS_FILE = "flows/settings.py"


def planted_password() -> str:
    """A credential-shaped value built from parts (never spelled whole in this repository)."""
    return "-".join(["Qv7r", "Lm2x", "Tz9k", "Wp4n"])


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def prefect_repo(root: Path) -> Path:
    """A committed, credential-free project: host retries and a host timeout in the flow."""
    (root / "flows").mkdir(parents=True, exist_ok=True)
    (root / "flows" / "orders_flow.py").write_text(textwrap.dedent(FLOW).lstrip(), "utf-8")
    (root / "prefect.yaml").write_text(
        "name: orders-quality\ndeployments:\n  - name: nightly\n"
        "    entrypoint: flows/orders_flow.py:orders_quality\n",
        "utf-8",
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    git(root, "config", "user.email", "dev@example.org")
    git(root, "config", "user.name", "Dev")
    commit_all(root, "the project")
    return root


def plant_credential(root: Path, *, line: int = 3) -> tuple[str, int]:
    """Commit a settings module with a literal password on ``line``; (file, line)."""
    filler = "".join(f"# setting {n}\n" for n in range(1, line))
    body = f'{filler}WAREHOUSE_PASSWORD = "{planted_password()}"\n'
    (root / SETTINGS_FILE).write_text(body, "utf-8")
    commit_all(root, "settings")
    return SETTINGS_FILE, line


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
