"""SSH signatures through the real ssh-keygen: sign, check, verify, and every clear failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.signoff.builders import ready_review
from tests.signoff.conftest import PASSPHRASE, Keys
from wizard.core.errors import BadInputError
from wizard.core.signoff import sshsig
from wizard.core.signoff.signoffs import check_signature, create_signoff, statement

MESSAGE = b"truthound-readiness test message\n"


def test_sign_then_verify_with_allowed_signers(keys: Keys) -> None:
    signature = sshsig.sign(MESSAGE, keys.alice)
    assert signature.startswith("-----BEGIN SSH SIGNATURE-----")
    result = sshsig.verify(MESSAGE, signature, allowed_signers=keys.allowed_signers)
    assert result.valid and result.authenticated
    assert result.principal == "alice@example.com"
    assert result.fingerprint == sshsig.key_fingerprint(keys.alice)


def test_without_allowed_signers_the_signer_is_not_authenticated(keys: Keys) -> None:
    signature = sshsig.sign(MESSAGE, keys.mallory)
    result = sshsig.verify(MESSAGE, signature, allowed_signers=None)
    assert result.valid and not result.authenticated
    assert "NOT authenticated" in result.detail


def test_a_key_missing_from_allowed_signers_fails(keys: Keys) -> None:
    signature = sshsig.sign(MESSAGE, keys.mallory)
    result = sshsig.verify(MESSAGE, signature, allowed_signers=keys.allowed_signers)
    assert not result.valid
    assert "not allowed" in result.detail


def test_a_changed_message_fails(keys: Keys) -> None:
    signature = sshsig.sign(MESSAGE, keys.alice)
    result = sshsig.verify(MESSAGE + b"!", signature, allowed_signers=keys.allowed_signers)
    assert not result.valid and "bad signature" in result.detail


def test_plain_ssh_keygen_verifies_a_signoff_statement(keys: Keys, tmp_path: Path) -> None:
    # What docs/signoff.md tells an auditor to do, without truthound-readiness.
    review = ready_review()
    signoff = create_signoff(
        review, reviewer="Alice", role="approver", decision="approve", key=keys.alice
    )
    (tmp_path / "statement.txt").write_bytes(statement(signoff))
    (tmp_path / "statement.sig").write_text(signoff.signature or "")
    command = [
        "ssh-keygen",
        "-Y",
        "verify",
        "-f",
        str(keys.allowed_signers),
        "-I",
        "alice@example.com",
        "-n",
        "truthound-readiness",
        "-s",
        str(tmp_path / "statement.sig"),
    ]
    with (tmp_path / "statement.txt").open("rb") as handle:
        done = subprocess.run(command, stdin=handle, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert signoff.signer == sshsig.key_fingerprint(keys.alice)


def test_flipping_the_decision_breaks_the_signature(keys: Keys) -> None:
    review = ready_review()
    signoff = create_signoff(
        review, reviewer="Alice", role="approver", decision="reject", key=keys.alice
    )
    signoff.decision = "approve"
    state, detail = check_signature(signoff, allowed_signers=keys.allowed_signers)
    assert state == "invalid" and "bad signature" in detail


def test_encrypted_key_without_agent_fails_fast_and_clearly(
    keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    started = time.monotonic()
    with pytest.raises(BadInputError, match=r"passphrase.*ssh-add"):
        sshsig.sign(MESSAGE, keys.locked)
    assert time.monotonic() - started < 30  # never waits on a prompt


@pytest.fixture
def agent_with_locked_key(keys: Keys, tmp_path: Path) -> Iterator[dict[str, str]]:
    askpass = tmp_path / "askpass.sh"
    askpass.write_text(f"#!/bin/sh\necho '{PASSPHRASE}'\n")
    askpass.chmod(0o700)
    socket = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(socket)], stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if socket.exists():
                break
            time.sleep(0.05)
        environment = {
            **os.environ,
            "SSH_AUTH_SOCK": str(socket),
            "SSH_ASKPASS": str(askpass),
            "SSH_ASKPASS_REQUIRE": "force",
            "DISPLAY": ":0",
        }
        subprocess.run(
            ["ssh-add", str(keys.locked)],
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            start_new_session=True,
            timeout=30,
        )
        yield {"SSH_AUTH_SOCK": str(socket)}
    finally:
        agent.terminate()
        agent.wait(timeout=10)


def test_encrypted_key_held_by_an_agent_signs(
    keys: Keys, agent_with_locked_key: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_AUTH_SOCK", agent_with_locked_key["SSH_AUTH_SOCK"])
    public = keys.locked.with_name("locked.pub")
    signature = sshsig.sign(MESSAGE, public)
    assert sshsig.check_novalidate(MESSAGE, signature).valid


def test_missing_unreadable_and_wrong_keys_are_bad_input(keys: Keys, tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        sshsig.sign(MESSAGE, tmp_path / "nope")
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("this is not a key\n")
    with pytest.raises(BadInputError, match=r"could not sign|not an SSH key"):
        sshsig.sign(MESSAGE, not_a_key)
    with pytest.raises(BadInputError, match="not an SSH key"):
        sshsig.key_fingerprint(not_a_key)
    with pytest.raises(BadInputError, match="folder"):
        sshsig.sign(MESSAGE, tmp_path)
    if os.geteuid() != 0:  # root reads any file, so only a normal user can test permissions
        unreadable = tmp_path / "unreadable"
        shutil.copy(keys.alice, unreadable)
        unreadable.chmod(0)
        with pytest.raises(BadInputError, match="permission"):
            sshsig.sign(MESSAGE, unreadable)


def test_missing_ssh_keygen_is_a_clear_error(keys: Keys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BadInputError, match="ssh-keygen was not found"):
        sshsig.sign(MESSAGE, keys.alice)


def test_missing_allowed_signers_file_is_bad_input(keys: Keys, tmp_path: Path) -> None:
    signature = sshsig.sign(MESSAGE, keys.alice)
    with pytest.raises(BadInputError, match="allowed-signers"):
        sshsig.verify(MESSAGE, signature, allowed_signers=tmp_path / "missing")
