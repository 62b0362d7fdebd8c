"""The eager INI pass is skipped only for text configparser really rejects.

detect-secrets re-reads header-less "other" files (Markdown, SQL, shell, env files) as INI when
the plain pass found nothing; the scan skips that when ``ini_rejects`` says configparser must
fail. Held here to the transformer itself on every corpus and benchmark file and on edge cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from detect_secrets.transformers import get_transformed_file
from detect_secrets.types import NamedIO

from tests.scan.test_prefilter import _roots, _texts
from wizard.core.evidence.scan.detector import SecretDetector, _NamedText, ini_rejects


def _eager(text: str, name: str = "notes.txt") -> list[str] | None:
    return get_transformed_file(cast(NamedIO, _NamedText(text, name)), use_eager_transformers=True)


@pytest.mark.parametrize(
    "text",
    [
        "select id from orders\n",
        "# Title\n\nSome prose without a delimiter\n",
        "key = value\nplain words\n",
        "[section]\nkey: value\nnot an option\n",
    ],
)
def test_rejected_text_gives_the_transformer_nothing(text: str) -> None:
    assert ini_rejects(text)
    with SecretDetector():  # the settings the scan runs the transformer under
        assert not _eager(text)


@pytest.mark.parametrize(
    "text",
    [
        "password = hunter2-hunter2\n",
        "API_TOKEN: abcdef\n  continued on an indented line\n",
        "; a comment\n# another\n[extra]\nkey=value\n",
        "\r\nkey = value\r\n",
        "export AWS_SECRET=abc\n",
    ],
)
def test_text_that_may_parse_is_not_rejected(text: str) -> None:
    assert not ini_rejects(text)


def test_no_corpus_file_rejected_would_have_given_eager_lines(tmp_path: Path) -> None:
    rejected = 0
    with SecretDetector():
        for name, text in _texts(_roots(tmp_path)):
            if ini_rejects(text):
                rejected += 1
                assert not _eager(text, name), name
    assert rejected > 100  # the check does real work on this corpus
