"""The sign-off log is append-only: removing, moving or replaying a sign-off is caught.

Edits are made to the real file the way someone editing it by hand would (TOML in, TOML out);
the review lives in a real git repository, which is what catches a sign-off removed from the
end. Signed exports without their .sig fail when signers are to be authenticated.
"""

from __future__ import annotations

import subprocess
import tomllib
from datetime import timedelta
from pathlib import Path

import tomli_w

from tests.signoff.builders import FIXED, TODAY, ready_review
from tests.signoff.conftest import Keys, Runner
from wizard.core.review.answers import record_answer
from wizard.core.review.store import create_review, load_review, save_loaded
from wizard.core.signoff.signoffs import create_signoff


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def three_signoffs(tmp_path: Path, keys: Keys) -> Path:
    """preparer approves, security rejects, approver approves; all signed, all committed."""
    review = ready_review()
    for hours, (role, decision) in enumerate(
        (("preparer", "approve"), ("security", "reject"), ("approver", "approve")), start=1
    ):
        create_signoff(
            review,
            reviewer=role,
            role=role,
            decision=decision,  # type: ignore[arg-type]
            principal="alice@example.com",
            key=keys.alice,
            at=FIXED + timedelta(hours=hours),
        )
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "readiness-review.toml")
    git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=A", "commit", "-qm", "signed")
    return path


def edit_signoffs(path: Path, change: object) -> None:
    data = tomllib.loads(path.read_text())
    data["signoffs"] = change(data["signoffs"])  # type: ignore[operator]
    path.write_text(tomli_w.dumps(data))


def verify(cli: Runner, path: Path, keys: Keys) -> tuple[int, str]:
    result = cli("verify", path, "--allowed-signers", keys.allowed_signers)
    return result.code, result.out


def test_the_untouched_log_holds_its_rejection(tmp_path: Path, cli: Runner, keys: Keys) -> None:
    code, out = verify(cli, three_signoffs(tmp_path, keys), keys)
    assert code == 1 and "#2 security (security) rejected the review" in out
    assert "sign-off log" not in out


def test_removing_a_signoff_from_the_middle_is_caught(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = three_signoffs(tmp_path, keys)
    edit_signoffs(path, lambda entries: [entries[0], entries[2]])  # the rejection is gone
    code, out = verify(cli, path, keys)
    assert code == 1
    assert "#2 approver (approver) does not follow the sign-off before it" in out
    report = cli("check", path, "--today", TODAY.isoformat(), "--require-signoff")
    assert report.code == 1 and "sign-off log" in report.out


def test_reordering_is_caught(tmp_path: Path, cli: Runner, keys: Keys) -> None:
    path = three_signoffs(tmp_path, keys)
    edit_signoffs(path, lambda entries: [entries[0], entries[2], entries[1]])
    code, out = verify(cli, path, keys)
    assert code == 1 and "does not follow" in out


def test_replaying_an_earlier_signoff_is_caught(tmp_path: Path, cli: Runner, keys: Keys) -> None:
    path = three_signoffs(tmp_path, keys)
    edit_signoffs(path, lambda entries: [*entries, entries[0]])  # an old approval, once more
    code, out = verify(cli, path, keys)
    assert code == 1 and "appears twice" in out


def test_removing_the_last_signoff_is_caught_by_the_git_history(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = three_signoffs(tmp_path, keys)
    edit_signoffs(path, lambda entries: entries[:2])  # a valid, shorter chain ...
    code, out = verify(cli, path, keys)
    assert code == 1  # ... that the committed log contradicts
    assert "sign-off #3 as committed in" in out and "was removed" in out
    status = cli("status", path, "--format", "json")
    assert '"signoff_state": "invalid"' in status.out


def test_outside_git_the_end_of_the_log_cannot_be_checked_and_says_so(
    tmp_path: Path, cli: Runner
) -> None:
    review = ready_review()
    create_signoff(review, reviewer="Ana", role="approver", decision="approve")
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    result = cli("verify", path)
    assert result.code == 0 and "not in a git work tree" in result.out


def test_an_older_signoff_followed_by_a_fresh_one_is_history(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = tmp_path / "readiness-review.toml"
    review = ready_review()
    create_signoff(
        review,
        reviewer="Ana",
        role="approver",
        decision="approve",
        principal="alice@example.com",
        key=keys.alice,
    )
    create_review(path, review)
    loaded = load_review(path)
    record_answer(loaded.review, "obs.owner", "the new on-call", by="bob")  # the first goes stale
    create_signoff(
        loaded.review,
        reviewer="Ana",
        role="approver",
        decision="approve",
        principal="alice@example.com",
        key=keys.alice,
    )
    save_loaded(loaded)
    code, out = verify(cli, path, keys)
    assert code == 0, out
    assert "past   #1 Ana (approver)" in out and "superseded" in out
    gate = cli("check", path, "--today", TODAY.isoformat(), "--require-signoff", "approver")
    assert gate.code == 0
    assert '"signoff_state": "approved"' in cli("status", path, "--format", "json").out


def test_a_signed_export_without_its_signature_fails_when_signers_are_checked(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = tmp_path / "readiness-review.toml"
    create_review(path, ready_review())
    out = tmp_path / "review.md"
    assert cli("export", path, "--format", "md", "-o", out, "--sign-key", keys.alice).code == 0
    assert cli("verify", out, "--allowed-signers", keys.allowed_signers).code == 0
    out.with_name("review.md.sig").unlink()
    stripped = cli("verify", out, "--allowed-signers", keys.allowed_signers)
    assert stripped.code == 1 and "must be signed" in stripped.out
    plain = cli("verify", out)
    assert (
        plain.code == 0 and "UNSIGNED" in plain.out and "intact and its signature" not in plain.out
    )
