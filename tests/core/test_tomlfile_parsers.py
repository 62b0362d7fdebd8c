"""The fast TOML parser and tomllib read every file the wizard handles to the same values.

``wizard.core.tomlfile.loads_toml`` parses with rtoml when it is installed and falls back to
``tomllib`` for anything rtoml refuses, so errors keep tomllib's wording, line and column.
"""

from __future__ import annotations

import copy
import tomllib
from datetime import UTC, date, datetime, timezone
from pathlib import Path

import pytest

from tests.support.reviews import passing_snapshot, ready_answers
from wizard.core import tomlfile
from wizard.core.errors import BadInputError
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Waiver
from wizard.core.review.store import create_review, load_review, new_review
from wizard.core.signoff.signoffs import create_signoff

KB = Path(tomlfile.__file__).parent / "kb"


def _signed_review(path: Path) -> Path:
    review = new_review("parsers", "airflow", "truthound")
    answers = ready_answers()
    record_many(review, [AnswerInput(key, value) for key, value in answers.items()], by="ann")
    review.probe = passing_snapshot(datetime(2026, 11, 30, 9, 15, tzinfo=UTC))
    review.waivers.append(
        Waiver(item="observability", reason="pager moves", owner="lead", expires=date(2027, 1, 5))
    )
    create_signoff(review, reviewer="rev", role="approver", decision="approve")
    create_review(path, review)
    return path


def test_the_fast_parser_is_installed_and_used() -> None:
    # A dependency of the project: without it the fallback would hide a lost speed-up.
    assert tomlfile._fast_toml is not None


def test_both_parsers_agree_on_the_knowledge_base_and_a_written_review(tmp_path: Path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(KB.glob("*.toml"))]
    texts.append(_signed_review(tmp_path / "r.toml").read_text(encoding="utf-8"))
    texts.append(
        "when = 1979-05-27T07:32:00-07:00\nlocal = 1979-05-27T07:32:00\nday = 1979-05-27\n"
        "t = 07:32:00.5\nbig = 9223372036854775807\nf = 6.02e23\ns = '''multi\nline'''\n"
    )
    assert len(texts) > 10
    for text in texts:
        assert tomlfile.loads_toml(text) == tomllib.loads(text)


def test_offset_times_get_standard_time_zones_and_copy_deeply() -> None:
    parsed = tomlfile.loads_toml("a = 2026-12-02T10:00:00Z\n[t]\nb = [2026-12-02T10:00:00+02:30]\n")
    assert type(parsed["a"].tzinfo) is timezone and parsed["a"].utcoffset().total_seconds() == 0
    assert parsed["t"]["b"][0].isoformat() == "2026-12-02T10:00:00+02:30"
    assert copy.deepcopy(parsed) == parsed


def test_a_written_review_reopens_identically(tmp_path: Path) -> None:
    path = _signed_review(tmp_path / "r.toml")
    loaded = load_review(path).review
    assert loaded.model_copy(deep=True) == loaded
    assert loaded.signoffs and loaded.probe is not None


@pytest.mark.parametrize(
    "text",
    ["a = 1\na = 2\n", "title = 'unterminated\n", "x = 0o8\n", "a = 1\n[a]\n"],
)
def test_refused_text_is_explained_by_tomllib(tmp_path: Path, text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(BadInputError) as refused:
        tomlfile.parse_toml(tmp_path / "bad.toml", text.encode())
    message = refused.value.message
    assert str(tmp_path / "bad.toml") in message and "invalid TOML" in message
    # tomllib's own words, and its line and column where it gives them.
    assert tomlfile._TOML_POSITION.sub("", str(expected.value)).strip() in message
    position = tomlfile._TOML_POSITION.search(str(expected.value))
    assert position is None or f"line {position.group(1)}, column" in message


def test_deep_nesting_is_still_refused(tmp_path: Path) -> None:
    for depth in (60, 5000):
        with pytest.raises(BadInputError, match="nested more than"):
            tomlfile.parse_toml(
                tmp_path / "deep.toml", ("a = " + "[" * depth + "]" * depth).encode()
            )
