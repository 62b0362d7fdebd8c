"""One reason pushing a checklist item or layer towards a status: the unit rules produce."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from wizard.core.records import Record, record

if TYPE_CHECKING:
    from wizard.core.review.model import Review

ContributionStatus = Literal["pass", "warn", "fail", "open"]


@record(frozen=True, kw_only=False)
class Contribution(Record):
    """One reason pushing an item or layer towards a status."""

    status: ContributionStatus
    reason: str
    doc: str
    source: str | None = None
    provenance: str = "attested"
    # What the contribution is about, stable across runs and line moves (a credential's
    # fingerprint, a check's name, a question id): a waiver records the keys it accepted.
    key: str | None = None

    @property
    def finding(self) -> str:
        return self.key or self.source or self.reason


Contributions = dict[str, list[Contribution]]


def add(result: Contributions, target: str, *parts: Contribution) -> None:
    result.setdefault(target, []).extend(parts)


def provenance_of(review: Review, question_id: str) -> str:
    answer = review.answers.get(question_id)
    return answer.provenance if answer else "attested"
