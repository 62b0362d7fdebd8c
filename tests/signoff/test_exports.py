"""Exports: golden files per format, no external references, JUnit shape, JSON schema, signing.

Regenerate the goldens after an intended change with ``UPDATE_GOLDEN=1``. The knowledge-base
version, the tool version and the content hash are pinned in the document first, so goldens
move only when what an export says changes, not whenever the knowledge base data is touched.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.signoff.builders import TODAY, mixed_review, ready_review
from tests.signoff.conftest import Keys, Runner
from wizard.core.exports import FORMATS, SUFFIXES, build_export, export_schema, render
from wizard.core.exports.integrity import inspect_export, sign_export
from wizard.core.exports.jsonexport import schema_text
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.store import create_review

GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[2]
PINNED = {"knowledge_base": "0123456789abcdef", "tool_version": "0.0.0-golden"}
PINNED_HASH = "sha256:" + "ab" * 32


def _document() -> dict[str, Any]:
    document = build_export(mixed_review(), today=TODAY)
    document.update(PINNED)
    document["content_hash"] = PINNED_HASH
    return document


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_matches_golden(fmt: str) -> None:
    text = render(_document(), fmt)
    golden = GOLDEN / f"mixed{SUFFIXES[fmt]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"run with UPDATE_GOLDEN=1 to create {golden}"
    assert text == golden.read_text(encoding="utf-8")


def test_document_renders_from_the_evaluation() -> None:
    document = build_export(mixed_review(), today=TODAY)
    statuses = {item["id"]: item["status"] for item in document["items"]}
    assert statuses["secrets"] == "fail"
    assert statuses["rule-vocabulary"] == "warn"
    assert statuses["result-consumers"] == "open"
    assert statuses["observability"] == "waived"
    assert document["ready"] is False
    assert document["knowledge_base"] == load_knowledge().version
    assert [w["state"] for w in document["waivers"]] == ["expired", "active"]
    assert [(s["role"], s["state"]) for s in document["signoffs"]] == [
        ("preparer", "stale"),
        ("approver", "fresh"),
    ]
    assert document["signoff_state"] == "rejected"
    assert "results.tested" in document["items"][4]["next_step"]


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "poster", "data") and value:
                self.references.append(f"{tag}[{name}]={value}")

    def handle_data(self, data: str) -> None:
        if "url(" in data or "@import" in data:
            self.references.append(data.strip()[:80])


def test_html_is_self_contained_and_escaped() -> None:
    review = mixed_review()
    review.title = 'Orders <script>alert("x")</script> & <img src="https://evil.test/p.png">'
    html = render(build_export(review, today=TODAY), "html")
    parser = _References()
    parser.feed(html)
    # Nothing is loaded from elsewhere; the only references are guide links a reader may follow.
    upstream = "a[href]=https://github.com/seadonggyun4/truthound-orchestration/blob/main/docs/"
    assert parser.references, "the guides are links"
    assert [ref for ref in parser.references if not ref.startswith(upstream)] == []
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(parser.tags)
    assert 'src="https://evil' not in html
    assert "&lt;script&gt;" in html and "&lt;img src=&quot;https://evil" in html


def test_junit_has_one_case_per_item_with_failures_and_skips() -> None:
    document = _document()
    root = ET.fromstring(render(document, "junit").encode("utf-8"))
    suites = root.findall("testsuite")
    cases = suites[0].findall("testcase")
    assert [case.get("name") for case in cases] == [item["id"] for item in document["items"]]
    by_name = {case.get("name"): case for case in cases}
    for name in ("secrets", "rule-vocabulary", "result-consumers"):
        assert by_name[name].find("failure") is not None, name
    skipped = by_name["observability"].find("skipped")
    assert skipped is not None and "SLA alerts" in (skipped.get("message") or "")
    assert by_name["host-tuple"].find("failure") is None
    assert suites[0].get("failures") == "3" and suites[0].get("skipped") == "1"
    properties = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert properties["content_hash"] == PINNED_HASH


def test_json_validates_against_the_documented_schema() -> None:
    validator = jsonschema.Draft202012Validator(
        export_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for review in (mixed_review(), ready_review()):
        document = json.loads(render(build_export(review, today=TODAY), "json"))
        errors = sorted(validator.iter_errors(document), key=lambda error: error.json_path)
        assert [f"{e.json_path}: {e.message}" for e in errors] == []


def test_both_schema_copies_are_what_the_registries_generate() -> None:
    # Regenerate both with scripts/export_schema.py after adding a host or an engine.
    for copy in (
        REPO / "docs" / "schema" / "readiness-export-v1.json",
        REPO / "wizard" / "core" / "exports" / "schema" / "readiness-export-v1.json",
    ):
        assert copy.read_text(encoding="utf-8") == schema_text(), copy


def test_free_text_is_redacted_on_the_way_out() -> None:
    review = mixed_review()
    review.probe.errors.append("connect failed: postgresql://etl:Sup3rS3cret@db.internal/shop")
    document = build_export(review, today=TODAY)
    for fmt in FORMATS:
        text = render(document, fmt)
        assert "Sup3rS3cret" not in text, fmt
        masked = r"etl:\*\*\*@db.internal" if fmt == "md" else "etl:***@db.internal"
        assert masked in text, fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_signed_export_verifies_and_a_flipped_byte_is_named(
    fmt: str, keys: Keys, tmp_path: Path, cli: Runner
) -> None:
    review_path = tmp_path / "readiness-review.toml"
    create_review(review_path, mixed_review())
    out = tmp_path / f"report{SUFFIXES[fmt]}"
    made = cli("export", review_path, "--format", fmt, "-o", out, "--sign-key", keys.alice)
    assert made.code == 0, made.err
    assert out.with_name(out.name + ".sig").exists()
    good = cli("verify", out, "--allowed-signers", keys.allowed_signers, "--review", review_path)
    assert good.code == 0, good.out + good.err
    assert "alice@example.com" in good.out

    data = bytearray(out.read_bytes())
    position = data.index(b"secrets", len(data) // 3)  # inside the item section of `secrets`
    data[position] ^= 0x01
    out.write_bytes(bytes(data))
    bad = cli("verify", out, "--allowed-signers", keys.allowed_signers)
    assert bad.code == 1
    assert f"FAILED {out.name}.sig" in bad.out
    assert "secrets" in bad.out  # the damaged section (or JSON member) is named


def test_unsigned_export_checks_its_section_digests(tmp_path: Path, cli: Runner) -> None:
    review_path = tmp_path / "r.toml"
    create_review(review_path, mixed_review())
    out = tmp_path / "report.md"
    assert cli("export", review_path, "--format", "md", "-o", out).code == 0
    check = inspect_export(out)
    assert check.ok and check.signature is None and check.sections > 5
    out.write_text(out.read_text().replace("maria", "mario"))
    damaged = inspect_export(out)
    assert not damaged.ok
    assert any("'waivers'" in problem for problem in damaged.problems)


def test_export_sign_key_needs_an_output_file(keys: Keys, tmp_path: Path, cli: Runner) -> None:
    review_path = tmp_path / "r.toml"
    create_review(review_path, ready_review())
    result = cli("export", review_path, "--format", "md", "--sign-key", keys.alice)
    assert result.code == 2 and "-o OUT" in result.err


def test_export_to_stdout_and_sign_export_directly(keys: Keys, tmp_path: Path, cli: Runner) -> None:
    review_path = tmp_path / "r.toml"
    create_review(review_path, ready_review())
    printed = cli("export", review_path, "--format", "json", "--today", TODAY.isoformat())
    assert printed.code == 0
    assert json.loads(printed.out)["ready"] is True
    out = tmp_path / "copy.json"
    out.write_text(printed.out)
    sign_export(out, keys.mallory)
    check = inspect_export(out, allowed_signers=keys.allowed_signers)
    assert check.signature is not None and not check.signature.valid  # mallory is not allowed
    assert inspect_export(out).ok  # intact, just not from an allowed signer
