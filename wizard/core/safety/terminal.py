"""Text made harmless for a terminal: no escape sequences, no forged lines, no secrets.

A title, a reviewer's name or a string reported by the probed interpreter can carry ESC/CSI/OSC
sequences (OSC 52 writes the clipboard), C1 controls, bidi overrides that reorder what is shown,
or a newline that forges a ``READY`` line under it. ``one_line`` is for a value shown inside a
line; ``block`` is for whole outputs, which keep their own newlines and tabs. Both mask
credentials first, leaving out hits on randomness alone: what the wizard prints holds digests,
key fingerprints and signatures, and typed values were screened in full where they came in.
``SafeStream`` applies ``block`` to everything the CLI writes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

from wizard.core.safety.credentials import redact

# C0 controls, DEL, C1 controls, and the Unicode bidi embeddings, overrides, isolates and marks.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[{_CONTROLS}]")
_BLOCK_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(value: object) -> str:
    """``value`` as one inert line: secrets masked, every control shown as ``\\xNN``."""
    return _ANY_CONTROL.sub(_visible, redact(str(value), entropy=False, plugins=False))


def block(text: str) -> str:
    """A whole output: secrets masked, controls other than newline and tab shown as ``\\xNN``."""
    return _BLOCK_CONTROL.sub(_visible, redact(text, entropy=False, plugins=False))


class SafeStream:
    """A text stream that passes everything written through :func:`block`.

    Installed over stdout and stderr by the CLI for its line-oriented commands, so no message,
    report or argparse error can reach the terminal with a secret or an escape sequence in it.
    Writes are buffered to whole lines so a secret split across ``write`` calls is still seen.
    """

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, _, self._pending = self._pending.rpartition("\n")
            self._inner.write(block(done + "\n"))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._inner.write(block(self._pending))
            self._pending = ""
        self._inner.flush()

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def screened_output() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`SafeStream` for a block."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            # A reader that went away (`| head`) is the caller's to report, not ours.
            with suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = saved
