"""The environment for a child started in a pseudo-terminal by pexpect."""

from __future__ import annotations

import os


def pty_environment(*, without: tuple[str, ...] = (), **values: str) -> dict[str, str]:
    """This process's environment for a pty child, its size left to the pty alone.

    COLUMNS and LINES win over the terminal's own size (shutil, prompt_toolkit and Textual read
    them first), and a test earlier in the same worker may have left them set: a child told
    44 columns by the pty would then lay itself out for some other width.
    """
    dropped = {"COLUMNS", "LINES", *without}
    return {**{k: v for k, v in os.environ.items() if k not in dropped}, **values}
