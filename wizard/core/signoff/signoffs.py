"""Sign-offs: make one, tell whether it still holds, and decide whether a gate is satisfied.

A sign-off binds to ``content_hash(review)`` (see ``wizard.core.signoff.content_hash``). Any later
change to that content makes it **stale**. With an SSH key the sign-off also carries a signature
over its *statement* (the hash plus who decided what, when), so the decision itself cannot be
flipped without breaking the signature.

Front ends (CLI, TUI) call ``create_signoff``, ``summarise_signoffs`` and ``stale_signoffs``;
nothing here imports a front end.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from wizard.core.errors import BadInputError
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.review.model import Review, SignOff, utc_now
from wizard.core.safety.credentials import looks_like_credential
from wizard.core.signoff.content_hash import content_hash, iso_utc, short_hash

Decision = Literal["approve", "reject"]
Freshness = Literal["fresh", "stale"]
# unsigned: an attestation without SSH signature; unchecked: signed, signature not examined;
# intact: ssh-keygen accepts it, signer not authenticated; authenticated: an allowed-signers
# file vouches for the key; invalid: it does not hold.
SignatureState = Literal["unsigned", "unchecked", "intact", "authenticated", "invalid"]
SummaryState = Literal["unsigned", "approved", "rejected", "stale"]
STATEMENT_HEADER = "truthound-readiness sign-off v1"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COMMENT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_NAME = 200
PAST: dict[str, str] = {"approve": "approved", "reject": "rejected"}
MAX_COMMENT = 2000


def statement(signoff: SignOff) -> bytes:
    """The exact bytes an SSH signature covers: the content hash and the decision around it."""
    fields = (
        ("content", signoff.content_hash),
        ("reviewer", signoff.reviewer),
        ("role", signoff.role),
        ("decision", signoff.decision),
        ("readiness", signoff.readiness),
        ("at", iso_utc(signoff.at)),
        ("comment", signoff.comment),
    )
    lines = [STATEMENT_HEADER] + [
        f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def signoff_state(review: Review, signoff: SignOff, *, current: str | None = None) -> Freshness:
    """``fresh`` when the review's content is what was signed, else ``stale``."""
    return "fresh" if signoff.content_hash == (current or content_hash(review)) else "stale"


@dataclass
class SignOffStatus:
    """One sign-off with its freshness and (when examined) its signature state."""

    number: int
    signoff: SignOff
    state: Freshness
    signature: SignatureState
    signature_detail: str = ""
    changed_since: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"#{self.number} {self.signoff.reviewer} ({self.signoff.role})"

    @property
    def counts(self) -> bool:
        """Whether this sign-off can satisfy a gate at all: fresh, with no broken signature."""
        return self.state == "fresh" and self.signature != "invalid"

    def describe(self, current: str) -> str:
        signoff = self.signoff
        words = f"{self.label} {PAST[signoff.decision]} at {iso_utc(signoff.at)}"
        if signoff.readiness == "not-ready" and signoff.decision == "approve":
            words += " (approved while NOT ready)"
        if self.state == "fresh":
            words += f": fresh, content {short_hash(current)}"
        else:
            words += (
                f": STALE, signed {short_hash(signoff.content_hash)} but the content is now "
                f"{short_hash(current)}"
            )
            if self.changed_since:
                words += " (changed after signing: " + "; ".join(self.changed_since) + ")"
        signature = {
            "unsigned": "unsigned attestation (no SSH signature)",
            "unchecked": f"SSH-signed by {signoff.signer or 'unknown key'} (not checked here)",
        }.get(self.signature, self.signature_detail)
        return f"{words}; {signature}"


@dataclass
class SignOffSummary:
    """All sign-offs of a review against its current content hash."""

    content_hash: str
    entries: list[SignOffStatus]

    def latest_by_role(self) -> dict[str, SignOffStatus]:
        latest: dict[str, SignOffStatus] = {}
        for entry in self.entries:
            latest[entry.signoff.role.casefold()] = entry
        return latest

    @property
    def stale(self) -> list[SignOffStatus]:
        return [entry for entry in self.entries if entry.state == "stale"]

    @property
    def state(self) -> SummaryState:
        """One word for a portfolio line or a banner, judged on each role's latest sign-off."""
        latest = list(self.latest_by_role().values())
        if not latest:
            return "unsigned"
        if any(entry.counts and entry.signoff.decision == "reject" for entry in latest):
            return "rejected"
        if all(entry.counts for entry in latest):
            return "approved"
        return "stale"

    def one_line(self) -> str:
        latest = self.latest_by_role()
        if not latest:
            return "unsigned"
        parts = []
        for entry in latest.values():
            if entry.signature == "invalid":
                mark = "bad signature"
            elif entry.state == "stale":
                mark = "stale"
            else:
                mark = PAST[entry.signoff.decision]
            parts.append(f"{entry.signoff.role}: {mark}")
        return f"{self.state} ({', '.join(parts)})"


