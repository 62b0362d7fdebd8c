"""Deliberate exceptions: inline comments and .readiness-allowlist.toml, always named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.projects import SampleProject
from wizard.core.errors import BadInputError
from wizard.core.evidence.scan import scan_project
from wizard.core.safety.credentials import fingerprint


def _project(tmp_path: Path) -> SampleProject:
    project = SampleProject(tmp_path, "airflow")
    project.write(
        "dags/a.py",
        """
        FIX = "pg://u:FixturePw-1@db/t"  # readiness: allow-secret maria docker fixture, no data
        REAL = "postgresql://u:RealPw-2@prod.internal/db"
        HALF = "postgresql://u:HalfPw-3@prod.internal/db"  # readiness: allow-secret
        """,
    )
    project.write("tests/fixtures/conn.sh", "psql postgresql://t:TestsPw-4@localhost/t\n")
    return project


def test_inline_allowance_names_who_and_why(tmp_path: Path) -> None:
    _project(tmp_path)
    scan = scan_project(tmp_path)
    by_print = {finding.fingerprint: finding for finding in scan.secrets}
    fixture = by_print[fingerprint("FixturePw-1")]
    assert fixture.allowed_by == "maria"
    assert fixture.allowed_reason == "docker fixture, no data (inline comment)"
    assert by_print[fingerprint("RealPw-2")].allowed_by is None
    # A marker without a name and a reason allows nothing and says how to fix it.
    assert by_print[fingerprint("HalfPw-3")].allowed_by is None
    assert any("dags/a.py line 3" in note and "<who> <reason>" in note for note in scan.notes)


def test_file_level_allowlist_by_fingerprint_and_by_path(tmp_path: Path) -> None:
    project = _project(tmp_path)
    project.write(
        ".readiness-allowlist.toml",
        f"""
        [[allow]]
        fingerprint = "{fingerprint("RealPw-2")}"
        by = "sam"
        reason = "rotated on 2024-05-01, kept for the migration test"

        [[allow]]
        path = "tests/*"
        by = "lee"
        reason = "throwaway credentials of the test containers"
        """,
    )
    scan = scan_project(tmp_path)
    by_print = {finding.fingerprint: finding for finding in scan.secrets}
    real = by_print[fingerprint("RealPw-2")]
    assert real.allowed_by == "sam"
    assert real.allowed_reason is not None and "entry 1" in real.allowed_reason
    tests = by_print[fingerprint("TestsPw-4")]
    assert (tests.allowed_by, tests.file) == ("lee", "tests/fixtures/conn.sh")
    assert by_print[fingerprint("HalfPw-3")].allowed_by is None
    # The allowlist file itself holds only fingerprints and is not a finding.
    assert ".readiness-allowlist.toml" not in {finding.file for finding in scan.secrets}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[[allow]]\npath = 'x/*'\nreason = 'r'\n", "field 'by' is missing"),
        ("[[allow]]\nby = 'a'\nreason = 'r'\n", "without either it would allow everything"),
        ("[[allow]]\nfingerprint = 'abc'\nby = 'a'\nreason = 'r'\n", "12 hex digits"),
        ("[[allow]]\npath = 'x'\nby = 'a'\nreason = 'r'\nwho = 'b'\n", "unknown field(s) who"),
        ("[[allow]\n", "cannot read the secret allowlist"),
        ("allow = 3\n", "must be written as [[allow]] tables"),
        ("[rules]\n", "unknown top-level key(s) rules"),
    ],
)
def test_malformed_allowlist_is_bad_input_naming_file_entry_and_field(
    tmp_path: Path, body: str, expected: str
) -> None:
    (tmp_path / ".readiness-allowlist.toml").write_text(body, encoding="utf-8")
    with pytest.raises(BadInputError) as caught:
        scan_project(tmp_path)
    assert expected in caught.value.message
    assert ".readiness-allowlist.toml" in caught.value.message
    assert caught.value.exit_code == 2
