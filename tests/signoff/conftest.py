"""Real SSH keys made by ssh-keygen, an allowed-signers file, and an in-process CLI runner."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tui.conftest import airflow_project, host_python  # noqa: F401  (shared fixtures)
from wizard.cli.main import main

PASSPHRASE = "correct horse battery"


@dataclass(frozen=True)
class Keys:
    folder: Path
    alice: Path  # unencrypted ed25519, listed in allowed_signers as alice@example.com
    mallory: Path  # unencrypted ed25519, not listed anywhere
    locked: Path  # ed25519 protected by PASSPHRASE
    allowed_signers: Path


def _keygen(path: Path, comment: str, passphrase: str = "") -> Path:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", comment, "-f", str(path)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    return path


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    folder = tmp_path_factory.mktemp("ssh-keys")
    alice = _keygen(folder / "alice", "alice@example.com")
    mallory = _keygen(folder / "mallory", "mallory@example.com")
    locked = _keygen(folder / "locked", "locked@example.com", PASSPHRASE)
    public = (folder / "alice.pub").read_text().split()
    allowed = folder / "allowed_signers"
    allowed.write_text(
        f'alice@example.com namespaces="truthound-readiness" {public[0]} {public[1]}\n'
    )
    return Keys(folder, alice, mallory, locked, allowed)


@dataclass
class Outcome:
    code: int
    out: str
    err: str


Runner = Callable[..., Outcome]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run the real command-line entry point in-process; returns (exit code, stdout, stderr)."""

    def run(*argv: str | Path) -> Outcome:
        capsys.readouterr()
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
