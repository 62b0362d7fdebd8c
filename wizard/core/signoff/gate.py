"""The one sign-off gate: which sign-offs hold, which are stale or history, and whether a
review's sign-offs satisfy the policy. ``verify``, ``check``, ``status``, the exports and the TUI
all call ``judge_signoffs`` and nothing else, so they cannot disagree.

Per sign-off, in chain order: **superseded** (history) when the same principal signed the same
role again later; else **invalid** (the signature does not hold), **stale** (the content changed
since), **not allowed** (the policy does not let this principal sign this role, or the role
needs a verified signature), or it **holds**. The requirements are met when the chain is intact,
every required role has a holding approval (by distinct principals when the policy says so) and
no holding sign-off rejects the review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from wizard.core.records import Record, field, record
from wizard.core.review.model import Review, SignOff
from wizard.core.review.policy import NO_POLICY, Policy
from wizard.core.signoff.content_hash import short_hash
from wizard.core.signoff.ledger import chain_problems, history_problems
from wizard.core.signoff.requirements import Case, requirement_cases
from wizard.core.signoff.signoffs import (
    PAST,
    Freshness,
    SignatureState,
    changed_since,
    check_signature,
    freshness,
    iso_utc,
)

Standing = Literal["holds", "stale", "superseded", "invalid", "not-allowed"]
SummaryState = Literal["unsigned", "approved", "rejected", "stale", "incomplete", "invalid"]


@record(kw_only=False)
class SignOffStatus(Record):
    """One sign-off with its freshness, its signature's state and where it stands."""

    number: int
    signoff: SignOff
    state: Freshness
    signature: SignatureState
    signature_detail: str = ""
    changed_since: list[str] = field(default_factory=list)
    standing: Standing = "holds"
    problem: str | None = None

    @property
    def label(self) -> str:
        return f"#{self.number} {self.signoff.reviewer} ({self.signoff.role})"

    @property
    def principal(self) -> str:
        return (self.signoff.principal or self.signoff.reviewer).casefold()

    @property
    def counts(self) -> bool:
        return self.standing == "holds"

    def describe(self, current: str) -> str:
        signoff = self.signoff
        who = f" as {signoff.principal}" if signoff.principal else ""
        words = f"{self.label}{who} {PAST[signoff.decision]} at {iso_utc(signoff.at)}"
        if signoff.readiness == "not-ready" and signoff.decision == "approve":
            words += " (approved while NOT ready)"
        if self.state == "fresh":
            words += f": fresh, content {short_hash(current)}"
        else:
            words += f": STALE, signed {short_hash(signoff.content_hash)}"
            if self.changed_since:
                words += " (" + "; ".join(self.changed_since) + ")"
        signature = {
            "unsigned": "unsigned attestation (no SSH signature)",
            "unchecked": f"SSH-signed by {signoff.signer or 'unknown key'} (not checked here)",
        }.get(self.signature, self.signature_detail)
        standing = {
            "holds": "",
            "superseded": "; superseded by a later sign-off of the same person and role",
            "stale": "",
            "invalid": "",
            "not-allowed": f"; does not count: {self.problem}",
        }[self.standing]
        return f"{words}; {signature}{standing}"


@record(kw_only=False)
class SignOffSummary(Record):
    """Every sign-off judged against the current content, the chain and the policy."""

    content_hash: str
    entries: list[SignOffStatus]
    policy: Policy = NO_POLICY
    required_roles: tuple[str, ...] = ()
    chain: list[str] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [problem for _, problem in self.cases if problem]

    @property
    def satisfied(self) -> bool:
        return not self.problems

    @property
    def current(self) -> list[SignOffStatus]:
        return [entry for entry in self.entries if entry.standing != "superseded"]

    @property
    def stale(self) -> list[SignOffStatus]:
        return [entry for entry in self.current if entry.state == "stale"]

    @property
    def state(self) -> SummaryState:
        if not self.entries:
            return "unsigned"
        if self.chain or any(entry.standing == "invalid" for entry in self.current):
            return "invalid"
        if self.satisfied:
            return "approved"
        if any(e.counts and e.signoff.decision == "reject" for e in self.current):
            return "rejected"
        return "stale" if self.stale else "incomplete"

    def one_line(self) -> str:
        if not self.entries:
            return "unsigned"
        marks = []
        for entry in self.current:
            mark = {"holds": PAST[entry.signoff.decision], "not-allowed": "not allowed"}.get(
                entry.standing, entry.standing
            )
            marks.append(f"{entry.signoff.role}: {mark}")
        return f"{self.state} ({', '.join(marks)})"

    def gate_dict(self, drift: list[str] | None = None) -> dict[str, Any]:
        """The gate as plain data (``check --require-signoff``, exports); ``drift`` (the
        environment changed since the signed probe) fails it too."""
        cases = [{"name": name, "problem": problem} for name, problem in self.cases]
        if drift:
            cases.append(
                {
                    "name": "probe drift",
                    "problem": "the environment changed since the signed probe: "
                    + "; ".join(drift),
                }
            )
        problems = [case["problem"] for case in cases if case["problem"]]
        return {
            "required_roles": list(self.required_roles),
            "policy": str(self.policy.path) if self.policy.path else None,
            "satisfied": self.satisfied,
            "passed": not problems,
            "problems": problems,
            "cases": cases,
        }


