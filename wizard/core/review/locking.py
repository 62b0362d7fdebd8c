"""One writer at a time per file: an advisory ``fcntl`` lock on a sidecar next to it.

Like SQLite's write lock, the lock is the truth, not a timestamp: every writer of a review (each
CLI command, the TUI, the prompts, probes and migrations) holds it across read, check, write and
rename, so no writer can replace a file another one has just changed. The lock lives on
``.<name>.lock`` rather than on the file itself, because the rename that publishes a save
replaces the file's inode (a lock on it would protect the old one). The sidecar is removed when
the lock is released, so a work tree shows no trace of it; a writer that finds, after waiting,
that the sidecar it locked is no longer the one on disk starts over. The kernel drops the lock
when its process dies, so a crash never leaves a review locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from wizard.core.errors import ReviewFileError

# How long a writer waits for another one; a save takes milliseconds, so this is only reached
# when another process is stuck (e.g. a signing key waiting for its passphrase).
LOCK_TIMEOUT_ENV = "TRUTHOUND_READINESS_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0

_guard = threading.Lock()
_held: dict[str, tuple[threading.RLock, list[int]]] = {}


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def _timeout() -> float:
    try:
        value = float(os.environ.get(LOCK_TIMEOUT_ENV, DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if 0 < value < 86400 else DEFAULT_LOCK_TIMEOUT


def _open_sidecar(sidecar: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    # An OSError here (missing or read-only folder) is the caller's to word: it names the file.
    descriptor = os.open(sidecar, flags, 0o644)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ReviewFileError(f"{sidecar}: not a regular file; remove it. Nothing was saved.")
    return descriptor


def _same_file(descriptor: int, sidecar: Path) -> bool:
    try:
        on_disk = os.stat(sidecar, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def _acquire(target: Path) -> int:
    sidecar = lock_path(target)
    deadline = time.monotonic() + _timeout()
    pause = 0.002
    descriptor = _open_sidecar(sidecar)
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(descriptor)
                raise ReviewFileError(
                    f"{target}: another truthound-readiness process has been writing this "
                    f"review for over {_timeout():g} seconds (it holds {sidecar.name}); nothing "
                    "was saved. Let it finish (or stop it) and run this again."
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            continue
        if _same_file(descriptor, sidecar):
            return descriptor
        # The holder before us removed the sidecar as it let go: lock the one on disk now.
        os.close(descriptor)
        descriptor = _open_sidecar(sidecar)


def _release(target: Path, descriptor: int) -> None:
    # Removed while still held, so a waiter on this inode sees it is gone and starts over.
    with contextlib.suppress(OSError):
        os.unlink(lock_path(target))
    os.close(descriptor)


@contextlib.contextmanager
def file_lock(target: Path) -> Iterator[None]:
    """Hold the write lock of ``target`` (already resolved); re-entrant within a process."""
    key = os.path.abspath(target)
    with _guard:
        local, depth = _held.setdefault(key, (threading.RLock(), [0]))
    with local:
        if depth[0] == 0:
            descriptor = _acquire(target)
            depth.append(descriptor)
        depth[0] += 1
        try:
            yield
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                _release(target, depth.pop())
