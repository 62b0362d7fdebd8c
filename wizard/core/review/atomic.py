"""Writing a file so that a crash leaves either the old or the new version, never half of one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems cannot open folders; the rename is still atomic
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_atomically(path: Path, text: str, *, keep_backup: bool = True) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file."""
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
            if keep_backup:
                shutil.copy2(path, path.with_name(path.name + ".bak"))
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
        _fsync_folder(folder)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
