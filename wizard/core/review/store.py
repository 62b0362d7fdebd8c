"""Writing review files: TOML on disk, crash-safe, one writer at a time, never clobbering.

Guarantees (docs/review-file.md says them for users):
- a file that fails to read, parse or validate is never overwritten (see ``reading``);
- every save holds the review's write lock (``locking``) across read, check, write and rename,
  so two writers never lose each other's work: a change made on content another writer has
  since replaced is re-applied on the fresh content, or refused, naming what collided;
- a save writes the new version to a temp file and the previous one to ``<name>.bak`` the same
  way (temp, fsync, rename; never through a symlink), then renames atomically: a crash at any
  point leaves the old file whole and the ``.bak`` whole; a killed writer's temp files are
  removed by the next save;
- a symlinked review is saved to its target; keys are written in a fixed order, so the same
  review always gives the same bytes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from wizard.core.errors import ReviewFileError
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.plain import SchemaError
from wizard.core.review.atomic import (
    clean_temp_files,
    describe_write_error,
    mode_of,
    replace_file,
    write_target,
)
from wizard.core.review.defaults import DEFAULT_REVIEW_PATH as DEFAULT_REVIEW_PATH
from wizard.core.review.locking import file_lock
from wizard.core.review.merge import collisions
from wizard.core.review.model import Review, Target, utc_now
from wizard.core.review.reading import LoadedReview as LoadedReview
from wizard.core.review.reading import digest, parse_review, read_review_bytes, validation_error
from wizard.core.review.reading import load_review as load_review
from wizard.core.review.reading import review_from_data as review_from_data
from wizard.core.review.screen import refuse_credentials
from wizard.core.safety.credentials import redact_value

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
Mutation = Callable[[Review], object]


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


def _backup_names(target: Path) -> tuple[str, ...]:
    return (f"{target.name}.bak", *(f"{target.name}.schema{n}.bak" for n in range(2)))


def _keep_original(target: Path, version: int, original: bytes, mode: int) -> None:
    """``<name>.schema<N>.bak``: the file as it was before its first migration, kept once."""
    keep = target.with_name(f"{target.name}.schema{version}.bak")
    try:
        if stat.S_ISREG(os.lstat(keep).st_mode):
            return  # written by an earlier migration; a symlink there is replaced, not followed
    except FileNotFoundError:
        pass
    replace_file(keep, original, mode=mode)


def _publish(target: Path, review: Review, previous: bytes | None, migrated: int | None) -> str:
    """Write ``review`` over ``target`` (lock held), keeping ``previous`` as the backup."""
    _refuse_secrets(target, review)
    data = review_to_toml(review).encode("utf-8")
    mode = mode_of(target)
    if previous is not None:
        if migrated is not None:
            _keep_original(target, migrated, previous, mode)
        replace_file(target.with_name(f"{target.name}.bak"), previous, mode=mode)
    replace_file(target, data, mode=mode)
    return digest(data)


def _revalidated(path: Path, review: Review) -> Review:
    try:
        return Review.model_validate(review.model_dump())
    except SchemaError as error:
        raise validation_error(path, error) from None


def _locked_write(loaded: LoadedReview, work: Callable[[Path], bool]) -> bool:
    target = write_target(loaded.path)
    try:
        with file_lock(target):
            clean_temp_files(target, _backup_names(target))
            return work(target)
    except OSError as error:
        raise ReviewFileError(describe_write_error(loaded.path, error)) from None


def _changed_since(loaded: LoadedReview) -> str:
    return (
        f"{loaded.path}: another writer saved the file after it was read here, and "
        "this change was made on the old content; nothing was saved."
    )


def transact(loaded: LoadedReview, mutate: Mutation, *, strict: bool = False) -> bool:
    """Apply ``mutate`` to the review and save it, under the write lock; True if written.

    If another writer saved since ``loaded`` was read, ``mutate`` runs on the fresh content
    instead, unless it changes a part they changed too (then ``ReviewFileError`` names the
    parts); ``strict`` refuses any change by another writer (a sign-off covers exactly what the
    reviewer saw). ``mutate`` runs exactly once; nothing is written if it raises or changes
    nothing. ``loaded`` then holds what the file holds.
    """

    def work(target: Path) -> bool:
        current = read_review_bytes(target)
        base, migrated = loaded.review, loaded.migrated_from
        fresh = digest(current) != loaded.fingerprint
        if fresh:
            if strict:
                raise ReviewFileError(
                    _changed_since(loaded) + " Re-open it, look at what changed, and do it again."
                )
            base, migrated = parse_review(loaded.path, current)
        working = base.model_copy(deep=True)
        mutate(working)
        if fresh:
            collided = collisions(loaded.review, base, working)
            if collided:
                raise ReviewFileError(
                    _changed_since(loaded)
                    + f" Both changed {', '.join(collided)}. Re-open the file, check what the "
                    "other writer recorded there, and apply your change again if it still holds."
                )
        if working == base:
            if fresh:
                loaded.review, loaded.fingerprint = base, digest(current)
                loaded.migrated_from = migrated
            return False
        working = _revalidated(loaded.path, working)
        loaded.fingerprint = _publish(target, working, current, migrated)
        loaded.review, loaded.migrated_from = working, None
        return True

    return _locked_write(loaded, work)


def save_review(path: Path, review: Review, *, expected_fingerprint: str | None) -> str:
    """Save ``review``; refuse if the file changed since it was read. Returns the new fingerprint.

    ``expected_fingerprint=None`` means "this is a new file": an existing file is not replaced.
    """
    loaded = LoadedReview(path, review, expected_fingerprint)
    written: list[str] = []

    def work(target: Path) -> bool:
        if os.path.lexists(target):
            if expected_fingerprint is None:
                raise ReviewFileError(
                    f"{path}: a file already exists there; open it instead of creating a new "
                    "one, or choose another path."
                )
            current = read_review_bytes(target)
            if digest(current) != expected_fingerprint:
                raise ReviewFileError(
                    f"{path}: the file changed on disk since it was loaded (another writer, a git "
                    "pull?); nothing was saved. Re-open it and apply your change again."
                )
            written.append(_publish(target, review, current, None))
        else:
            if expected_fingerprint is not None:
                raise ReviewFileError(
                    f"{path}: the file was removed or moved since it was loaded; nothing was "
                    "saved. Restore it, or create a new review."
                )
            written.append(_publish(target, review, None, None))
        return True

    _locked_write(loaded, work)
    return written[0]


def save_loaded(loaded: LoadedReview) -> None:
    """Save a loaded review as it is now, refusing if the file changed since it was read.

    The first save after a migration also keeps the original as ``<name>.schema<N>.bak``, since
    the rolling ``.bak`` is replaced by every later save.
    """
    wanted = loaded.review

    def work(target: Path) -> bool:
        current = read_review_bytes(target)
        if digest(current) != loaded.fingerprint:
            raise ReviewFileError(
                f"{loaded.path}: the file changed on disk since it was loaded (another writer, a "
                "git pull?); nothing was saved. Re-open it and apply your change again."
            )
        loaded.fingerprint = _publish(target, wanted, current, loaded.migrated_from)
        loaded.migrated_from = None
        return True

    _locked_write(loaded, work)


def update_review(path: Path, mutate: Mutation) -> Review:
    """Load, apply ``mutate`` and save under the write lock; nothing is written if ``mutate``
    raises, and nothing when it changed nothing (a re-observation of the same facts leaves no
    git diff)."""
    loaded = load_review(path)
    transact(loaded, mutate)
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
    except SchemaError as error:
        raise validation_error(Path("(new review)"), error) from None


def create_review(path: Path, review: Review) -> LoadedReview:
    if review.target.project:
        from wizard.core.review.paths import relative_to_review

        review.target.project = relative_to_review(review.target.project, path)
    fingerprint = save_review(path, review, expected_fingerprint=None)
    return LoadedReview(path, review, fingerprint)
