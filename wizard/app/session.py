"""The review a front end works on: open, record, waive, sign, fold in a probe, and save.

The TUI, the prompts and the CLI's writing commands all go through ``ReviewSession``; every rule
lives in the core, and this class only adds the guarantees a front end needs: each change is
saved at once, and a save the store refuses (the file changed on disk, a credential, a full
disk) rolls the in-memory review back, so what the screen shows is what the file holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.app import decisions
from wizard.app.identity import principal_for
from wizard.core.errors import AnswerRejected, BadInputError, ReviewFileError
from wizard.core.evaluation.evaluate import Evaluation, evaluate
from wizard.core.review.answers import AnswerInput, record_answer, record_many
from wizard.core.review.model import Review
from wizard.core.review.observations import ProbeSnapshot
from wizard.core.review.policy import Policy, find_policy
from wizard.core.review.store import (
    LoadedReview,
    create_review,
    load_review,
    new_review,
    transact,
)

if TYPE_CHECKING:
    from wizard.core.review.model import SignOff
    from wizard.core.signoff.gate import SignOffSummary
    from wizard.core.signoff.signoffs import Decision


def as_inputs(assignments: Mapping[str, str]) -> list[AnswerInput]:
    """``--set`` answers (id -> raw text) as inputs for ``record_many``."""
    return [AnswerInput(question_id, raw) for question_id, raw in assignments.items()]


@dataclass
class ReviewSession:
    loaded: LoadedReview
    operator: str
    today: date
    python: str | None = None
    project: Path | None = None
    reopened: bool = False
    applied_overrides: list[str] = field(default_factory=list)
    policy_path: Path | None = None
    _policy: Policy | None = field(default=None, repr=False)
    _principal: str | None = field(default=None, repr=False)

    @property
    def review(self) -> Review:
        return self.loaded.review

    @property
    def path(self) -> Path:
        return self.loaded.path

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        operator: str,
        today: date,
        python: str | None = None,
        project: Path | None = None,
        overrides: Mapping[str, str] | None = None,
    ) -> ReviewSession:
        """Open an existing file; command-line answers win over the saved ones and are saved."""
        session = cls(load_review(path), operator, today, python, project, reopened=True)
        if overrides:
            session._commit(
                lambda review: session.applied_overrides.extend(
                    record_many(review, as_inputs(overrides), by=operator)
                )
            )
        return session

    @classmethod
    def start(cls, path: Path, review: Review, *, operator: str, today: date) -> ReviewSession:
        """Create the file from a review built by a setup form or prompt."""
        try:
            loaded = create_review(path, review)
        except OSError as error:
            raise ReviewFileError(
                f"{path}: cannot create the review file ({error.strerror or error}); check that "
                "the folder exists and is writable."
            ) from None
        return cls(loaded, operator, today)

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        title: str,
        host: str,
        engine: str,
        target_python: str | None,
        target_project: str | None,
        operator: str,
        today: date,
        overrides: Mapping[str, str] | None = None,
        load_project: bool = False,
    ) -> ReviewSession:
        """Create the file; invalid command-line answers stop it before anything is written."""
        review = new_review(title, host, engine, python=target_python, project=target_project)
        review.target.load_project = load_project or None
        applied = record_many(review, as_inputs(overrides), by=operator) if overrides else []
        try:
            loaded = create_review(path, review)
        except OSError as error:
            raise ReviewFileError(
                f"{path}: cannot create the review file ({error.strerror or error}); check that "
                "the folder exists and is writable."
            ) from None
        return cls(loaded, operator, today, applied_overrides=applied)

    def evaluate(self) -> Evaluation:
        return evaluate(self.review, self.review.probe, self.today, self.policy)

    @property
    def policy(self) -> Policy:
        """The sign-off policy beside the review (read once, when first needed)."""
        if self._policy is None:
            self._policy = find_policy(self.path, self.policy_path)
        return self._policy

    @property
    def principal(self) -> str | None:
        """Who decides, as an e-mail address: set by --principal, else found like git does."""
        if self._principal is None:
            self._principal = principal_for(None) or ""
        return self._principal or None

    @principal.setter
    def principal(self, value: str | None) -> None:
        self._principal = value or ""

    def commit(self, mutate: Callable[[Review], object], *, strict: bool = False) -> None:
        """Apply ``mutate`` and save, under the file's write lock.

        If another writer saved since this session read the file, the change is re-applied on
        their content (which this session then shows), or refused when both touched the same
        part; ``strict`` refuses any change of theirs. An unchanged review is not written (no
        git diff), and a refused save leaves the in-memory review as it was.
        """
        transact(self.loaded, mutate, strict=strict)

    _commit = commit

    def record_many(self, inputs: Iterable[AnswerInput]) -> list[str]:
        """Validate and save several answers all-or-nothing; returns the ids applied."""
        applied: list[str] = []
        batch = list(inputs)
        self._commit(lambda review: applied.extend(record_many(review, batch, by=self.operator)))
        return applied

    def answer(
        self, question_id: str, raw: object, *, note: str = "", evidence: Iterable[str] = ()
    ) -> None:
        """Validate, record and save one answer; raises AnswerRejected or ReviewFileError."""
        links = list(evidence)
        self._commit(
            lambda review: record_answer(
                review, question_id, raw, by=self.operator, note=note or None, evidence=links
            )
        )

    def waive(self, item_id: str, *, reason: str, owner: str, expires: date) -> None:
        decisions.waive(self, item_id, reason=reason, owner=owner, expires=expires)

    def approve_waiver(self, item_id: str, *, role: str) -> None:
        decisions.approve_waiver(self, item_id, role=role)

    def lift_waiver(self, item_id: str) -> bool:
        return decisions.lift_waiver(self, item_id)

    def sign_off(
        self,
        *,
        reviewer: str,
        role: str,
        decision: Decision,
        comment: str = "",
        key: Path | None = None,
        principal: str | None = None,
    ) -> SignOff:
        return decisions.sign_off(
            self,
            reviewer=reviewer,
            role=role,
            decision=decision,
            comment=comment,
            key=key,
            principal=principal,
        )

    def signoff_summary(self) -> SignOffSummary:
        return decisions.signoff_summary(self)

    def signoff_line(self) -> str:
        """``signed: 1 fresh, 1 stale`` for the checklist; empty for a review nobody signed."""
        if not self.review.signoffs:
            return ""  # the common case costs no content hash
        summary = self.signoff_summary()
        counts = {
            state: sum(e.state == state for e in summary.current) for state in ("fresh", "stale")
        }
        return "signed: " + ", ".join(f"{n} {state}" for state, n in counts.items() if n)

    def apply_probe(self, snapshot: ProbeSnapshot) -> None:
        """Fold a finished probe into the review (probe-provenance answers) and save."""
        from wizard.core.evidence.snapshot import apply_snapshot

        try:
            self._commit(lambda review: apply_snapshot(review, snapshot))
        except AnswerRejected as rejected:
            # A version string the core cannot parse is still evidence: keep the snapshot alone.
            self._commit(lambda review: setattr(review, "probe", snapshot))
            raise BadInputError(f"the probe result was kept, but {rejected.message}") from None

    def reload(self) -> None:
        """Read the file again (after another editor changed it); unsaved drafts stay in the UI."""
        self.loaded = load_review(self.path)
