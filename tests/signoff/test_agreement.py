"""One gate: for every sign-off state the suite can build, verify, check, status and export agree.

Each state is a real review file in its own folder of one real git repository (with its own
policy where the state needs one); the three commands run as real processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import tomli_w

from tests.signoff.builders import FIXED, TODAY, ready_review
from tests.signoff.conftest import Keys
from wizard.core.review.model import Review
from wizard.core.review.store import create_review
from wizard.core.signoff.signoffs import create_signoff

Build = Callable[[Path, Keys], None]
TWO_ROLES = 'required_roles = ["preparer", "approver"]\n'


def _sign(
    review: Review,
    role: str,
    *,
    hours: int,
    decision: str = "approve",
    principal: str = "alice@example.com",
    key: Path | None = None,
) -> None:
    create_signoff(
        review,
        reviewer=role,
        role=role,
        decision=decision,  # type: ignore[arg-type]
        principal=principal,
        key=key,
        at=FIXED + timedelta(hours=hours),
    )


def _write(folder: Path, review: Review, policy: str | None = None) -> Path:
    folder.mkdir()
    path = folder / "readiness-review.toml"
    create_review(path, review)
    if policy is not None:
        (folder / "readiness-policy.toml").write_text(policy)
    return path


def _edit(path: Path, change: Callable[[list[dict[str, object]]], list[dict[str, object]]]) -> None:
    data = tomllib.loads(path.read_text())
    data["signoffs"] = change(data["signoffs"])
    path.write_text(tomli_w.dumps(data))


def unsigned(folder: Path, keys: Keys) -> None:
    _write(folder, ready_review())


def approved(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1)
    _write(folder, review)


def stale(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1)
    review.answers["obs.owner"].value = "someone else now"
    _write(folder, review)


def rejected(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "preparer", hours=1)
    _sign(review, "security", hours=2, decision="reject")
    _write(folder, review)


def superseded(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1, key=keys.alice)
    review.answers["obs.owner"].value = "someone else now"
    _sign(review, "approver", hours=2, key=keys.alice)
    _write(folder, review)


def bad_signature(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1, key=keys.alice)
    review.signoffs[0].comment = "edited after signing"
    _write(folder, review)


def not_allowed(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1)
    _write(folder, review, '[roles.approver]\nprincipals = ["bob@example.com"]\n')


def middle_removed(folder: Path, keys: Keys) -> None:
    review = ready_review()
    for hours, role in enumerate(("preparer", "security", "approver"), start=1):
        _sign(review, role, hours=hours, key=keys.alice)
    path = _write(folder, review)
    _edit(path, lambda entries: [entries[0], entries[2]])


def missing_role(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "preparer", hours=1)
    _write(folder, review, TWO_ROLES)


def both_roles(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "preparer", hours=1)
    _sign(review, "approver", hours=2, principal="bob@example.com")
    _write(folder, review, TWO_ROLES + "distinct_signers = true\n")


def one_person_two_roles(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "preparer", hours=1)
    _sign(review, "approver", hours=2)
    _write(folder, review, TWO_ROLES + "distinct_signers = true\n")


def unsigned_where_required(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1)
    _write(folder, review, '[roles.approver]\nsignature = "required"\n')


def wrong_principal_for_key(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1, principal="bob@example.com", key=keys.alice)
    _write(folder, review, f'allowed_signers = "{keys.allowed_signers}"\n')


def authenticated(folder: Path, keys: Keys) -> None:
    review = ready_review()
    _sign(review, "approver", hours=1, key=keys.alice)
    _write(folder, review, f'allowed_signers = "{keys.allowed_signers}"\n')


# The state each builder makes, and whether its sign-offs meet the requirements.
STATES: dict[str, tuple[Build, bool]] = {
    "unsigned": (unsigned, False),
    "approved": (approved, True),
    "stale": (stale, False),
    "rejected": (rejected, False),
    "superseded history": (superseded, True),
    "bad signature": (bad_signature, False),
    "principal not allowed": (not_allowed, False),
    "middle removed": (middle_removed, False),
    "required role missing": (missing_role, False),
    "both roles by two people": (both_roles, True),
    "one person, two roles": (one_person_two_roles, False),
    "unsigned where required": (unsigned_where_required, False),
    "key signs for another principal": (wrong_principal_for_key, False),
    "authenticated": (authenticated, True),
}


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, keys: Keys) -> Path:
    root = tmp_path_factory.mktemp("signoff-corpus")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    for name, (build, _) in STATES.items():
        build(root / name.replace(" ", "-").replace(",", ""), keys)
    return root


@pytest.mark.parametrize("state", list(STATES))
def test_verify_check_and_status_agree(corpus: Path, state: str) -> None:
    folder = corpus / state.replace(" ", "-").replace(",", "")
    expected = STATES[state][1]
    verified = run(folder, "verify", "readiness-review.toml")
    assert "Traceback" not in verified.stderr
    checked = json.loads(
        run(
            folder,
            "check",
            "readiness-review.toml",
            "--today",
            TODAY.isoformat(),
            "--require-signoff",
            "--format",
            "json",
        ).stdout
    )
    [entry] = json.loads(
        run(folder, "status", ".", "--today", TODAY.isoformat(), "--format", "json").stdout
    )["reviews"]
    exported = json.loads(
        run(
            folder,
            "export",
            "readiness-review.toml",
            "--format",
            "json",
            "--today",
            TODAY.isoformat(),
        ).stdout
    )
    answers = {
        "verify": verified.returncode == 0,
        "check gate": checked["gate"]["passed"],
        "check signoffs": checked["signoffs"]["satisfied"],
        "status": entry["signoff_state"] == "approved",
        # The export judges under the same policy (the one beside the review) as check does.
        "export": exported["signoff_requirements"]["satisfied"],
    }
    assert answers == dict.fromkeys(answers, expected), (verified.stdout, checked["signoffs"])


def test_the_removal_of_the_last_signoff_is_seen_by_all_three(tmp_path: Path, keys: Keys) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    review = ready_review()
    _sign(review, "approver", hours=1, key=keys.alice)
    _sign(review, "security", hours=2, decision="reject", key=keys.alice)
    path = _write(tmp_path / "r", review)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.email=a@b", "-c", "user.name=A", "commit", "-qm", "x"],
        cwd=tmp_path,
        check=True,
    )
    _edit(path, lambda entries: entries[:1])  # the signed rejection is quietly dropped
    assert run(path.parent, "verify", path.name).returncode == 1
    checked = json.loads(
        run(
            path.parent,
            "check",
            path.name,
            "--require-signoff",
            "--format",
            "json",
            "--today",
            TODAY.isoformat(),
        ).stdout
    )
    assert checked["gate"]["passed"] is False
    status = json.loads(run(path.parent, "status", ".", "--format", "json").stdout)
    assert status["reviews"][0]["signoff_state"] == "invalid"
