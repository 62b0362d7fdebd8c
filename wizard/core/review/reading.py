"""Reading review files: bounded, never blocking, and clear about every way a file can be bad.

A file that fails to read, parse or validate raises ``ReviewFileError`` naming the file, the
line and column (TOML syntax) or the field path (content), and the fix. The fix points at the
``.bak`` only when that backup itself reads as a valid review.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from wizard.core.errors import BadInputError, ReviewFileError
from wizard.core.plain import SchemaError
from wizard.core.records import Record, record
from wizard.core.review.migrations import migrate
from wizard.core.review.model import SCHEMA_VERSION, Review
from wizard.core.review.screen import refuse_credentials
from wizard.core.tomlfile import parse_toml, read_regular


@record(kw_only=False)
class LoadedReview(Record):
    """A review together with what the disk looked like when it was read."""

    path: Path
    review: Review
    fingerprint: str | None
    migrated_from: int | None = None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_review_bytes(path: Path) -> bytes:
    return read_regular(
        path,
        what="review file",
        error=ReviewFileError,
        missing=(
            f"{path}: no such review file. Create one with `truthound-readiness new {path} "
            "--host HOST --engine ENGINE`, or check the path."
        ),
    )


def restore_hint(path: Path) -> str:
    """Where a good copy may be: git, and the ``.bak`` only if it is a valid review itself."""
    backup = path.with_name(path.name + ".bak")
    try:
        if stat.S_ISREG(os.lstat(backup).st_mode):
            parse_review(backup, read_review_bytes(backup), hint=False)
            return f"restore it from git, or from {backup.name} (the previous save, which is valid)"
    except (OSError, BadInputError):
        pass
    return "restore it from git"


def parse_review(path: Path, data: bytes, *, hint: bool = True) -> tuple[Review, int | None]:
    """A validated (and, from an older schema, migrated) review from a file's bytes."""
    fix = f"Fix that line or {restore_hint(path)}; the file was not changed." if hint else ""
    if not data.strip():
        restore = restore_hint(path) if hint else "restore it"
        raise ReviewFileError(
            f"{path}: the file is empty. {restore.capitalize()}, or delete it and run "
            "`truthound-readiness new`."
        )
    parsed = parse_toml(path, data, fix=fix, error=ReviewFileError)
    return review_from_data(path, parsed, hint=hint)


def _describe_validation(path: Path, error: SchemaError, hint: bool = True) -> str:
    problems = []
    for detail in error.errors()[:5]:
        location = ".".join(str(part) for part in detail["loc"]) or "(top level)"
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "unknown key; remove it or check its spelling"
        elif detail["type"] == "missing":
            message = "required key is missing; add it"
        problems.append(f"{location}: {message}")
    more = len(error.errors()) - len(problems)
    tail = f" (and {more} more)" if more > 0 else ""
    restore = restore_hint(path) if hint else "restore the file from git"
    return (
        f"{path}: the review does not validate: "
        + "; ".join(problems)
        + tail
        + f". Fix those fields (see docs/review-file.md) or {restore}; the file was not changed."
    )


def validation_error(path: Path, error: SchemaError) -> ReviewFileError:
    return ReviewFileError(_describe_validation(path, error))


def review_from_data(
    path: Path, data: dict[str, Any], *, hint: bool = True
) -> tuple[Review, int | None]:
    """Validate parsed TOML (migrating older schemas) into a Review."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ReviewFileError(
            f"{path}: schema_version must be a whole number from 0 to {SCHEMA_VERSION} (write "
            f"schema_version = {SCHEMA_VERSION}); the file was not changed."
        )
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            f"{path}: written by a newer truthound-readiness (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}). Upgrade with `pip install -U truthound-readiness`; the "
            "file was not changed."
        )
    migrated_from = None
    try:
        if version < SCHEMA_VERSION:
            data = migrate(data, version)
            migrated_from = version
        return Review.model_validate(data), migrated_from
    except SchemaError as error:
        raise ReviewFileError(_describe_validation(path, error, hint)) from None
    except (TypeError, AttributeError, ValueError):
        # A schema-0 file whose answers or waivers are not tables cannot be migrated.
        raise ReviewFileError(
            f"{path}: the file's answers or waivers are not in a form any schema uses (answers "
            "is a table of question ids, waivers a list of tables); see docs/review-file.md. "
            "The file was not changed."
        ) from None


def load_review(path: Path) -> LoadedReview:
    data = read_review_bytes(path)
    review, migrated_from = parse_review(path, data)
    # A credential put into the file by hand is refused before anything can print it.
    refuse_credentials(path, review, saving=False)
    return LoadedReview(path, review, digest(data), migrated_from)
