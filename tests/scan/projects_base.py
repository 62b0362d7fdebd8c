"""The sample-project container shared by the builders in projects.py and projects_light.py."""

from __future__ import annotations

import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Planted:
    value: str
    file: str
    rule: str


@dataclass
class SampleProject:
    root: Path
    host: str
    planted: list[Planted] = field(default_factory=list)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def plant(self, value: str, file: str, rule: str) -> str:
        self.planted.append(Planted(value, file, rule))
        return value


def git_init(root: Path, *, add: bool = True) -> None:
    """A real repository; ``git add`` stages everything not ignored (no commit needed)."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    if add:
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
