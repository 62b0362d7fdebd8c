"""The review file on disk: canonical, crash-safe, never clobbered, clear about bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.builders import ready_review
from wizard.core.errors import ReviewFileError
from wizard.core.review.answers import record_answer
from wizard.core.review.observations import PreflightCheck
from wizard.core.review.store import (
    create_review,
    load_review,
    review_to_toml,
    save_loaded,
    update_review,
)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "readiness-review.toml"
    create_review(path, ready_review())
    return path


def test_round_trip_is_byte_for_byte_stable(saved: Path) -> None:
    original = saved.read_bytes()
    loaded = load_review(saved)
    assert review_to_toml(loaded.review).encode() == original
    save_loaded(loaded)
    assert saved.read_bytes() == original
    again = load_review(saved)
    assert again.review == loaded.review


def test_the_file_is_readable_toml_with_a_stable_key_order(saved: Path) -> None:
    text = saved.read_text()
    assert text.startswith('schema_version = 1\ntitle = "Orders pipeline"\nhost = "airflow"\n')
    positions = [
        text.index(f'[answers."{key}"]')
        for key in ("quickstart.local_run", "runtime.python_version", "obs.audit_evidence")
    ]
    assert positions == sorted(positions)
    assert text.index("[answers.") < text.index("[probe]")


def test_a_save_keeps_the_previous_version_as_bak(saved: Path) -> None:
    before = saved.read_bytes()
    update_review(saved, lambda review: record_answer(review, "rules.owned", "no", by="bob"))
    assert saved.with_name(saved.name + ".bak").read_bytes() == before
    assert load_review(saved).review.answers["rules.owned"].value is False


def test_a_crash_between_temp_write_and_rename_leaves_the_old_file(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def crash(*_args: object) -> None:
        raise OSError("simulated power cut between write and rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ReviewFileError, match="power cut"):
        update_review(saved, lambda review: record_answer(review, "rules.owned", "no", by="bob"))
    monkeypatch.undo()
    assert saved.read_bytes() == before
    leftovers = [p.name for p in saved.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_failed_mutation_writes_nothing(saved: Path) -> None:
    before = saved.read_bytes()

    def bad(review: object) -> None:
        raise RuntimeError("operator changed their mind")

    with pytest.raises(RuntimeError):
        update_review(saved, bad)
    assert saved.read_bytes() == before
    assert not saved.with_name(saved.name + ".bak").exists()


def test_a_file_changed_on_disk_is_not_clobbered(saved: Path) -> None:
    loaded = load_review(saved)
    record_answer(loaded.review, "rules.owned", "no", by="bob")
    saved.write_text(saved.read_text().replace("Orders pipeline", "Orders (edited in git)"))
    edited = saved.read_bytes()
    with pytest.raises(ReviewFileError, match="changed on disk"):
        save_loaded(loaded)
    assert saved.read_bytes() == edited


def test_creating_over_an_existing_file_is_refused(saved: Path) -> None:
    before = saved.read_bytes()
    with pytest.raises(ReviewFileError, match="already exists"):
        create_review(saved, ready_review())
    assert saved.read_bytes() == before


def test_probe_text_is_redacted_before_it_reaches_disk(tmp_path: Path) -> None:
    review = ready_review()
    assert review.probe and review.probe.preflight
    review.probe.preflight.checks.append(
        PreflightCheck(
            name="source_resolution",
            status="failed",
            message="remote_uri postgresql://etl:hunter22@db/x requires a connection",
        )
    )
    path = tmp_path / "r.toml"
    create_review(path, review)
    text = path.read_text()
    assert "hunter22" not in text
    assert "postgresql://etl:***@db/x" in text


GOOD = """schema_version = 1
title = "Orders"
host = "airflow"
engine = "truthound"
created = 2026-11-28T10:00:00Z
updated = 2026-11-28T10:00:00Z
"""

BAD_FILES: dict[str, tuple[str, str]] = {
    "toml syntax": (GOOD + 'title = "dup"\n', "line 7"),
    "unclosed string": (GOOD + '[answers."quickstart.local_run"]\nvalue = "yes\n', "invalid TOML"),
    "unknown top-level key": (GOOD + 'colour = "blue"\n', "colour: unknown key"),
    "missing required key": (
        GOOD.replace('host = "airflow"\n', ""),
        "host: required key is missing",
    ),
    "unknown host": (
        GOOD.replace('"airflow"', '"luigi"'),
        "host: Value error, unknown host 'luigi'",
    ),
    "unknown engine": (
        GOOD.replace('"truthound"\ncreated', '"soda"\ncreated'),
        "engine: Value error, unknown engine 'soda'",
    ),
    "wrong type for title": (
        GOOD.replace('"Orders"', "42"),
        "title: Input should be a valid string",
    ),
    "bad datetime": (
        GOOD.replace("created = 2026-11-28T10:00:00Z", 'created = "yesterday"'),
        "created",
    ),
    "unknown question": (
        GOOD + '[answers."nope.question"]\nvalue = "x"\nby = "a"\nat = 2026-11-28T10:00:00Z\n',
        "answers.nope.question: no such question",
    ),
    "answer of the wrong type": (
        GOOD
        + '[answers."quickstart.local_run"]\nvalue = "maybe"\n'
        + 'by = "a"\nat = 2026-11-28T10:00:00Z\n',
        "answers.quickstart.local_run.value: expected a bool",
    ),
    "bad provenance": (
        GOOD
        + '[answers."quickstart.local_run"]\nvalue = true\nprovenance = "guess"\n'
        + 'by = "a"\nat = 2026-11-28T10:00:00Z\n',
        "provenance",
    ),
    "waiver for an unknown item": (
        GOOD
        + '[[waivers]]\nitem = "vibes"\nreason = "because"\nowner = "a"\nexpires = 2027-01-01\n',
        "waivers.0.item: unknown item 'vibes'",
    ),
    "newer schema": (
        GOOD.replace("schema_version = 1", "schema_version = 99"),
        "newer truthound-readiness",
    ),
    "schema version not a number": (
        GOOD.replace("schema_version = 1", 'schema_version = "one"'),
        "whole number",
    ),
    "empty file": ("   \n", "empty"),
    "not utf-8": ("\udcff", "not UTF-8"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_review_files_give_a_clear_error_and_stay_untouched(tmp_path: Path, case: str) -> None:
    content, fragment = BAD_FILES[case]
    path = tmp_path / "readiness-review.toml"
    path.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    before = path.read_bytes()
    with pytest.raises(ReviewFileError) as caught:
        load_review(path)
    message = caught.value.message
    assert str(path) in message
    assert fragment in message
    assert caught.value.exit_code == 2
    with pytest.raises(ReviewFileError):
        update_review(path, lambda review: None)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["readiness-review.toml"]


def test_missing_file_and_folder_are_explained(tmp_path: Path) -> None:
    with pytest.raises(ReviewFileError, match="truthound-readiness new"):
        load_review(tmp_path / "absent.toml")
    with pytest.raises(ReviewFileError, match="folder"):
        load_review(tmp_path)


def test_a_hand_written_schema_0_file_is_migrated_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "readiness-review.toml"
    path.write_text(
        'title = "Legacy"\nhost = "dbt"\nengine = "truthound"\n'
        'updated = 2026-10-01T09:00:00Z\n\n[answers]\n"quickstart.local_run" = true\n'
        '"source.kind" = "warehouse_relation"\n\n[[waivers]]\nitem = "observability"\n'
        'reason = "alerting lands next quarter"\nowner = "dana"\nuntil = 2027-01-31\n'
    )
    original = path.read_bytes()
    loaded = load_review(path)
    assert loaded.migrated_from == 0
    answer = loaded.review.answers["source.kind"]
    assert answer.value == "warehouse_relation" and answer.by == "migration"
    assert loaded.review.waivers[0].expires.isoformat() == "2027-01-31"
    assert path.read_bytes() == original  # reading never writes
    save_loaded(loaded)
    assert path.with_name(path.name + ".schema0.bak").read_bytes() == original
    assert path.read_text().startswith("schema_version = 1\n")
    assert load_review(path).migrated_from is None


def test_saving_a_credential_is_refused_even_if_it_slipped_into_the_model(saved: Path) -> None:
    loaded = load_review(saved)
    loaded.review.answers["obs.owner"].note = "pager key: password=hunter22"
    before = saved.read_bytes()
    with pytest.raises(ReviewFileError, match="credential"):
        save_loaded(loaded)
    assert saved.read_bytes() == before
