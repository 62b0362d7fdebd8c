"""Writing a file so that a crash leaves either the old or the new version, never half of one.

Every file the wizard writes (the review, its ``.bak`` and ``.schema<N>.bak``, exports, reports,
dashboards) goes through ``replace_file``: the bytes go to a temp file created exclusively and
without following symlinks in the same folder, are fsynced, and the temp file is renamed over
the final name. A rename replaces a symlink sitting at that name instead of writing through it,
so a planted ``.bak`` link can neither overwrite the file it points to nor, dangling, create one
elsewhere. Temp files are named ``.<name>.<8 random characters>.tmp``; a save that finds such
files of its own names (left by a killed writer) removes them while it holds the file's lock.

A path that is itself a symlink is written to its target (the link stays a link); a link to
nothing, or a name that is a folder, FIFO or device, is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

from wizard.core.errors import ReviewFileError
from wizard.core.review.locking import file_lock
from wizard.core.tomlfile import kind_of

_TEMP = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems cannot open folders; the rename is still atomic
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_target(path: Path) -> Path:
    """Where a write to ``path`` lands: its symlink target, checked to be a writable kind."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if stat.S_ISLNK(info.st_mode):
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise ReviewFileError(
                f"{path}: a symlink to {target}, which does not exist; nothing was written. Point "
                "the link at an existing file, or remove it and write to a plain path."
            )
        info = os.stat(target)
        path = target
    if not stat.S_ISREG(info.st_mode):
        raise ReviewFileError(
            f"{path}: this is {kind_of(info.st_mode)}, not a regular file; nothing was written. "
            "Choose a file name."
        )
    return path


def temp_files(target: Path, names: tuple[str, ...]) -> list[Path]:
    """Leftover temp files of ``names`` (in ``target``'s folder), from a writer that died."""
    folder = target.parent
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _TEMP.fullmatch(entry.name)
            if match and match.group("name") in names and not entry.is_dir(follow_symlinks=False):
                found.append(folder / entry.name)
    return found


def clean_temp_files(target: Path, extra: tuple[str, ...] = ()) -> None:
    """Remove leftovers of ``target`` (and of ``extra`` names beside it); call with the lock."""
    for leftover in temp_files(target, (target.name, *extra)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _temp(folder: Path, name: str) -> tuple[Path, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    while True:
        candidate = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return candidate, os.open(candidate, flags, 0o600)
        except FileExistsError:
            continue


def replace_file(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Publish ``data`` at ``path`` (a resolved, non-symlink name) by temp + fsync + rename."""
    folder = path.parent if str(path.parent) else Path(".")
    temp, descriptor = _temp(folder, path.name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
        _fsync_folder(folder)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def mode_of(path: Path, default: int = 0o644) -> int:
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return default


def describe_write_error(path: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError):
        fix = "the folder does not exist; create it first or choose another path"
    elif isinstance(error, PermissionError) or error.errno == 30:  # EROFS
        fix = "the folder is not writable; check its owner and mode, or choose another path"
    elif isinstance(error, IsADirectoryError):
        fix = "a folder sits at that name; move it away or choose another name"
    else:
        fix = "check the disk and the folder"
    return f"{path}: cannot write it ({reason}): {fix}. Nothing was changed."


def write_atomically(path: Path, text: str, *, keep_backup: bool = False) -> None:
    """Write ``text`` to ``path`` (an export, report or page) under its lock, crash-safely.

    ``keep_backup`` also keeps the previous content as ``<name>.bak``. Errors are
    ``ReviewFileError`` messages naming the file and the fix, never a bare ``OSError``.
    """
    target = write_target(path)
    try:
        with file_lock(target):
            clean_temp_files(target, (f"{target.name}.bak",))
            mode = mode_of(target)
            if keep_backup and target.exists():
                previous = target.read_bytes()
                replace_file(target.with_name(f"{target.name}.bak"), previous, mode=mode)
            replace_file(target, text.encode("utf-8"), mode=mode)
    except OSError as error:
        raise ReviewFileError(describe_write_error(path, error)) from None
