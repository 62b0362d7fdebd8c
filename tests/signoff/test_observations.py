"""Observations do not invalidate decisions: looking at a signed review leaves it as it was.

A signed review in a real git repository, probed against a real target interpreter (Airflow
2.6.0 metadata + the real truthound-orchestration) with its real project scanned, is opened in
the real TUI (the probe runs on open), with ``check --probe --save`` and with the prompt mode;
each time the file stays byte-for-byte the same and ``verify`` still passes. Then the two-person
flow: a preparer signs, an approver opens the review in the TUI, looks, signs, and the gate of a
policy requiring both roles (by distinct people, the approver named) passes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

from tests.signoff.builders import GOOD_AIRFLOW
from tests.signoff.conftest import Keys
from tests.tui import scenes
from tests.tui.driving import review_screen, saved, sign_with_keys, wait_for_probe
from wizard.tui.app import make_app

pytestmark = pytest.mark.target_venv
REVIEW = "readiness-review.toml"


def run(
    cwd: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def keygen(path: Path, comment: str) -> Path:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    return path


def allowed_line(principal: str, key: Path) -> str:
    kind, blob = key.with_suffix(".pub").read_text().split()[:2]
    return f'{principal} namespaces="truthound-readiness" {kind} {blob}\n'


@pytest.fixture
def probed_review(tmp_path: Path, host_python: str, airflow_project: Path) -> Path:
    """An answered review with fresh evidence from the real probe and scan, committed to git."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "ci@example.org")
    git(tmp_path, "config", "user.name", "CI")
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps(dict(GOOD_AIRFLOW)))
    project = airflow_project.relative_to(tmp_path)
    assert (
        run(
            tmp_path,
            "new",
            REVIEW,
            "--host",
            "airflow",
            "--python",
            host_python,
            "--project",
            project,
        ).returncode
        == 0
    )
    assert run(tmp_path, "answer", REVIEW, "--from", answers, "--by", "alice").returncode == 0
    answers.unlink()
    probed = run(tmp_path, "check", REVIEW, "--probe", "--save")
    assert "saved the fresh evidence" in probed.stderr, probed.stderr
    return tmp_path / REVIEW


def sign(path: Path, role: str, principal: str, key: Path) -> None:
    done = run(
        path.parent,
        "signoff",
        path.name,
        "--name",
        principal.split("@")[0],
        "--role",
        role,
        "--decision",
        "approve",
        "--principal",
        principal,
        "--key",
        key,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    git(path.parent, "add", "-A")
    git(path.parent, "commit", "-qm", f"{role} signs")


async def test_opening_a_signed_review_and_quitting_changes_nothing(
    probed_review: Path, keys: Keys
) -> None:
    sign(probed_review, "preparer", "alice@example.com", keys.alice)
    before = probed_review.read_bytes()
    app = make_app(probed_review, operator="bob", today=scenes.TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_probe(pilot, 0)  # the real probe and scan ran and were folded in
        assert review_screen(pilot).probes_finished == 1
        await pilot.press("ctrl+q")
    assert probed_review.read_bytes() == before
    verified = run(
        probed_review.parent, "verify", REVIEW, "--allowed-signers", keys.allowed_signers
    )
    assert verified.returncode == 0, verified.stdout


def test_check_probe_save_and_the_prompt_mode_change_nothing(
    probed_review: Path, keys: Keys
) -> None:
    sign(probed_review, "preparer", "alice@example.com", keys.alice)
    before = probed_review.read_bytes()
    again = run(probed_review.parent, "check", REVIEW, "--probe", "--save")
    assert "matches" in again.stderr and "nothing to save" in again.stderr
    assert probed_review.read_bytes() == before
    prompted = run(probed_review.parent, "prompt", REVIEW, "--non-interactive", "--probe")
    assert "probe:" in prompted.stdout, prompted.stdout + prompted.stderr
    assert probed_review.read_bytes() == before
    status = run(probed_review.parent, "git", "status", "--porcelain")
    del status
    changed = subprocess.run(
        ["git", "status", "--porcelain", REVIEW],
        cwd=probed_review.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert changed == ""  # no git diff either
    verified = run(
        probed_review.parent, "verify", REVIEW, "--allowed-signers", keys.allowed_signers
    )
    assert verified.returncode == 0, verified.stdout


async def test_two_people_sign_one_after_the_other_and_the_gate_passes(
    probed_review: Path, keys: Keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = keygen(tmp_path / "bob", "bob@example.com")
    signers = tmp_path / "allowed_signers"
    signers.write_text(
        allowed_line("alice@example.com", keys.alice) + allowed_line("bob@example.com", bob)
    )
    (tmp_path / "readiness-policy.toml").write_text(
        'required_roles = ["preparer", "approver"]\n'
        "distinct_signers = true\n"
        'allowed_signers = "allowed_signers"\n'
        '[roles.approver]\nprincipals = ["bob@example.com"]\nsignature = "required"\n'
    )
    sign(probed_review, "preparer", "alice@example.com", keys.alice)
    waiting = json.loads(run(tmp_path, "check", REVIEW, "--format", "json").stdout)
    assert waiting["signoffs"]["satisfied"] is False
    assert waiting["signoffs"]["problems"] == ["missing sign-off for role 'approver'"]

    monkeypatch.setenv("TRUTHOUND_READINESS_PRINCIPAL", "bob@example.com")
    app = make_app(probed_review, operator="bob", today=scenes.TODAY)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_probe(pilot, 0)
        await sign_with_keys(
            pilot, role="approver", decision_downs=0, comment="looked", key=str(bob)
        )
        review_screen(pilot)  # the form closed: signed and saved
    entries = saved(probed_review)["signoffs"]
    assert [(e["role"], e["principal"]) for e in entries] == [
        ("preparer", "alice@example.com"),
        ("approver", "bob@example.com"),
    ]

    gate = run(tmp_path, "check", REVIEW, "--require-signoff", "--format", "json")
    report = json.loads(gate.stdout)
    assert report["gate"]["passed"] is True, report["gate"]
    assert report["signoffs"]["satisfied"] is True
    assert run(tmp_path, "verify", REVIEW).returncode == 0
    status = json.loads(run(tmp_path, "status", "--format", "json").stdout)
    [entry] = status["reviews"]
    assert entry["signoff_state"] == "approved"
