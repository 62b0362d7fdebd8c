"""Reading and writing review files: TOML on disk, crash-safe, never clobbering.

Guarantees:
- a file that fails to parse or validate is never overwritten; the error names the file, the
  line and column (TOML syntax) or the field path (content), and the fix;
- a save writes a temp file in the same folder, fsyncs it, keeps the previous version as
  ``<name>.bak`` and renames atomically; a crash at any point leaves the old file whole;
- a save refuses to overwrite a file that changed on disk since it was loaded;
- keys are written in a fixed order, so the same review always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from wizard.core.errors import ReviewFileError
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.atomic import write_atomically
from wizard.core.review.defaults import DEFAULT_REVIEW_PATH as DEFAULT_REVIEW_PATH
from wizard.core.review.migrations import migrate
from wizard.core.review.model import SCHEMA_VERSION, Review, Target, utc_now
from wizard.core.review.screen import refuse_credentials
from wizard.core.safety.credentials import redact_value

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
TOP_LEVEL_ORDER = (
    "schema_version",
    "title",
    "host",
    "engine",
    "owner",
    "created",
    "updated",
    "target",
    "answers",
    "waivers",
    "probe",
    "signoffs",
)


@dataclass
class LoadedReview:
    """A review together with what the disk looked like when it was read."""

    path: Path
    review: Review
    fingerprint: str | None
    migrated_from: int | None = None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise ReviewFileError(f"{path}: this is a folder, not a review file. Pass the .toml file.")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReviewFileError(
            f"{path}: no such review file. Create one with `truthound-readiness new {path} "
            "--host HOST --engine ENGINE`, or check the path."
        ) from None
    except PermissionError:
        raise ReviewFileError(
            f"{path}: permission denied; check the file's owner and mode."
        ) from None


def _parse_toml(path: Path, data: bytes) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReviewFileError(
            f"{path}: not UTF-8 text (byte {error.start} is invalid). Review files are UTF-8 "
            "TOML; restore it from git or from the .bak beside it."
        ) from None
    if not text.strip():
        raise ReviewFileError(
            f"{path}: the file is empty. Restore it from git or its .bak, or delete it and run "
            "`truthound-readiness new`."
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        where = f"line {position.group(1)}, column {position.group(2)}" if position else "?"
        what = _TOML_POSITION.sub("", message).strip()
        raise ReviewFileError(
            f"{path}: {where}: invalid TOML ({what}). Fix that line (quote strings, close "
            "brackets, one key per line) or restore the file from git or its .bak; the file "
            "was not changed."
        ) from None


def _describe_validation(path: Path, error: ValidationError) -> str:
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
    return (
        f"{path}: the review does not validate: "
        + "; ".join(problems)
        + tail
        + ". Fix those fields (see docs/review-file.md) or restore the file from git or its "
        ".bak; the file was not changed."
    )


def review_from_data(path: Path, data: dict[str, Any]) -> tuple[Review, int | None]:
    """Validate parsed TOML (migrating older schemas) into a Review."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReviewFileError(
            f"{path}: schema_version must be a whole number such as {SCHEMA_VERSION}."
        )
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            f"{path}: written by a newer truthound-readiness (schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}). Upgrade with `pip install -U truthound-readiness`; the "
            "file was not changed."
        )
    migrated_from = None
    if version < SCHEMA_VERSION:
        data = migrate(data, version)
        migrated_from = version
    try:
        return Review.model_validate(data), migrated_from
    except ValidationError as error:
        raise ReviewFileError(_describe_validation(path, error)) from None


def load_review(path: Path) -> LoadedReview:
    data = _read_bytes(path)
    parsed = _parse_toml(path, data)
    review, migrated_from = review_from_data(path, parsed)
    refuse_credentials(path, review, saving=False)
    return LoadedReview(path, review, _digest(data), migrated_from)


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {key: _drop_empty(item) for key, item in value.items() if item is not None}
        return {key: item for key, item in cleaned.items() if item not in ({}, [])}
    if isinstance(value, list):
        return [_drop_empty(item) for item in value]
    return value


def review_to_toml(review: Review) -> str:
    """The canonical text of a review: fixed key order, answers in knowledge-base order."""
    raw = review.model_dump(mode="python", exclude_none=True)
    order = {question.id: index for index, question in enumerate(load_knowledge().questions)}
    raw["answers"] = dict(
        sorted(raw.get("answers", {}).items(), key=lambda pair: order.get(pair[0], len(order)))
    )
    if "probe" in raw:
        raw["probe"] = redact_value(raw["probe"])
    ordered = {key: raw[key] for key in TOP_LEVEL_ORDER if key in raw}
    return tomli_w.dumps(_drop_empty(ordered))


def _refuse_secrets(path: Path, review: Review) -> None:
    # The probe is redacted on the way out, not refused: it reports what the target said.
    refuse_credentials(path, review.model_copy(update={"probe": None}), saving=True)


def save_review(path: Path, review: Review, *, expected_fingerprint: str | None) -> str:
    """Save ``review``; refuse if the file changed since it was read. Returns the new fingerprint.

    ``expected_fingerprint=None`` means "this is a new file": an existing file is not replaced.
    """
    if path.exists():
        current = _digest(_read_bytes(path))
        if expected_fingerprint is None:
            raise ReviewFileError(
                f"{path}: a file already exists there; open it instead of creating a new one, or "
                "choose another path."
            )
        if current != expected_fingerprint:
            raise ReviewFileError(
                f"{path}: the file changed on disk since it was loaded (another editor, a git "
                "pull?); nothing was saved. Re-open it and apply your change again."
            )
    _refuse_secrets(path, review)
    text = review_to_toml(review)
    write_atomically(path, text)
    return _digest(text.encode("utf-8"))


def save_loaded(loaded: LoadedReview) -> None:
    """Save a loaded review in place and remember the new fingerprint.

    The first save after a migration also keeps the original as ``<name>.schema<N>.bak``, since
    the rolling ``.bak`` is replaced by every later save.
    """
    if loaded.migrated_from is not None and loaded.path.exists():
        keep = loaded.path.with_name(f"{loaded.path.name}.schema{loaded.migrated_from}.bak")
        if not keep.exists():
            shutil.copy2(loaded.path, keep)
        loaded.migrated_from = None
    loaded.fingerprint = save_review(
        loaded.path, loaded.review, expected_fingerprint=loaded.fingerprint
    )


def update_review(path: Path, mutate: Callable[[Review], None]) -> Review:
    """Load, apply ``mutate``, save crash-safely; nothing is written if ``mutate`` raises, and
    nothing when it changed nothing (a re-observation of the same facts leaves no git diff)."""
    loaded = load_review(path)
    working = loaded.review.model_copy(deep=True)
    mutate(working)
    if working == loaded.review:
        return loaded.review
    loaded.review = Review.model_validate(working.model_dump())
    save_loaded(loaded)
    return loaded.review


def new_review(
    title: str,
    host: str,
    engine: str,
    *,
    python: str | None = None,
    project: str | None = None,
    owner: str | None = None,
) -> Review:
    now = utc_now()
    try:
        return Review.model_validate(
            {
                "title": title,
                "host": host,
                "engine": engine,
                "owner": owner,
                "created": now,
                "updated": now,
                "target": Target(python=python, project=project).model_dump(),
            }
        )
    except ValidationError as error:
        raise ReviewFileError(_describe_validation(Path("(new review)"), error)) from None


def create_review(path: Path, review: Review) -> LoadedReview:
    fingerprint = save_review(path, review, expected_fingerprint=None)
    return LoadedReview(path, review, fingerprint)
