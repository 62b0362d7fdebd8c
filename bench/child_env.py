"""Byte code for the wizard's own sources before any benchmark child is timed.

The shared environment sets ``PYTHONDONTWRITEBYTECODE=1`` and the benchmark children inherit
it. Installed packages (Textual, pydantic, ...) already have byte code from pip, but the
wizard's sources in the checkout then have no ``__pycache__`` and are compiled from source in
every sample (~170 ms on this machine), which an operator running an installed wizard never
pays: every wizard/floor ratio came out too high. So the benches compile the package once with
the same interpreter and start their children without that variable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def use_bytecode(tree: Path) -> None:
    """Compile ``tree/wizard`` and drop ``PYTHONDONTWRITEBYTECODE`` for every later child.

    The variable is removed from ``os.environ`` itself (not from one ``env=`` dict), so children
    started by the wizard's own code during a bench (the probe's scripts) inherit the same.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "wizard")], check=True)
