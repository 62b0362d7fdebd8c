"""``check`` as a release gate: exit codes for every way a review can fail it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

from tests.signoff.builders import FIXED, TODAY, ready_review
from tests.signoff.conftest import Keys, Runner
from wizard.core.review.answers import record_answer
from wizard.core.review.model import Review, Waiver
from wizard.core.review.store import create_review, load_review, save_loaded
from wizard.core.signoff.signoffs import create_signoff

DAY = ("--today", TODAY.isoformat())
SIGNED = FIXED + timedelta(hours=1)


def _write(tmp_path: Path, review: Review, name: str = "readiness-review.toml") -> Path:
    path = tmp_path / name
    create_review(path, review)
    return path


def _signed(*roles: str, key: Path | None = None) -> Review:
    review = ready_review()
    for role in roles:
        create_signoff(
            review, reviewer=f"{role} person", role=role, decision="approve", key=key, at=SIGNED
        )
    return review


def test_ready_review_passes(tmp_path: Path, cli: Runner) -> None:
    result = cli("check", _write(tmp_path, ready_review()), *DAY)
    assert result.code == 0, result.out
    assert result.out.rstrip().endswith("READY")


def test_not_ready_review_fails(tmp_path: Path, cli: Runner) -> None:
    path = _write(tmp_path, ready_review(**{"secrets.none_committed": "no"}))
    result = cli("check", path, *DAY)
    assert result.code == 1
    assert "NOT READY" in result.out


def test_required_roles_all_fresh_pass(tmp_path: Path, cli: Runner) -> None:
    path = _write(tmp_path, _signed("preparer", "approver"))
    result = cli("check", path, *DAY, "--require-signoff", "preparer", "approver")
    assert result.code == 0, result.out
    assert "gate (sign-off from preparer, approver; no policy applies): passed" in result.out


def test_missing_role_fails(tmp_path: Path, cli: Runner) -> None:
    path = _write(tmp_path, _signed("preparer"))
    result = cli("check", path, *DAY, "--require-signoff", "preparer", "approver")
    assert result.code == 1
    assert "missing sign-off for role 'approver'" in result.out


def test_unsigned_fails_when_any_signoff_is_required(tmp_path: Path, cli: Runner) -> None:
    result = cli("check", _write(tmp_path, ready_review()), *DAY, "--require-signoff")
    assert result.code == 1
    assert "the review is unsigned" in result.out


def test_stale_signoff_fails(tmp_path: Path, cli: Runner) -> None:
    path = _write(tmp_path, _signed("approver"))
    loaded = load_review(path)
    record_answer(loaded.review, "obs.owner", "platform on-call", by="bob")
    save_loaded(loaded)
    result = cli("check", path, *DAY, "--require-signoff", "approver")
    assert result.code == 1
    assert "is stale" in result.out and "answers recorded later: obs.owner" in result.out
    assert cli("check", path, *DAY).code == 0  # still ready; only the gate fails


def test_rejection_fails_the_gate(tmp_path: Path, cli: Runner) -> None:
    review = _signed("preparer")
    create_signoff(review, reviewer="Jon", role="security", decision="reject")
    result = cli("check", _write(tmp_path, review), *DAY, "--require-signoff", "preparer")
    assert result.code == 1
    assert "rejected the review" in result.out


def test_expired_waiver_fails(tmp_path: Path, cli: Runner) -> None:
    review = ready_review(**{"rules.owned": "no"})
    review.waivers.append(
        Waiver(
            item="rule-vocabulary",
            reason="owner named next sprint",
            owner="maria",
            expires=date(2026, 2, 15),
        )
    )
    path = _write(tmp_path, review)
    assert cli("check", path, "--today", "2026-02-14").code == 0
    expired = cli("check", path, *DAY)
    assert expired.code == 1
    assert "expired on 2026-02-15" in expired.out


def test_bad_files_are_exit_2(tmp_path: Path, cli: Runner) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = 1\ntitle = = 'x'\n")
    result = cli("check", broken)
    assert result.code == 2 and "line 2" in result.err
    assert cli("check", tmp_path / "missing.toml").code == 2
    assert cli("check", _write(tmp_path, ready_review()), "--save").code == 2


def test_allowed_signers_requires_an_authenticated_signature(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    signed = _write(tmp_path, _signed("approver", key=keys.alice), "signed.toml")
    gate = ("--require-signoff", "approver", "--allowed-signers", keys.allowed_signers)
    assert cli("check", signed, *DAY, *gate).code == 0
    unsigned = _write(tmp_path, _signed("approver"), "unsigned.toml")
    result = cli("check", unsigned, *DAY, *gate)
    assert result.code == 1 and "not signed by a key in the allowed-signers" in result.out
    other = _write(tmp_path, _signed("approver", key=keys.mallory), "mallory.toml")
    assert cli("check", other, *DAY, *gate).code == 1


def test_formats_md_junit_json_carry_the_gate(tmp_path: Path, cli: Runner) -> None:
    path = _write(tmp_path, _signed("preparer"))
    gate = ("--require-signoff", "preparer", "approver")
    markdown = cli("check", path, *DAY, *gate, "--format", "md")
    assert markdown.code == 1
    assert "## Gate" in markdown.out and "missing sign-off for role" in markdown.out
    junit = cli("check", path, *DAY, *gate, "--format", "junit")
    suites = ET.fromstring(junit.out.encode()).findall("testsuite")
    assert [suite.get("name") for suite in suites][1] == "sign-off gate"
    names = [case.get("name") for case in suites[1].findall("testcase")]
    assert names == ["preparer", "approver"]
    payload = json.loads(cli("check", path, *DAY, *gate, "--format", "json").out)
    assert payload["ready"] is True and payload["gate"]["passed"] is False
    # The sign-off requirements stand on their own, beside (not inside) readiness.
    assert payload["signoffs"]["satisfied"] is False
    assert payload["signoffs"]["problems"] == ["missing sign-off for role 'approver'"]
    assert payload["signoffs"]["entries"][0]["state"] == "fresh"
