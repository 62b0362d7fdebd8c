"""Signing off from the TUI, with the keyboard, checked afterwards by the real ``verify``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.tui import scenes
from tests.tui.driving import (
    review_screen,
    saved,
    sign_with_keys,
    type_text,
    wait_until_loaded,
)
from wizard.core.review.store import load_review
from wizard.core.signoff.content_hash import content_hash
from wizard.tui.app import make_app
from wizard.tui.screens.signoff import SignOffScreen
from wizard.tui.widgets.checklist_pane import ChecklistPane


def verify(path: Path, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", "verify", str(path), *map(str, extra)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def keygen(path: Path, comment: str) -> Path:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    return path


def error_text(screen: SignOffScreen) -> str:
    return str(screen.query_one("#signoff-error", Static).render())


async def test_an_unsigned_sign_off_is_saved_and_verify_reports_an_attestation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUTHOUND_READINESS_PRINCIPAL", "alice@example.com")
    path = scenes.half_green(tmp_path)
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=scenes.SIZE) as pilot:
        await wait_until_loaded(pilot)
        checklist = review_screen(pilot).query_one(ChecklistPane)
        assert not checklist.border_subtitle  # nobody has signed yet
        await sign_with_keys(pilot, role="reviewer", decision_downs=0, comment="walked it")
        screen = review_screen(pilot)  # the form closed on success
        assert screen.query_one(ChecklistPane).border_subtitle == "signed: 1 fresh"
    entries = saved(path)["signoffs"]
    assert len(entries) == 1
    entry = entries[0]
    assert (entry["reviewer"], entry["role"], entry["decision"]) == ("alice", "reviewer", "approve")
    assert entry["comment"] == "walked it"
    assert entry["content_hash"] == content_hash(load_review(path).review)
    assert "signature" not in entry and "signer" not in entry
    assert entry["readiness"] == "not-ready"  # half the steps are still open
    result = verify(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "#1 alice (reviewer) as alice@example.com approved" in result.stdout
    assert "fresh" in result.stdout
    assert "unsigned attestation (no SSH signature)" in result.stdout


async def test_a_signed_sign_off_verifies_against_an_allowed_signers_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The form's principal field starts from this (else git's user.email), as the CLI's does.
    monkeypatch.setenv("TRUTHOUND_READINESS_PRINCIPAL", "bob@example.com")
    key = keygen(tmp_path / "id_ed25519", "bob@example.com")
    kind, blob = (tmp_path / "id_ed25519.pub").read_text().split()[:2]
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'bob@example.com namespaces="truthound-readiness" {kind} {blob}\n')
    path = scenes.half_green(tmp_path)
    app = make_app(path, operator="bob", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=scenes.SIZE) as pilot:
        await wait_until_loaded(pilot)
        await sign_with_keys(
            pilot,
            role="appr→",
            decision_downs=1,
            comment="not before the consumers step",
            key=str(key),
        )
        review_screen(pilot)
    entry = saved(path)["signoffs"][0]
    assert (entry["reviewer"], entry["role"], entry["decision"]) == ("bob", "approver", "reject")
    assert entry["signer"].startswith("SHA256:")
    assert entry["signature"].startswith("-----BEGIN SSH SIGNATURE-----")
    assert entry["principal"] == "bob@example.com"
    result = verify(path, "--allowed-signers", allowed)
    # The signature holds for bob's principal; the rejection itself keeps the gate shut.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "#1 bob (approver) as bob@example.com rejected" in result.stdout
    assert "good signature by bob@example.com" in result.stdout
    assert "FAILED: #1 bob (approver) rejected the review" in result.stdout
    assert "unsigned" not in result.stdout


async def test_a_bad_key_path_is_explained_in_the_form_and_nothing_is_saved(
    tmp_path: Path,
) -> None:
    path = scenes.half_green(tmp_path)
    before = path.read_bytes()
    missing = tmp_path / "no-such-key"
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=scenes.SIZE) as pilot:
        await wait_until_loaded(pilot)
        screen = await sign_with_keys(
            pilot, role="approver", decision_downs=0, comment="", key=str(missing)
        )
        assert pilot.app.screen is screen, "the form stays open on an error"
        message = error_text(screen)
        assert f"SSH key {missing}: no such file" in message
        assert "Nothing was saved" in message
        assert app.session is not None and not app.session.review.signoffs
        await pilot.press("escape")
        await pilot.pause()
        assert not review_screen(pilot).query_one(ChecklistPane).border_subtitle
    assert path.read_bytes() == before


async def test_the_form_asks_for_a_decision_and_shows_earlier_sign_offs(tmp_path: Path) -> None:
    path, _ = scenes.reopened(tmp_path)  # carol's approval went stale with bob's later edits
    before = path.read_bytes()
    app = make_app(path, operator="alice", today=scenes.TODAY, run_probes_on_start=False)
    async with app.run_test(size=scenes.SIZE) as pilot:
        await wait_until_loaded(pilot)
        assert review_screen(pilot).query_one(ChecklistPane).border_subtitle == "signed: 1 stale"
        await pilot.press("ctrl+o")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SignOffScreen)
        shown = "\n".join(str(widget.render()) for widget in screen.query(Static))
        assert "NOT READY" in shown
        assert "#1 carol (platform lead) approved 2025-03-02 11:00 · STALE" in shown
        await type_text(pilot, "approver")
        await pilot.press("enter")  # no decision picked yet
        await pilot.pause()
        assert "Decision: choose approve or reject" in error_text(screen)
    assert path.read_bytes() == before
