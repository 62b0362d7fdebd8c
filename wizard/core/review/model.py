"""The review: what the operator answered, waived, probed and signed, as plain dataclasses.

Every structure forbids unknown keys and checks types, so a hand-edited review file fails with
the exact field path instead of being half-understood: reading goes through
``wizard.core.plain``, whose strict pass accepts only exactly-typed data and hands everything
else to the pydantic twins in ``wizard.core.review.twins.model`` (which name the field and the
fix). Cross-checks against the knowledge base (answer ids, answer shapes, waived items) are
``Review._strict_ok`` here and ``Review``'s validator there.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Literal

from wizard.core.kb.knowledge import AnswerValue, load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.plain import Plain, bounded
from wizard.core.records import field, record
from wizard.core.review.observations import ProbeSnapshot

SCHEMA_VERSION = 1
PROVENANCE = re.compile(r"^(attested|probe:[a-z][a-z0-9_-]*)$")


class Stored(Plain):
    __twin_module__ = "wizard.core.review.twins.model"


def utc_now() -> datetime:
    """Now, in UTC, to the second: finer precision would only add noise to git diffs."""
    return datetime.now(UTC).replace(microsecond=0)


@record()
class Answer(Stored):
    """One answer, with where it came from and what it assumed when it was given."""

    value: AnswerValue
    provenance: str = "attested"
    by: str
    at: datetime
    note: str | None = None
    evidence: list[str] = field(default_factory=list)
    # The values of the answers this one depends on, at the moment it was given; a difference
    # from today's values marks the answer stale.
    basis: dict[str, AnswerValue] = field(default_factory=dict)

    def _strict_ok(self) -> bool:
        return bool(PROVENANCE.match(self.provenance))

    @property
    def is_probe(self) -> bool:
        return self.provenance.startswith("probe:")


@record()
class WaiverApproval(Stored):
    """Someone other than the waiver's author accepting it, in a role the policy names."""

    by: str = bounded(min_length=1)
    role: str = bounded(min_length=1)
    at: datetime


@record()
class Waiver(Stored):
    """An item accepted as it is, by a named owner, until a date: a decision, not a switch.

    ``status`` and ``covers`` record what was accepted (the item's status and the findings or
    checks behind it when the waiver was made): a worse status or a new finding is not covered.
    Waivers written before these were recorded cover what they always did.
    """

    item: str
    reason: str = bounded(min_length=3)
    owner: str = bounded(min_length=1)
    expires: date
    created: date | None = None
    author: str | None = None
    status: Literal["warn", "fail", "open"] | None = None
    covers: list[str] = field(default_factory=list)
    approvals: list[WaiverApproval] = field(default_factory=list)

    def active_on(self, today: date) -> bool:
        return self.expires >= today


@record()
class SignOff(Stored):
    """A reviewer's decision, bound to the content hash of what they reviewed.

    Sign-offs form an append-only chain: ``previous`` is the link hash of the sign-off before
    this one ("" for the first), so removing, re-ordering or replaying one breaks the chain.
    ``principal`` is who signs, in the sense of OpenSSH allowed-signers files (an e-mail
    address); ``reviewer`` is a display name. Sign-offs written before the chain and principals
    existed have neither and are reported as such.
    """

    reviewer: str = bounded(min_length=1)
    role: str = bounded(min_length=1)
    decision: Literal["approve", "reject"]
    at: datetime
    content_hash: str
    comment: str | None = None
    signature: str | None = None
    signer: str | None = None
    # Whether the review evaluated as ready when it was signed: approving a not-ready review is
    # allowed (a reviewer may accept known gaps), but the record must say so.
    readiness: Literal["ready", "not-ready"] | None = None
    principal: str | None = None
    previous: str | None = None
    hash_version: int | None = None  # None: version 1, from before the chain
    # A digest per part of the signed content, so a stale sign-off can say which part moved.
    parts: dict[str, str] = field(default_factory=dict)


@record()
class Target(Stored):
    """Where the pipeline runs: the interpreter to probe and the project folder to scan."""

    python: str | None = None
    project: str | None = None
    # The operator agreed that probes load the project with the host's own loader, which runs
    # the project's code (unset: never; the CLI's --load-project asks for one run).
    load_project: bool | None = None


@record()
class Review(Stored):
    schema_version: int = SCHEMA_VERSION
    title: str = bounded(min_length=1, max_length=200)
    # Checked against the host and engine registries (kb/hosts.toml, kb/engines.toml).
    host: str
    engine: str
    # The team that owns the pipeline (what the portfolio groups by). Optional, so files written
    # before owners existed still load; bookkeeping like ``target``, so not part of what is signed.
    owner: str | None = bounded(default=None, min_length=1, max_length=100)
    created: datetime
    updated: datetime
    target: Target = field(default_factory=Target)
    answers: dict[str, Answer] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    probe: ProbeSnapshot | None = None
    signoffs: list[SignOff] = field(default_factory=list)

    def _strict_ok(self) -> bool:
        # The twin's validators, as yes or no: a no lets the twin word the message.
        if self.host not in host_ids() or self.engine not in engine_ids():
            return False
        kb = load_knowledge()
        for question_id, answer in self.answers.items():
            question = kb.question(question_id)
            if question is None or shape_problem(question.type, answer.value):
                return False
        item_ids = {item.id for item in kb.items}
        return all(waiver.item in item_ids for waiver in self.waivers)

    def answer_value(self, question_id: str) -> AnswerValue | None:
        """The current value, or None when unanswered, not applicable or stale."""
        from wizard.core.review.conditions import current_value

        return current_value(self, question_id)


_SHAPES: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "multi": (list,),
    "number": (int, float),
    "choice": (str,),
    "text": (str,),
    "path": (str,),
    "version": (str,),
}


def shape_problem(kind: str, value: object) -> str | None:
    """Why a stored value cannot belong to a question of this type, or None if it can."""
    if value == "":
        return None  # an explicit "none" for optional questions
    if kind == "number" and isinstance(value, bool):
        return "expected a number, got true/false"
    if not isinstance(value, _SHAPES[kind]):
        return f"expected a {kind} answer, got {type(value).__name__}"
    return None
