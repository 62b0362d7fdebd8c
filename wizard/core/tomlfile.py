"""Reading a TOML file the wizard was given: the one place every reader goes through.

A review, an answers file, a policy, a review found by ``status`` or a version read from git may
be anything: a FIFO that never delivers a byte, a symlink to ``/dev/zero``, gigabytes, invalid
UTF-8, or brackets nested until the parser's recursion gives out. Every such input becomes a
``BadInputError`` that names the file (and line, where there is one) and the fix, and nothing is
opened in a way that could block. ``_parse`` is the single call of the TOML parsers: rtoml when
installed, with ``tomllib`` as the fallback and for every error message.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, datetime, time, timezone
from pathlib import Path
from typing import Any

from wizard.core.errors import BadInputError

try:  # A Rust parser, about ten times faster than tomllib on a review; optional.
    import rtoml as _fast_toml
except ImportError:  # pragma: no cover - exercised where the wheel is not installed
    _fast_toml = None  # type: ignore[assignment]

# A generous bound: a review with a large project scan is a few hundred KiB.
MAX_TOML_BYTES = 16 * 1024 * 1024
# Deeper than any file the wizard writes (a review nests about six levels).
MAX_NESTING = 48
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _decode_error() -> type[ValueError]:
    # ``tomllib`` is imported only when a file needs it (rtoml refused it, or rtoml is not
    # installed): most commands read only files rtoml accepts and skip its ~5 ms of imports.
    import tomllib

    return tomllib.TOMLDecodeError


def __getattr__(name: str) -> Any:
    if name == "TomlDecodeError":  # what ``loads_toml`` raises, named as before
        return _decode_error()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_ZONES = (timezone, type(None))  # what tomllib gives a date-time: nothing else is changed


def _parse(text: str) -> tuple[dict[str, Any], bool]:
    """Parsed TOML, and whether the fast parser read it (raises as ``loads_toml``)."""
    # rtoml skips a leading byte-order mark that tomllib refuses: both parsers must read alike.
    if _fast_toml is not None and not text.startswith("\ufeff"):
        try:
            return _fast_toml.loads(text), True
        except Exception:  # whatever it refuses, tomllib explains in its own words
            pass
    import tomllib

    return tomllib.loads(text), False


def loads_toml(text: str) -> dict[str, Any]:
    """Parse TOML text (raises ``TomlDecodeError`` or ``RecursionError``).

    The fast parser (rtoml) reads what it accepts; anything it refuses is parsed again by
    ``tomllib``, so errors keep tomllib's wording, line and column. tests/core/
    test_tomlfile_parsers.py checks that both read every kind of file the wizard handles alike.
    """
    parsed, fast = _parse(text)
    if fast:
        _settle(parsed, limit=None)
    return parsed


def _settle(value: dict[str, Any], limit: int | None = MAX_NESTING) -> bool:
    """Is ``value`` nested deeper than ``limit``? Offset times get a ``datetime.timezone`` on the
    way, in place, as tomllib gives them (rtoml's own tzinfo cannot be deep-copied, and reviews
    are). One iterative pass: no recursion to exhaust, and no second walk for the time zones.
    """
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        # A child of an item at the limit would be one level too deep.
        if limit is not None and depth >= limit and item:
            return True
        pairs = item.items() if type(item) is dict else enumerate(item)
        for key, child in pairs:
            kind = type(child)
            if kind is dict or kind is list:
                pending.append((child, depth + 1))
            elif (kind is datetime or kind is time) and type(child.tzinfo) not in _ZONES:
                offset = child.utcoffset()
                item[key] = child.replace(tzinfo=timezone(offset) if offset else UTC)
    return False


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse_kind(path: Path, mode: int, what: str, error: type[BadInputError]) -> None:
    if not stat.S_ISREG(mode):
        raise error(
            f"{path}: this is {kind_of(mode)}; the {what} must be a regular file. Pass the path "
            "of a file; nothing was read or changed."
        )


def read_regular(
    path: Path,
    *,
    what: str = "file",
    limit: int = MAX_TOML_BYTES,
    error: type[BadInputError] = BadInputError,
    missing: str | None = None,
) -> bytes:
    """The bytes of a regular file (symlinks followed), refusing anything else before reading.

    The file is opened non-blocking and checked again through its descriptor, so a FIFO swapped
    in between the two looks is refused too instead of blocking the read.
    """
    try:
        _refuse_kind(path, os.stat(path).st_mode, what, error)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error(missing or f"{path}: no such {what}; check the path.") from None
    except PermissionError:
        raise error(f"{path}: permission denied; check the file's owner and mode.") from None
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror or problem}).") from None
    try:
        _refuse_kind(path, os.fstat(descriptor).st_mode, what, error)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror or problem}).") from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise error(
            f"{path}: larger than {limit // (1024 * 1024)} MiB, far more than any {what}; it was "
            "not read. Check that the path names the right file."
        )
    return b"".join(chunks)


def parse_toml(
    source: Path | str,
    data: bytes,
    *,
    fix: str = "Fix that line; nothing was changed.",
    error: type[BadInputError] = BadInputError,
) -> dict[str, Any]:
    """Parsed TOML from ``data``; any failure is ``error`` naming ``source``, the line, ``fix``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        raise error(
            f"{source}: line {line}: not UTF-8 text (byte {problem.start} is invalid). Save it as "
            f"UTF-8 TOML. {fix}"
        ) from None
    try:
        parsed: dict[str, Any] | None = _parse(text)[0]
    except _decode_error() as problem:  # evaluated only when something was raised
        message = str(problem)
        position = _TOML_POSITION.search(message)
        where = f"line {position.group(1)}, column {position.group(2)}" if position else "?"
        what = _TOML_POSITION.sub("", message).strip()
        raise error(f"{source}: {where}: invalid TOML ({what}). {fix}") from None
    except RecursionError:
        parsed = None
    if parsed is None or _settle(parsed):
        raise error(
            f"{source}: arrays or tables are nested more than {MAX_NESTING} levels deep, which no "
            "file the wizard reads needs; flatten them. Nothing was changed."
        )
    return parsed


def read_toml(
    path: Path,
    *,
    what: str = "TOML file",
    fix: str = "Fix that line; nothing was changed.",
    limit: int = MAX_TOML_BYTES,
    error: type[BadInputError] = BadInputError,
    missing: str | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """Read and parse a TOML file the wizard was given: its bytes and its parsed content."""
    data = read_regular(path, what=what, limit=limit, error=error, missing=missing)
    return data, parse_toml(path, data, fix=fix, error=error)
