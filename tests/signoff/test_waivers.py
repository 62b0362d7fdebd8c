"""Waivers as decisions: bounded, approved by someone else, and never covering worse or new.

Through the real ``waive`` and ``check`` commands on real files, with a real policy file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.signoff.builders import TODAY, ready_review
from tests.signoff.conftest import Runner
from wizard.core.review.model import Review
from wizard.core.review.observations import SecretFinding
from wizard.core.review.store import create_review, load_review, save_loaded

POLICY = 'required_roles = ["approver"]\n[waivers]\nmax_days = 90\napprover_roles = ["approver"]\n'
DAY = ("--today", TODAY.isoformat())


def secret(line: int, fingerprint: str) -> SecretFinding:
    return SecretFinding(
        file="dags/orders.py",
        line=line,
        kind="password-in-uri",
        fingerprint=fingerprint,
        rule="uri-password",
    )


def review_with(tmp_path: Path, review: Review, policy: str | None = POLICY) -> Path:
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    if policy is not None:
        (tmp_path / "readiness-policy.toml").write_text(policy)
    return path


def leaking_review() -> Review:
    review = ready_review()
    assert review.probe is not None and review.probe.scan is not None
    review.probe.scan.secrets.append(secret(12, "sha256:aaaaaaaaaaaa"))
    return review


def status_of(cli: Runner, path: Path, item: str) -> tuple[str, list[str]]:
    report = json.loads(cli("check", path, *DAY, "--format", "json").out)
    found = next(entry for entry in report["items"] if entry["id"] == item)
    return found["status"], found["reasons"]


def waive(cli: Runner, path: Path, item: str, expires: str, by: str = "maria") -> object:
    reason = ("--reason", "rotated on Friday", "--expires", expires)
    return cli("waive", path, item, *reason, "--by", by, "--principal", f"{by}@example.com", *DAY)


def test_an_expiry_beyond_max_days_is_refused_and_nothing_changes(
    tmp_path: Path, cli: Runner
) -> None:
    path = review_with(tmp_path, leaking_review())
    before = path.read_bytes()
    result = waive(cli, path, "secrets", "2099-12-31")
    assert result.code == 2  # type: ignore[attr-defined]
    assert "allows waivers of at most 90 days" in result.err  # type: ignore[attr-defined]
    assert path.read_bytes() == before
    assert waive(cli, path, "secrets", "2026-01-01").code == 2  # type: ignore[attr-defined]  # past
    # Hand-edited past the limit, a waiver does not count either.
    loaded = load_review(path)
    assert waive(cli, path, "secrets", "2026-05-01").code == 0  # type: ignore[attr-defined]
    loaded = load_review(path)
    loaded.review.waivers[-1].expires = date(2099, 12, 31)
    save_loaded(loaded)
    status, reasons = status_of(cli, path, "secrets")
    assert status == "fail" and any("longer than the policy's 90 days" in r for r in reasons)


def test_a_waiver_counts_once_someone_else_approves_it_never_its_author(
    tmp_path: Path, cli: Runner
) -> None:
    path = review_with(tmp_path, leaking_review())
    assert waive(cli, path, "secrets", "2026-04-15", by="maria").code == 0  # type: ignore[attr-defined]
    status, reasons = status_of(cli, path, "secrets")
    assert status == "fail" and any("awaits approval" in reason for reason in reasons)
    stored = load_review(path).review.waivers[-1]
    # It accepts what held the item down: the credential, and "none committed" attested against it.
    assert stored.status == "fail"
    assert stored.covers == ["sha256:aaaaaaaaaaaa", "contradiction:secrets.none_committed"]
    assert stored.author == "maria@example.com"

    def approve(principal: str, *extra: str) -> object:
        return cli("waive", path, "--approve", "secrets", "--principal", principal, *extra, *DAY)

    self_approval = approve("MARIA@example.com")
    assert self_approval.code == 2 and "cannot approve it" in self_approval.err  # type: ignore[attr-defined]
    wrong_role = approve("sam@example.com", "--role", "preparer")
    assert wrong_role.code == 2  # type: ignore[attr-defined]
    assert "lets only approver approve" in wrong_role.err  # type: ignore[attr-defined]
    assert approve("sam@example.com").code == 0  # type: ignore[attr-defined]
    assert status_of(cli, path, "secrets")[0] == "waived"
    assert load_review(path).review.waivers[-1].approvals[0].by == "sam@example.com"


def test_a_new_finding_breaks_the_waiver(tmp_path: Path, cli: Runner) -> None:
    path = review_with(tmp_path, leaking_review(), policy=None)
    assert waive(cli, path, "secrets", "2026-04-15").code == 0  # type: ignore[attr-defined]
    assert status_of(cli, path, "secrets")[0] == "waived"
    loaded = load_review(path)
    assert loaded.review.probe is not None and loaded.review.probe.scan is not None
    loaded.review.probe.scan.secrets[0].line = 40  # the same credential moved: still covered
    save_loaded(loaded)
    assert status_of(cli, path, "secrets")[0] == "waived"
    loaded = load_review(path)
    loaded.review.probe.scan.secrets.append(secret(7, "sha256:bbbbbbbbbbbb"))  # type: ignore[union-attr]
    save_loaded(loaded)
    status, reasons = status_of(cli, path, "secrets")
    assert status == "fail"
    assert any("no longer covers it" in r and "sha256:bbbbbbbbbbbb" in r for r in reasons)


def test_a_worse_status_breaks_the_waiver(tmp_path: Path, cli: Runner) -> None:
    path = review_with(tmp_path, ready_review(**{"runtime.paired_upgrades": "no"}), policy=None)
    assert status_of(cli, path, "host-tuple")[0] == "warn"
    assert waive(cli, path, "host-tuple", "2026-04-15").code == 0  # type: ignore[attr-defined]
    assert status_of(cli, path, "host-tuple")[0] == "waived"
    assert cli("answer", path, "runtime.is_production", "no", "--by", "bob").code == 0
    status, reasons = status_of(cli, path, "host-tuple")
    assert status == "fail"
    assert any("accepted warn, and the item is now fail" in reason for reason in reasons)


def test_waiving_a_passing_item_or_an_unknown_one_is_refused(tmp_path: Path, cli: Runner) -> None:
    path = review_with(tmp_path, ready_review(), policy=None)
    passing = waive(cli, path, "secrets", "2026-04-15")
    assert passing.code == 2 and "nothing to waive" in passing.err  # type: ignore[attr-defined]
    unknown = waive(cli, path, "no-such-item", "2026-04-15")
    assert unknown.code == 2 and "not a checklist item" in unknown.err  # type: ignore[attr-defined]
