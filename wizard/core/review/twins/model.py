"""The review's pydantic twin: what the operator answered, waived, probed and signed.

The wizard works with the dataclasses of ``wizard.core.review.model``; this model judges only
data their strict pass cannot vouch for (``wizard.core.plain``), so its messages and coercions
stay what they were.

Every structure forbids unknown keys and checks types, so a hand-edited review file fails with
the exact field path instead of being half-understood. Cross-checks against the knowledge base
(answer ids, answer shapes, waived items) run in ``Review``'s validator.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from wizard.core.kb.knowledge import AnswerValue, load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.review.model import shape_problem
from wizard.core.review.twins.observations import ProbeSnapshot, Strict
from wizard.core.safety.credentials import quoted

SCHEMA_VERSION = 1
_PROVENANCE = re.compile(r"^(attested|probe:[a-z][a-z0-9_-]*)$")


def utc_now() -> datetime:
    """Now, in UTC, to the second: finer precision would only add noise to git diffs."""
    return datetime.now(UTC).replace(microsecond=0)


class Answer(Strict):
    """One answer, with where it came from and what it assumed when it was given."""

    value: AnswerValue
    provenance: str = "attested"
    by: str
    at: datetime
    note: str | None = None
    evidence: list[str] = Field(default_factory=list)
    # The values of the answers this one depends on, at the moment it was given; a difference
    # from today's values marks the answer stale.
    basis: dict[str, AnswerValue] = Field(default_factory=dict)

    @field_validator("provenance")
    @classmethod
    def _known_provenance(cls, value: str) -> str:
        if not _PROVENANCE.match(value):
            raise ValueError("must be 'attested' or 'probe:<name>'")
        return value

    @property
    def is_probe(self) -> bool:
        return self.provenance.startswith("probe:")


class WaiverApproval(Strict):
    """Someone other than the waiver's author accepting it, in a role the policy names."""

    by: str = Field(min_length=1)
    role: str = Field(min_length=1)
    at: datetime


class Waiver(Strict):
    """An item accepted as it is, by a named owner, until a date: a decision, not a switch.

    ``status`` and ``covers`` record what was accepted (the item's status and the findings or
    checks behind it when the waiver was made): a worse status or a new finding is not covered.
    Waivers written before these were recorded cover what they always did.
    """

    item: str
    reason: str = Field(min_length=3)
    owner: str = Field(min_length=1)
    expires: date
    created: date | None = None
    author: str | None = None
    status: Literal["warn", "fail", "open"] | None = None
    covers: list[str] = Field(default_factory=list)
    approvals: list[WaiverApproval] = Field(default_factory=list)

    def active_on(self, today: date) -> bool:
        return self.expires >= today


class SignOff(Strict):
    """A reviewer's decision, bound to the content hash of what they reviewed.

    Sign-offs form an append-only chain: ``previous`` is the link hash of the sign-off before
    this one ("" for the first), so removing, re-ordering or replaying one breaks the chain.
    ``principal`` is who signs, in the sense of OpenSSH allowed-signers files (an e-mail
    address); ``reviewer`` is a display name. Sign-offs written before the chain and principals
    existed have neither and are reported as such.
    """

    reviewer: str = Field(min_length=1)
    role: str = Field(min_length=1)
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
    parts: dict[str, str] = Field(default_factory=dict)


class Target(Strict):
    """Where the pipeline runs: the interpreter to probe and the project folder to scan."""

    python: str | None = None
    project: str | None = None
    # The operator agreed that probes load the project with the host's own loader, which runs
    # the project's code (unset: never; the CLI's --load-project asks for one run).
    load_project: bool | None = None


class Review(Strict):
    schema_version: int = SCHEMA_VERSION
    title: str = Field(min_length=1, max_length=200)
    # Checked against the host and engine registries (kb/hosts.toml, kb/engines.toml).
    host: str
    engine: str
    # The team that owns the pipeline (what the portfolio groups by). Optional, so files written
    # before owners existed still load; bookkeeping like ``target``, so not part of what is signed.
    owner: str | None = Field(default=None, min_length=1, max_length=100)
    created: datetime
    updated: datetime
    target: Target = Field(default_factory=Target)
    answers: dict[str, Answer] = Field(default_factory=dict)
    waivers: list[Waiver] = Field(default_factory=list)
    probe: ProbeSnapshot | None = None
    signoffs: list[SignOff] = Field(default_factory=list)

    @field_validator("host")
    @classmethod
    def _known_host(cls, value: str) -> str:
        if value not in host_ids():
            known = ", ".join(host_ids())
            raise ValueError(f"unknown host {quoted(value)}; expected one of {known}")
        return value

    @field_validator("engine")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if value not in engine_ids():
            known = ", ".join(engine_ids())
            raise ValueError(f"unknown engine {quoted(value)}; expected one of {known}")
        return value

    @model_validator(mode="after")
    def _matches_knowledge_base(self) -> Review:
        kb = load_knowledge()
        item_ids = {item.id for item in kb.items}
        for question_id, answer in self.answers.items():
            question = kb.question(question_id)
            if question is None:
                raise ValueError(f"answers.{question_id}: no such question in this wizard version")
            problem = shape_problem(question.type, answer.value)
            if problem:
                raise ValueError(f"answers.{question_id}.value: {problem}")
        for index, waiver in enumerate(self.waivers):
            if waiver.item not in item_ids:
                raise ValueError(
                    f"waivers.{index}.item: unknown item {quoted(waiver.item)}; "
                    f"expected one of {', '.join(sorted(item_ids))}"
                )
        return self