def _standing(
    entry: SignOffStatus, policy: Policy, signers_known: bool
) -> tuple[Standing, str | None]:
    role = policy.role(entry.signoff.role)
    if entry.signature == "invalid":
        return "invalid", f"its signature does not hold ({entry.signature_detail})"
    if entry.state == "stale":
        return "stale", "the review changed after it was given"
    if not role.admits(entry.signoff.principal):
        allowed = ", ".join(role.principals or ())
        who = entry.signoff.principal or "a sign-off without a principal"
        return (
            "not-allowed",
            f"{who} may not sign as {entry.signoff.role} (the policy allows {allowed})",
        )
    if role.needs_signature(signers_known) and entry.signature != "authenticated":
        reason = (
            "it is an unsigned attestation, not signed by a key in the allowed-signers file"
            if entry.signature == "unsigned"
            else "no allowed-signers file vouches for its key (policy allowed_signers or "
            "--allowed-signers)"
        )
        return "not-allowed", f"role {entry.signoff.role} needs a verified SSH signature; {reason}"
    return "holds", None


def judge_signoffs(
    review: Review,
    policy: Policy = NO_POLICY,
    *,
    required_roles: list[str] | None = None,
    allowed_signers: Path | None = None,
    history: list[tuple[str, list[str]]] | None = None,
    check_signatures: bool = True,
) -> SignOffSummary:
    """Judge every sign-off and the requirements. ``required_roles`` (from ``--require-signoff``)
    override the policy's; an empty list asks every role that signed for an approval."""
    keys = allowed_signers or policy.allowed_signers
    hashes: dict[int, str] = {}
    entries: list[SignOffStatus] = []
    for number, signoff in enumerate(review.signoffs, start=1):
        state = freshness(review, signoff, hashes)
        if signoff.signature is None:
            signature: SignatureState = "unsigned"
            detail = "unsigned attestation (no SSH signature)"
        elif check_signatures:
            signature, detail = check_signature(signoff, allowed_signers=keys)
        else:
            signature, detail = "unchecked", f"SSH-signed by {signoff.signer or 'unknown key'}"
        hints = changed_since(review, signoff) if state == "stale" else []
        entries.append(SignOffStatus(number, signoff, state, signature, detail, hints))
    later: set[tuple[str, str]] = set()
    for entry in reversed(entries):
        key = (entry.signoff.role.casefold(), entry.principal)
        if key in later:
            entry.standing = "superseded"
        else:
            later.add(key)
            entry.standing, entry.problem = _standing(entry, policy, keys is not None)
    roles = tuple(r.casefold() for r in required_roles) if required_roles else policy.required_roles
    chain = chain_problems(review.signoffs) + history_problems(review.signoffs, history or [])
    summary = SignOffSummary(
        content_hash=review_hash(review, hashes),
        entries=entries,
        policy=policy,
        required_roles=roles,
        chain=chain,
    )
    summary.cases = [("sign-off log", f"sign-off log: {problem}") for problem in chain]
    summary.cases += requirement_cases(summary.current, roles, distinct=policy.distinct_signers)
    summary.notes.append(policy.describe())
    if keys is None and any(e.signature == "intact" for e in entries):
        summary.notes.append(
            "signatures were checked for integrity only; an allowed-signers file "
            "(--allowed-signers, or allowed_signers in the policy) authenticates who signed"
        )
    if history is None and review.signoffs:
        summary.notes.append(
            "the review is not in a git work tree, so a sign-off removed from the end of the "
            "log cannot be detected"
        )
    return summary


def review_hash(review: Review, hashes: dict[int, str]) -> str:
    from wizard.core.signoff.content_hash import HASH_VERSION, content_hash

    if HASH_VERSION not in hashes:
        hashes[HASH_VERSION] = content_hash(review)
    return hashes[HASH_VERSION]


def stale_signoffs(review: Review) -> list[SignOffStatus]:
    """The current sign-offs the content no longer matches (for a re-open banner)."""
    return judge_signoffs(review, check_signatures=False).stale
