"""SSH signatures through OpenSSH's own ``ssh-keygen -Y``: sign, check, verify.

We never implement the signature format ourselves: everything goes through ``ssh-keygen``, so
anyone can check a signature with the same tool and an allowed-signers file, without us.

``ssh-keygen`` must never wait for a passphrase nobody can type (a CI job would hang until its
timeout). Every call runs in a new session, which has no controlling terminal, with askpass
disabled and a timeout; an encrypted key then fails fast, and we say to load it into an agent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wizard.core.errors import BadInputError

NAMESPACE = "truthound-readiness"
DEFAULT_TIMEOUT = 60.0
_FINGERPRINT = re.compile(r"\b(SHA256:[A-Za-z0-9+/=]+)")
_PROMPT = re.compile(r"Enter passphrase[^:]*:\s*")
_GOOD_FOR = re.compile(r'Good "[^"]*" signature for (?P<principal>.+?) with ')


@dataclass(frozen=True)
class SignatureCheck:
    """What ``ssh-keygen`` said about one signature over one message.

    ``valid`` means the signature is intact for the message and namespace. ``authenticated``
    additionally means an allowed-signers file vouched for the key, naming ``principal``.
    """

    valid: bool
    authenticated: bool
    fingerprint: str | None
    principal: str | None
    detail: str


def ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise BadInputError(
            "ssh-keygen was not found on PATH. Install OpenSSH's client tools (for example "
            "`apt-get install openssh-client`, or Git for Windows' usr/bin) and try again; SSH "
            "signing and signature checks need it."
        )
    return found


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["SSH_ASKPASS_REQUIRE"] = "never"
    environment.pop("DISPLAY", None)
    return environment


def _run(
    arguments: list[str], *, data: bytes | None, timeout: float, what: str
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [ssh_keygen(), *arguments],
            input=data if data is not None else b"",
            capture_output=True,
            env=_environment(),
            start_new_session=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BadInputError(
            f"ssh-keygen did not finish {what} within {timeout:g}s (is it waiting for a "
            "hardware key touch, or a passphrase?). Load the key into ssh-agent with `ssh-add` "
            "and try again."
        ) from None
    except OSError as error:
        raise BadInputError(f"ssh-keygen could not be started ({error}).") from None


def _message(completed: subprocess.CompletedProcess[bytes]) -> str:
    text = (completed.stderr + b"\n" + completed.stdout).decode("utf-8", "replace")
    # The prompt has no newline of its own, so the real error follows it on the same line.
    lines = [_PROMPT.sub("", line).strip() for line in text.splitlines()]
    kept = [line for line in lines if line and not line.startswith("Signing data on standard")]
    return "; ".join(kept) or f"exit code {completed.returncode}"


def _readable_key(key: Path) -> None:
    if not key.exists():
        raise BadInputError(f"--key {key}: no such file. Pass your SSH private key (or its .pub).")
    if key.is_dir():
        raise BadInputError(f"--key {key}: this is a folder; pass the key file itself.")
    if not key.is_file():  # a FIFO or a device would hang ssh-keygen or feed it without end
        raise BadInputError(f"--key {key}: not a regular file; pass the key file itself.")
    if not os.access(key, os.R_OK):
        raise BadInputError(f"--key {key}: cannot be read (permission denied).")


def key_fingerprint(key: Path, *, timeout: float = DEFAULT_TIMEOUT) -> str:
    """The ``SHA256:...`` fingerprint of a public or private key file."""
    _readable_key(key)
    completed = _run(["-l", "-f", str(key)], data=None, timeout=timeout, what="reading the key")
    found = _FINGERPRINT.search(completed.stdout.decode("utf-8", "replace"))
    if completed.returncode != 0 or found is None:
        raise BadInputError(
            f"--key {key}: not an SSH key ssh-keygen can read ({_message(completed)}). Pass an "
            "OpenSSH private key such as ~/.ssh/id_ed25519, or its .pub when the key is in "
            "ssh-agent."
        )
    return found.group(1)


def sign(
    message: bytes, key: Path, *, namespace: str = NAMESPACE, timeout: float = DEFAULT_TIMEOUT
) -> str:
    """An armored SSH signature of ``message``, exactly as ``ssh-keygen -Y sign`` writes it."""
    _readable_key(key)
    completed = _run(
        ["-Y", "sign", "-f", str(key), "-n", namespace],
        data=message,
        timeout=timeout,
        what="signing",
    )
    armored = completed.stdout.decode("ascii", "replace")
    if completed.returncode == 0 and "BEGIN SSH SIGNATURE" in armored:
        return armored
    problem = _message(completed)
    if "passphrase" in problem.lower():
        raise BadInputError(
            f"--key {key}: the key is protected by a passphrase and no ssh-agent offers it, and "
            "this command never prompts. Run `ssh-add "
            f"{key}` first (with SSH_AUTH_SOCK set), then sign again."
        )
    raise BadInputError(
        f"--key {key}: ssh-keygen could not sign with this key ({problem}). Pass an OpenSSH "
        "private key, or the .pub of a key loaded in ssh-agent."
    )


def _with_signature_file(signature: str) -> tempfile.TemporaryDirectory[str]:
    folder = tempfile.TemporaryDirectory(prefix="trr-sig-")
    Path(folder.name, "message.sig").write_text(signature, encoding="ascii", errors="replace")
    return folder


def check_novalidate(
    message: bytes,
    signature: str,
    *,
    namespace: str = NAMESPACE,
    timeout: float = DEFAULT_TIMEOUT,
) -> SignatureCheck:
    """Is the signature intact for this message? Says nothing about who made it."""
    with _with_signature_file(signature) as folder:
        signature_path = str(Path(folder, "message.sig"))
        completed = _run(
            ["-Y", "check-novalidate", "-n", namespace, "-s", signature_path],
            data=message,
            timeout=timeout,
            what="checking a signature",
        )
    output = completed.stdout.decode("utf-8", "replace")
    found = _FINGERPRINT.search(output)
    fingerprint = found.group(1) if found else None
    if completed.returncode == 0:
        return SignatureCheck(
            True,
            False,
            fingerprint,
            None,
            f"signature intact, made by key {fingerprint}; signer NOT authenticated (no "
            "allowed-signers file given)",
        )
    return SignatureCheck(False, False, fingerprint, None, f"bad signature: {_message(completed)}")


def _find_principals(allowed_signers: Path, signature_path: str, timeout: float) -> list[str]:
    found = _run(
        ["-Y", "find-principals", "-f", str(allowed_signers), "-s", signature_path],
        data=None,
        timeout=timeout,
        what="looking up the signer",
    )
    return [
        line.strip()
        for line in found.stdout.decode("utf-8", "replace").splitlines()
        if line.strip()
    ]


def _verify_as(
    message: bytes,
    allowed_signers: Path,
    principal: str,
    signature_path: str,
    *,
    namespace: str,
    verify_time: str | None,
    timeout: float,
) -> subprocess.CompletedProcess[bytes]:
    options = ["-O", f"verify-time={verify_time}"] if verify_time else []
    return _run(
        [
            "-Y",
            "verify",
            "-f",
            str(allowed_signers),
            "-I",
            principal,
            "-n",
            namespace,
            *options,
            "-s",
            signature_path,
        ],
        data=message,
        timeout=timeout,
        what="verifying a signature",
    )


def verify(
    message: bytes,
    signature: str,
    *,
    allowed_signers: Path | None,
    principal: str | None = None,
    verify_time: str | None = None,
    namespace: str = NAMESPACE,
    timeout: float = DEFAULT_TIMEOUT,
) -> SignatureCheck:
    """Check a signature; with ``allowed_signers``, also that the key may sign as ``principal``.

    As in git's SSH signing, ``ssh-keygen -Y verify -I PRINCIPAL`` decides: the allowed-signers
    line for that principal must list the key, allow this namespace, and be valid at
    ``verify_time`` (YYYYMMDDHHMMSSZ, the signing time; default now). Without a principal (a
    sign-off from before principals were recorded) any principal the file lists for the key is
    accepted, which is weaker and reported as such.
    """
    intact = check_novalidate(message, signature, namespace=namespace, timeout=timeout)
    if allowed_signers is None or not intact.valid:
        return intact
    if not allowed_signers.is_file() or not os.access(allowed_signers, os.R_OK):
        raise BadInputError(
            f"--allowed-signers {allowed_signers}: no such readable file. It holds lines like "
            '`alice@example.com namespaces="truthound-readiness" ssh-ed25519 AAAA...`.'
        )
    with _with_signature_file(signature) as folder:
        signature_path = str(Path(folder, "message.sig"))
        listed = _find_principals(allowed_signers, signature_path, timeout)
        candidates = [principal] if principal else listed
        for name in candidates:
            completed = _verify_as(
                message,
                allowed_signers,
                name,
                signature_path,
                namespace=namespace,
                verify_time=verify_time,
                timeout=timeout,
            )
            if completed.returncode == 0:
                said = _GOOD_FOR.search(completed.stdout.decode("utf-8", "replace"))
                who = said.group("principal") if said else name
                return SignatureCheck(
                    True,
                    True,
                    intact.fingerprint,
                    who,
                    f"good signature by {who} (key {intact.fingerprint})",
                )
        if principal and principal in listed:
            why = (
                f"the key {intact.fingerprint} is listed for {principal} in {allowed_signers}, "
                f"but not for namespace {namespace!r} or not at the signing time (its "
                "namespaces= or valid-after/valid-before options)"
            )
        elif principal and listed:
            why = (
                f"the key {intact.fingerprint} may sign only as {', '.join(listed)} in "
                f"{allowed_signers} (for namespace {namespace!r}, at that time), not as {principal}"
            )
        elif principal:
            why = (
                f"the key {intact.fingerprint} is not listed for {principal} (or for namespace "
                f"{namespace!r}, or at that time) in {allowed_signers}"
            )
        else:
            why = (
                f"the signature is intact but its key {intact.fingerprint} is not allowed for "
                f"namespace {namespace!r} in {allowed_signers}"
            )
    return SignatureCheck(False, False, intact.fingerprint, None, why)
