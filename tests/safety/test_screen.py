"""The credential screen itself: every kind in every shape a field gives it, and no more."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.safety.cli import run_main
from tests.safety.samples import Sample, samples
from tests.signoff.builders import ready_review
from wizard.core.errors import ReviewFileError
from wizard.core.review.store import create_review, load_review
from wizard.core.safety.credentials import describe, find_credentials, quoted, redact
from wizard.core.safety.terminal import SafeStream, block, one_line
from wizard.core.signoff.signoffs import create_signoff

SAMPLES = samples()
IDS = [sample.kind for sample in SAMPLES]

# How fields hand a value to the screen: alone, inside a sentence, quoted in a config line,
# after a label, inside a list, at the end of a URL query.
SHAPES = (
    "{}",
    "we use {} for now",
    'conn = "{}"',
    "note: {}; ask the platform team",
    "[{}]",
    "see {}\nand the next line",
)

ORDINARY = (
    "https://github.com/acme/pipelines/commit/3f9a8c7b6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a",
    "/home/runner/.cache/truthound-readiness-tests/venv-py311-ab12cd34/bin/python",
    "Airflow connection snowflake_default; the password is kept in Vault at kv/data/airflow",
    "postgresql://loader@db.internal/orders",
    "sha256:3f9a8c7b6d5e",
    "https://lineage.example.com:5000/api/v1/lineage",
    "password=${DB_PASSWORD}",
    "token = env_var('DBT_TOKEN')",
    "Bearer tokens are kept in the Airflow connection",
    "basic authentication is disabled",
    "SnowflakeConnectionProfileForProductionWarehouse2024",
    "s3://bucket/data/2024/01/orders.parquet",
    "SELECT order_id, total FROM shop.orders WHERE id = 3",
    "Alice Example <alice@example.com>",
    "mysql://app:" + "***@db/orders",
    "dags/orders_quality.py::check_orders",
)


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_kind_is_caught_in_every_shape(sample: Sample, shape: str) -> None:
    text = shape.format(sample.text)
    assert find_credentials(text), text
    masked = redact(text)
    assert sample.secret not in masked
    # The output screen (no randomness-only hits) still hides every kind but pure entropy.
    if sample.kind != "high entropy":
        assert sample.secret not in redact(text, entropy=False)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_values_are_not_credentials(text: str) -> None:
    assert find_credentials(text) == [], [hit.kind for hit in find_credentials(text)]


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_messages_name_the_kind_and_position_never_the_value(sample: Sample) -> None:
    text = "x" * 11 + " " + sample.text
    said = describe(text, "the value for --set")
    assert said is not None and sample.secret not in said
    assert said.startswith("the value for --set (character ")
    assert "looks like a credential" in said
    shown = quoted(text)
    assert sample.secret not in shown and "not shown" in shown


def test_position_is_where_the_secret_starts() -> None:
    sample = next(s for s in SAMPLES if s.kind == "github classic")
    said = describe("token is " + sample.text, "the answer")
    assert said is not None
    assert said.startswith(
        "the answer (character 10 onward) looks like a credential: a GitHub token"
    )


def test_masking_is_stable() -> None:
    for sample in SAMPLES:
        once = redact(sample.text)
        assert redact(once) == once


def test_one_line_and_block_neutralise_controls() -> None:
    nasty = "a\x1b]52;c;aGk=\x07b\x9bc\u202ed\ne\rf"
    assert one_line(nasty) == "a\\x1b]52;c;aGk=\\x07b\\x9bc\\u202ed\\x0ae\\x0df"
    assert block(nasty) == "a\\x1b]52;c;aGk=\\x07b\\x9bc\\u202ed\ne\\x0df"


def test_safe_stream_sees_a_secret_split_across_writes() -> None:
    sample = next(s for s in SAMPLES if s.kind == "stripe")
    inner = io.StringIO()
    stream = SafeStream(inner)
    half = len(sample.text) // 2
    stream.write(sample.text[:half])
    stream.write(sample.text[half:] + " done\n")
    stream.flush()
    assert sample.secret not in inner.getvalue() and "done" in inner.getvalue()


def test_a_password_written_over_a_stored_mask_is_refused(tmp_path: Path) -> None:
    """The probe's text is masked when stored; putting the real value back by hand does not
    keep the sign-off fresh: the file is refused, naming where, not what."""
    review = ready_review()
    assert review.probe is not None
    planted = next(s for s in SAMPLES if s.kind == "uri password with @")
    review.probe.errors.append(f"preflight said: {planted.text} was refused")
    create_signoff(review, reviewer="Alice", role="approver", decision="approve")
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    stored = path.read_text(encoding="utf-8")
    masked = planted.text.replace(planted.secret, "***")
    assert planted.secret not in stored and masked in stored
    path.write_text(stored.replace(masked, planted.text), encoding="utf-8")
    with pytest.raises(ReviewFileError) as refused:
        load_review(path)
    assert planted.secret not in refused.value.message
    assert "probe.errors" in refused.value.message and "credential" in refused.value.message
    for args in (["check", str(path)], ["check", str(path), "--format", "json"]):
        ran = run_main(*args)
        assert ran.code == 2 and planted.secret not in ran.out + ran.err


def test_the_scan_entry_points_keep_their_kinds() -> None:
    """The project scan reads ``password-in-uri`` hits from the same screen."""
    planted = next(s for s in SAMPLES if s.kind == "uri password with /")
    hits = find_credentials(planted.text)
    assert [(hit.kind, hit.start) for hit in hits if hit.kind == "password-in-uri"] == [
        ("password-in-uri", 17)
    ]
