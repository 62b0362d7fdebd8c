"""Identities and the policy: a key signs only as its principal, roles admit only their people.

Real keys made by ssh-keygen, real allowed-signers files with their options, a real policy
file beside the review, and the real CLI.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.signoff.builders import TODAY, ready_review
from tests.signoff.conftest import Keys, Runner
from wizard.core.review.store import create_review, load_review, save_loaded
from wizard.core.signoff.signoffs import create_signoff

POLICY = "readiness-policy.toml"


@pytest.fixture(scope="module")
def bob(tmp_path_factory: pytest.TempPathFactory) -> Path:
    key = tmp_path_factory.mktemp("bob") / "bob"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bob@example.com", "-f", str(key)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    return key


def line(principal: str, key: Path, options: str = 'namespaces="truthound-readiness"') -> str:
    kind, blob = key.with_suffix(".pub").read_text().split()[:2]
    return f"{principal} {options} {kind} {blob}\n"


def review_file(tmp_path: Path) -> Path:
    path = tmp_path / "readiness-review.toml"
    create_review(path, ready_review())
    return path


def signers(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "allowed_signers"
    path.write_text("".join(lines))
    return path


def gate(cli: Runner, path: Path, *extra: str | Path) -> dict[str, object]:
    result = cli("check", path, "--today", TODAY.isoformat(), "--format", "json", *extra)
    report: dict[str, object] = json.loads(result.out)
    return report


def test_a_key_signing_for_another_principal_fails_verify_and_the_gate(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = review_file(tmp_path)
    signed = cli(
        "signoff",
        path,
        "--name",
        "Bob Lee",
        "--principal",
        "bob@example.com",
        "--role",
        "approver",
        "--decision",
        "approve",
        "--key",
        keys.alice,
    )
    assert signed.code == 0  # nothing stops anyone from *writing* it ...
    verified = cli("verify", path, "--allowed-signers", keys.allowed_signers)
    assert verified.code == 1  # ... but it does not verify as bob
    assert "may sign only as alice@example.com" in verified.out
    assert "not as bob@example.com" in verified.out
    report = gate(
        cli, path, "--require-signoff", "approver", "--allowed-signers", keys.allowed_signers
    )
    assert report["gate"]["passed"] is False  # type: ignore[index]


def test_a_principal_outside_the_roles_principals_cannot_fill_the_role(
    tmp_path: Path, cli: Runner, keys: Keys, bob: Path
) -> None:
    path = review_file(tmp_path)
    (tmp_path / POLICY).write_text('[roles.approver]\nprincipals = ["bob@example.com"]\n')
    before = path.read_bytes()
    refused = cli(
        "signoff",
        path,
        "--principal",
        "alice@example.com",
        "--role",
        "approver",
        "--decision",
        "approve",
        "--key",
        keys.alice,
    )
    assert refused.code == 2 and "lets only bob@example.com sign as approver" in refused.err
    assert path.read_bytes() == before
    # Written by hand (or by an older wizard), it is recorded but does not count.
    loaded = load_review(path)
    create_signoff(
        loaded.review,
        reviewer="alice",
        role="approver",
        decision="approve",
        principal="alice@example.com",
        key=keys.alice,
    )
    save_loaded(loaded)
    report = gate(cli, path, "--require-signoff", "approver")
    assert report["signoffs"]["satisfied"] is False  # type: ignore[index]
    assert "alice@example.com may not sign as approver" in json.dumps(report["signoffs"])
    assert (
        cli(
            "signoff",
            path,
            "--principal",
            "bob@example.com",
            "--role",
            "approver",
            "--decision",
            "approve",
            "--key",
            bob,
        ).code
        == 0
    )
    assert gate(cli, path, "--require-signoff", "approver")["gate"]["passed"] is True  # type: ignore[index]


def test_distinct_signers_keeps_one_person_from_filling_two_roles(
    tmp_path: Path, cli: Runner, keys: Keys, bob: Path
) -> None:
    path = review_file(tmp_path)
    allowed = signers(tmp_path, line("alice@example.com", keys.alice), line("bob@example.com", bob))
    (tmp_path / POLICY).write_text(
        'required_roles = ["preparer", "approver"]\ndistinct_signers = true\n'
        f'allowed_signers = "{allowed.name}"\n'
    )
    for role in ("preparer", "approver"):
        assert (
            cli(
                "signoff",
                path,
                "--principal",
                "alice@example.com",
                "--role",
                role,
                "--decision",
                "approve",
                "--key",
                keys.alice,
            ).code
            == 0
        )
    blocked = gate(cli, path, "--require-signoff")
    assert blocked["gate"]["passed"] is False  # type: ignore[index]
    assert any("distinct_signers" in p for p in blocked["signoffs"]["problems"])  # type: ignore[index]
    assert cli("verify", path).code == 1
    assert (
        cli(
            "signoff",
            path,
            "--principal",
            "bob@example.com",
            "--role",
            "approver",
            "--decision",
            "approve",
            "--key",
            bob,
        ).code
        == 0
    )
    assert gate(cli, path, "--require-signoff")["gate"]["passed"] is True  # type: ignore[index]
    assert cli("verify", path).code == 0


def test_an_unsigned_attestation_cannot_fill_a_role_that_requires_a_signature(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = review_file(tmp_path)
    (tmp_path / POLICY).write_text('[roles.approver]\nsignature = "required"\n')
    refused = cli(
        "signoff",
        path,
        "--principal",
        "mallory@example.com",
        "--role",
        "approver",
        "--decision",
        "approve",
    )
    assert refused.code == 2 and "requires an SSH signature" in refused.err
    loaded = load_review(path)
    create_signoff(
        loaded.review,
        reviewer="Mallory",
        role="approver",
        decision="approve",
        principal="mallory@example.com",
    )
    save_loaded(loaded)
    report = gate(
        cli, path, "--require-signoff", "approver", "--allowed-signers", keys.allowed_signers
    )
    assert report["gate"]["passed"] is False  # type: ignore[index]
    assert "unsigned attestation" in json.dumps(report["signoffs"])
    assert cli("status", tmp_path, "--format", "json").code == 0


def test_the_allowed_signers_options_namespaces_and_validity_are_honoured(
    tmp_path: Path, cli: Runner, keys: Keys
) -> None:
    path = review_file(tmp_path)
    assert (
        cli(
            "signoff",
            path,
            "--principal",
            "alice@example.com",
            "--role",
            "approver",
            "--decision",
            "approve",
            "--key",
            keys.alice,
        ).code
        == 0
    )
    other_namespace = signers(tmp_path, line("alice@example.com", keys.alice, 'namespaces="git"'))
    assert cli("verify", path, "--allowed-signers", other_namespace).code == 1
    expired = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y%m%d")
    too_old = signers(
        tmp_path,
        line(
            "alice@example.com",
            keys.alice,
            f'namespaces="truthound-readiness",valid-before="{expired}"',
        ),
    )
    assert cli("verify", path, "--allowed-signers", too_old).code == 1
    fine = signers(tmp_path, line("alice@example.com", keys.alice))
    assert cli("verify", path, "--allowed-signers", fine).code == 0


def test_a_bad_policy_file_is_bad_input_naming_file_line_and_fix(
    tmp_path: Path, cli: Runner
) -> None:
    path = review_file(tmp_path)
    policy = tmp_path / POLICY
    policy.write_text('required_roles = ["approver"]\n[waivers]\nmax_dayz = 90\n')
    result = cli("check", path)
    assert result.code == 2
    assert f"{policy}: line 3: waivers.max_dayz: unknown key" in result.err
    policy.write_text("required_roles = [\n")
    assert cli("verify", path).code == 2
    policy.write_text('[roles.approver]\nsignature = "maybe"\n')
    bad = cli("status", path, "--format", "json")
    assert "use 'required' or 'optional'" in bad.out  # listed, not fatal, in the portfolio


def test_without_a_policy_check_says_so(tmp_path: Path, cli: Runner) -> None:
    result = cli("check", review_file(tmp_path), "--today", TODAY.isoformat())
    assert "no policy applies" in result.out
