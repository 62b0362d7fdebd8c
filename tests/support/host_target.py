"""A real target interpreter on the support matrix: Python 3.11 + Airflow 2.6.0 + the adapter.

The venv is genuine; its site-packages holds a ``.pth`` line pointing at the site-packages of
``ensure_target_venv()`` (so the real truthound-orchestration and its real ``run_preflight``
import there) plus real ``.dist-info`` metadata claiming apache-airflow 2.6.0, the minimum
supported Airflow. Nothing is mocked: the probe runs this interpreter as a subprocess.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from tests.support.target_venv import ensure_target_venv, make_fake_venv

MINIMUM_AIRFLOW = {"apache-airflow": "2.6.0"}


def site_packages(python: Path) -> Path:
    completed = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(completed.stdout.strip())


def make_host_target(folder: Path, host_packages: Mapping[str, str] = MINIMUM_AIRFLOW) -> Path:
    """Build the venv at ``folder`` and return its interpreter."""
    adapter_python = ensure_target_venv()
    python = make_fake_venv(folder, host_packages)
    link = site_packages(python) / "truthound_target.pth"
    link.write_text(f"{site_packages(adapter_python)}\n", encoding="utf-8")
    return python
