"""Who is at the keyboard: the name answers and sign-offs are recorded under."""

from __future__ import annotations

import getpass
import os
import subprocess


def _git_config(key: str) -> str:
    try:
        return subprocess.run(
            ["git", "config", key], capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def operator_name(explicit: str | None = None) -> str:
    """Who is answering: stated, configured, git's user.name, or the login name."""
    if explicit and explicit.strip():
        return explicit.strip()
    configured = os.environ.get("TRUTHOUND_READINESS_USER", "").strip()
    if configured:
        return configured
    found = _git_config("user.name")
    if found:
        return found
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def principal_for(explicit: str | None = None) -> str | None:
    """The principal who signs: stated, $TRUTHOUND_READINESS_PRINCIPAL, or git's user.email.

    It is what the allowed-signers file lists keys under (as in git's SSH signing), so it is an
    e-mail address; None when nothing names one.
    """
    if explicit and explicit.strip():
        return explicit.strip()
    configured = os.environ.get("TRUTHOUND_READINESS_PRINCIPAL", "").strip()
    if configured:
        return configured
    return _git_config("user.email") or None
