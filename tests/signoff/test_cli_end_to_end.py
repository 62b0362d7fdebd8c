"""End to end through the real command line: a review made by the CLI, signed, verified,
edited, re-verified; and ``check --probe`` against a real interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomli_w

from tests.signoff.builders import GOOD_AIRFLOW, TODAY, ready_review
from tests.signoff.conftest import Keys, Runner
from tests.support.target_venv import make_fake_venv
from wizard.core.review.store import create_review, load_review
from wizard.core.signoff.signoffs import create_signoff

CLI = [sys.executable, "-m", "wizard"]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_sign_verify_edit_reverify_with_the_real_cli(tmp_path: Path, keys: Keys) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps({k: v for k, v in GOOD_AIRFLOW.items()}))
    assert run("new", "review.toml", "--host", "airflow", cwd=tmp_path).returncode == 0
    filled = run("answer", "review.toml", "--from", answers, "--by", "alice", cwd=tmp_path)
    assert filled.returncode == 0, filled.stderr

    signed = run(
        "signoff",
        "review.toml",
        "--name",
        "Alice",
        "--role",
        "approver",
        "--decision",
        "approve",
        "--comment",
        "looks right",
        "--principal",
        "alice@example.com",
        "--key",
        keys.alice,
        cwd=tmp_path,
    )
    assert signed.returncode == 0, signed.stderr
    assert "SSH-signed by SHA256:" in signed.stdout
    stored = load_review(tmp_path / "review.toml").review.signoffs[0]
    assert stored.readiness == "not-ready"  # no probe evidence yet: approved anyway, on record
    assert "NOT ready" in signed.stderr

    good = run("verify", "review.toml", "--allowed-signers", keys.allowed_signers, cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "good signature by alice@example.com" in good.stdout

    changed = run("answer", "review.toml", "obs.owner", "someone else", "--by", "bob", cwd=tmp_path)
    assert changed.returncode == 0
    stale = run("verify", "review.toml", "--allowed-signers", keys.allowed_signers, cwd=tmp_path)
    assert stale.returncode == 1
    assert "STALE  #1 Alice (approver) as alice@example.com" in stale.stdout
    assert "FAILED: no approval" not in stale.stdout  # the role's own problem names the staleness
    assert "#1 Alice (approver) is stale" in stale.stdout
    assert stored.content_hash[:19] in stale.stdout  # the signed hash vs the current one
    assert "STALE" in stale.stdout


def test_signoff_refuses_bad_input(tmp_path: Path, keys: Keys, cli: Runner) -> None:
    path = tmp_path / "review.toml"
    create_review(path, ready_review())
    bad_key = cli(
        "signoff",
        path,
        "--name",
        "A",
        "--role",
        "approver",
        "--decision",
        "approve",
        "--key",
        tmp_path / "nope",
    )
    assert bad_key.code == 2 and "no such file" in bad_key.err
    secret = cli(
        "signoff",
        path,
        "--name",
        "A",
        "--role",
        "r",
        "--decision",
        "approve",
        "--comment",
        "token=abcd1234efgh",
    )
    assert secret.code == 2 and "credential" in secret.err
    newline = cli("signoff", path, "--name", "A\nB", "--role", "r", "--decision", "approve")
    assert newline.code == 2
    assert load_review(path).review.signoffs == []  # nothing was written
    path.write_text(path.read_text().replace('host = "airflow"', 'host = "cron"'))
    invalid = cli("signoff", path, "--name", "A", "--role", "r", "--decision", "approve")
    assert invalid.code == 2 and "host" in invalid.err


def test_verify_with_no_signoff_and_unknown_files(tmp_path: Path, cli: Runner) -> None:
    path = tmp_path / "review.toml"
    create_review(path, ready_review())
    assert cli("verify", path).code == 1
    assert cli("verify", tmp_path / "missing.toml").code == 2
    junk = tmp_path / "notes.bin"
    junk.write_bytes(b"\x00\x01 nothing here")
    assert cli("verify", junk).code == 2


def test_check_probe_evaluates_in_memory_and_saves_only_when_asked(
    tmp_path: Path, cli: Runner
) -> None:
    review = ready_review()
    create_signoff(review, reviewer="Alice", role="approver", decision="approve")
    path = tmp_path / "readiness-review.toml"
    create_review(path, review)
    before = path.read_bytes()
    newer = make_fake_venv(tmp_path / "venv", {"apache-airflow": "2.7.3", "truthound": "3.2.0"})
    day = ("--today", TODAY.isoformat())

    probed = cli(
        "check",
        path,
        *day,
        "--probe",
        "--python",
        newer,
        "--project",
        tmp_path,
        "--require-signoff",
        "approver",
    )
    assert probed.code == 1  # no preflight in that interpreter, and the runtime drifted
    assert "apache-airflow 2.6.0 -> 2.7.3" in probed.out
    assert "the environment changed since the signed probe" in probed.out
    assert path.read_bytes() == before  # evaluated in memory only

    saved = cli("check", path, *day, "--probe", "--python", newer, "--save")
    assert saved.code == 1
    assert path.read_bytes() != before
    assert load_review(path).review.probe.environment.packages["apache-airflow"] == "2.7.3"


def test_signoff_takes_by_like_every_other_command(tmp_path: Path, cli: Runner) -> None:
    path = tmp_path / "review.toml"
    create_review(path, ready_review())
    for spelling, who in (("--by", "Bob Builder"), ("--name", "Carol")):
        done = cli("signoff", path, spelling, who, "--role", "approver", "--decision", "approve")
        assert done.code == 0, done.err
    assert [s.reviewer for s in load_review(path).review.signoffs] == ["Bob Builder", "Carol"]