def changed_since(review: Review, signoff: SignOff) -> list[str]:
    """Timestamped content newer than the sign-off: a hint of what made it stale.

    Only a hint: a hand edit or a removed answer leaves no timestamp behind.
    """
    hints: list[str] = []
    newer = [key for key, answer in review.answers.items() if answer.at > signoff.at]
    if newer:
        hints.append("answers recorded later: " + ", ".join(sorted(newer)))
    if review.probe is not None and review.probe.taken_at > signoff.at:
        hints.append(f"probe re-run at {iso_utc(review.probe.taken_at)}")
    waived = [w.item for w in review.waivers if w.created and w.created > signoff.at.date()]
    if waived:
        hints.append("waivers added later: " + ", ".join(sorted(waived)))
    return hints


def check_signature(
    signoff: SignOff, *, allowed_signers: Path | None
) -> tuple[SignatureState, str]:
    """Examine a sign-off's SSH signature with ssh-keygen."""
    from wizard.core.signoff import sshsig

    if signoff.signature is None:
        return "unsigned", "unsigned attestation (no SSH signature)"
    result = sshsig.verify(statement(signoff), signoff.signature, allowed_signers=allowed_signers)
    if not result.valid:
        return "invalid", result.detail
    if signoff.signer and result.fingerprint and result.fingerprint != signoff.signer:
        return "invalid", (
            f"signature made by key {result.fingerprint}, but the sign-off names {signoff.signer}"
        )
    return ("authenticated" if result.authenticated else "intact"), result.detail


def summarise_signoffs(
    review: Review,
    *,
    current: str | None = None,
    check_signatures: bool = False,
    allowed_signers: Path | None = None,
) -> SignOffSummary:
    """Freshness of every sign-off; with ``check_signatures``, ssh-keygen examines signatures."""
    current = current or content_hash(review)
    entries: list[SignOffStatus] = []
    for number, signoff in enumerate(review.signoffs, start=1):
        state = signoff_state(review, signoff, current=current)
        if signoff.signature is None:
            signature: SignatureState = "unsigned"
            detail = "unsigned attestation (no SSH signature)"
        elif check_signatures:
            signature, detail = check_signature(signoff, allowed_signers=allowed_signers)
        else:
            signature, detail = "unchecked", f"SSH-signed by {signoff.signer or 'unknown key'}"
        hints = changed_since(review, signoff) if state == "stale" else []
        entries.append(SignOffStatus(number, signoff, state, signature, detail, hints))
    return SignOffSummary(current, entries)


def stale_signoffs(review: Review) -> list[SignOffStatus]:
    """The sign-offs the current content no longer matches (for a re-open banner)."""
    return summarise_signoffs(review).stale


def _clean_name(field_name: str, value: str) -> str:
    text = value.strip()
    if not text:
        raise BadInputError(f"--{field_name}: must not be empty.")
    if _CONTROL.search(text) or len(text) > MAX_NAME:
        raise BadInputError(
            f"--{field_name}: use one line of at most {MAX_NAME} characters, without control "
            "characters."
        )
    return text


def _clean_comment(comment: str | None) -> str | None:
    if comment is None or not comment.strip():
        return None
    text = comment.strip()
    if _COMMENT_CONTROL.search(text) or len(text) > MAX_COMMENT:
        raise BadInputError(
            f"--comment: keep it under {MAX_COMMENT} characters, without control characters."
        )
    if looks_like_credential(text):
        raise BadInputError(
            "--comment: it looks like it contains a credential; nothing was signed. Describe "
            "the secret by name instead."
        )
    return text


def create_signoff(
    review: Review,
    *,
    reviewer: str,
    role: str,
    decision: Decision,
    comment: str | None = None,
    key: Path | None = None,
    today: date | None = None,
    at: datetime | None = None,
) -> SignOff:
    """Sign the review as it is now (in memory; the caller saves) and return the sign-off.

    Refuses a review that does not validate. Approving a review that is not ready is allowed,
    and recorded in ``readiness``.
    """
    if decision not in ("approve", "reject"):
        raise BadInputError(f"--decision {decision!r}: use approve or reject.")
    try:
        Review.model_validate(review.model_dump())
    except ValidationError as error:
        raise BadInputError(
            f"the review does not validate, so it cannot be signed: {error.errors()[0]['msg']}"
        ) from None
    moment = at or utc_now()
    evaluation = evaluate(review, review.probe, today or moment.date())
    signoff = SignOff(
        reviewer=_clean_name("name", reviewer),
        role=_clean_name("role", role).lower(),
        decision=decision,
        at=moment,
        content_hash=content_hash(review),
        comment=_clean_comment(comment),
        readiness="ready" if evaluation.ready else "not-ready",
    )
    if key is not None:
        from wizard.core.signoff import sshsig

        signoff.signer = sshsig.key_fingerprint(key)
        signoff.signature = sshsig.sign(statement(signoff), key)
    review.signoffs.append(signoff)
    review.updated = moment
    return signoff
