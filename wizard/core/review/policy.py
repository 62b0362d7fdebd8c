"""The sign-off policy: ``readiness-policy.toml``, committed beside the review like CODEOWNERS.

It says which roles a release needs, who may sign each role, whether a role needs an SSH
signature, whether one person may fill two roles, and how long and by whom waivers are granted:

    required_roles = ["preparer", "approver"]
    distinct_signers = true
    allowed_signers = "allowed_signers"      # optional: an OpenSSH allowed-signers file
    [roles.approver]
    principals = ["bob@example.org"]
    signature = "required"
    [waivers]
    max_days = 90
    approver_roles = ["approver"]

Without a policy file nothing is required beyond what a command is asked for, exactly as before
policies existed; every view that judges sign-offs says that no policy applies.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from wizard.core.errors import BadInputError
from wizard.core.records import Record, field, record
from wizard.core.tomlfile import parse_toml, read_regular

POLICY_NAME = "readiness-policy.toml"
MAX_POLICY_BYTES = 256 * 1024
SignatureRule = Literal["required", "optional"]
_TOP_KEYS = {"required_roles", "distinct_signers", "allowed_signers", "roles", "waivers"}
_ROLE_KEYS = {"principals", "signature"}
_WAIVER_KEYS = {"max_days", "approver_roles"}
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@record(frozen=True, kw_only=False)
class RolePolicy(Record):
    # None: anyone may sign the role (an allowed-signers file, when used, still has to list them)
    principals: tuple[str, ...] | None = None
    # None: a verified signature is needed exactly when an allowed-signers file applies (the
    # file is there to say who signed; an unsigned attestation cannot be checked against it).
    signature: SignatureRule | None = None

    def needs_signature(self, signers_known: bool) -> bool:
        return self.signature == "required" or (self.signature is None and signers_known)

    def admits(self, principal: str | None) -> bool:
        if self.principals is None:
            return True
        return principal is not None and principal.casefold() in {
            name.casefold() for name in self.principals
        }


@record(frozen=True, kw_only=False)
class WaiverPolicy(Record):
    max_days: int | None = None
    approver_roles: tuple[str, ...] = ()


@record(frozen=True, kw_only=False)
class Policy(Record):
    path: Path | None = None
    required_roles: tuple[str, ...] = ()
    distinct_signers: bool = False
    allowed_signers: Path | None = None
    roles: dict[str, RolePolicy] = field(default_factory=dict)
    waivers: WaiverPolicy = WaiverPolicy()

    def role(self, name: str) -> RolePolicy:
        return self.roles.get(name.casefold(), RolePolicy())

    def describe(self) -> str:
        return f"policy {self.path}" if self.path else "no policy applies"


NO_POLICY = Policy()


def _line_of(text: str, key: str) -> int | None:
    """The line a key is set on (TOML parsers report positions only for syntax errors)."""
    pattern = re.compile(rf"^\s*(?:\[.*\b{re.escape(key)}\b.*\]|\"?{re.escape(key)}\"?\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _problem(path: Path, text: str, key: str, message: str) -> BadInputError:
    line = _line_of(text, key.split(".")[-1])
    where = f"{path}: line {line}" if line else f"{path}"
    return BadInputError(
        f"{where}: {key}: {message}. Fix the policy file (see docs/signoff.md, 'The policy "
        "file'); nothing was changed."
    )


def _names(path: Path, text: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _problem(path, text, key, "expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _unknown(path: Path, text: str, where: str, table: dict[str, Any], known: set[str]) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise _problem(
            path,
            text,
            f"{where}{extra[0]}" if where else extra[0],
            f"unknown key; the keys here are {', '.join(sorted(known))}",
        )


def _role(path: Path, text: str, name: str, table: Any) -> RolePolicy:
    if not isinstance(table, dict):
        raise _problem(path, text, f"roles.{name}", "expected a table")
    _unknown(path, text, f"roles.{name}.", table, _ROLE_KEYS)
    principals = (
        _names(path, text, f"roles.{name}.principals", table["principals"])
        if "principals" in table
        else None
    )
    signature = table.get("signature")
    if signature not in ("required", "optional", None):
        raise _problem(path, text, f"roles.{name}.signature", "use 'required' or 'optional'")
    return RolePolicy(principals, signature)


def _waivers(path: Path, text: str, table: Any) -> WaiverPolicy:
    if not isinstance(table, dict):
        raise _problem(path, text, "waivers", "expected a table")
    _unknown(path, text, "waivers.", table, _WAIVER_KEYS)
    max_days = table.get("max_days")
    if max_days is not None and (
        not isinstance(max_days, int) or isinstance(max_days, bool) or max_days < 1
    ):
        raise _problem(path, text, "waivers.max_days", "expected a whole number of days, >= 1")
    approvers = table.get("approver_roles", [])
    return WaiverPolicy(
        max_days, tuple(r.casefold() for r in _names(path, text, "approver_roles", approvers))
    )


def parse_policy(path: Path, text: str) -> Policy:
    """A policy from its TOML text; BadInputError names the file, the line and the fix."""
    data = parse_toml(
        path, text.encode("utf-8"), fix="Fix that line of the policy file; nothing was changed."
    )
    _unknown(path, text, "", data, _TOP_KEYS)
    distinct = data.get("distinct_signers", False)
    if not isinstance(distinct, bool):
        raise _problem(path, text, "distinct_signers", "expected true or false")
    roles_table = data.get("roles", {})
    if not isinstance(roles_table, dict):
        raise _problem(path, text, "roles", "expected a table of roles")
    allowed = data.get("allowed_signers")
    if allowed is not None and (not isinstance(allowed, str) or not allowed.strip()):
        raise _problem(path, text, "allowed_signers", "expected a path, relative to the policy")
    return Policy(
        path=path,
        required_roles=tuple(
            role.casefold()
            for role in _names(path, text, "required_roles", data.get("required_roles", []))
        ),
        distinct_signers=distinct,
        allowed_signers=(path.parent / allowed) if allowed else None,
        roles={
            name.casefold(): _role(path, text, name, table) for name, table in roles_table.items()
        },
        waivers=_waivers(path, text, data.get("waivers", {})),
    )


def load_policy(path: Path) -> Policy:
    data = read_regular(
        path,
        what="policy file",
        limit=MAX_POLICY_BYTES,
        missing=(
            f"--policy {path}: no such file. Pass the readiness-policy.toml committed beside the "
            "review, or leave --policy out to use the one beside the review (if any)."
        ),
    )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInputError(f"{path}: not UTF-8 (byte {error.start}); save it as UTF-8.") from None
    return parse_policy(path, text)


def find_policy(review_path: Path | None, explicit: Path | None = None) -> Policy:
    """``--policy FILE``, else ``readiness-policy.toml`` beside the review, else no policy."""
    if explicit is not None:
        return load_policy(explicit)
    if review_path is None:
        return NO_POLICY
    # Most reviews have no policy beside them: when the review is not a symlink, its folder's
    # entry answers that without resolving the whole path (``status`` asks once per review).
    if not os.path.islink(review_path) and not os.path.lexists(review_path.parent / POLICY_NAME):
        return NO_POLICY
    beside = review_path.resolve().parent / POLICY_NAME
    return load_policy(beside) if os.path.lexists(beside) else NO_POLICY
