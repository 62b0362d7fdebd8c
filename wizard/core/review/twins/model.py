"""The review's pydantic twin, made from the records of ``wizard.core.review.model``.

The wizard works with those records; the twins judge only data their strict pass cannot vouch
for (``wizard.core.plain``), so that messages and coercions stay what they were. The fields come
from the records (``wizard.core.plain_twins``); written here is only what the twins add: the
validators that word each refusal, which the records' ``_strict_ok`` answer as yes or no.
"""

from __future__ import annotations

from typing import Self

from pydantic import ValidationInfo, field_validator, model_validator

from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.registry import engine_ids, host_ids
from wizard.core.plain_twins import Open, as_record, build_twins
from wizard.core.review import model
from wizard.core.review.twins import observations  # noqa: F401 (the snapshot's twins first)
from wizard.core.safety.credentials import quoted


class _AnswerRules(Open):
    # The fields are the generated subclass's, hence ``check_fields=False``.
    @field_validator("provenance", check_fields=False)
    @classmethod
    def _known_provenance(cls, value: str) -> str:
        if not model.PROVENANCE.match(value):
            raise ValueError("must be 'attested' or 'probe:<name>'")
        return value


class _ReviewRules(Open):
    @field_validator("host", "engine", check_fields=False)
    @classmethod
    def _registered(cls, value: str, info: ValidationInfo) -> str:
        known = (host_ids if info.field_name == "host" else engine_ids)()
        if value not in known:
            listed = ", ".join(known)
            raise ValueError(f"unknown {info.field_name} {quoted(value)}; expected one of {listed}")
        return value

    @model_validator(mode="after")
    def _matches_knowledge_base(self) -> Self:
        # Read through the record, whose fields the type checker knows.
        review: model.Review = as_record(self)
        kb = load_knowledge()
        item_ids = {item.id for item in kb.items}
        for question_id, answer in review.answers.items():
            question = kb.question(question_id)
            if question is None:
                raise ValueError(f"answers.{question_id}: no such question in this wizard version")
            problem = model.shape_problem(question.type, answer.value)
            if problem:
                raise ValueError(f"answers.{question_id}.value: {problem}")
        for index, waiver in enumerate(review.waivers):
            if waiver.item not in item_ids:
                raise ValueError(
                    f"waivers.{index}.item: unknown item {quoted(waiver.item)}; "
                    f"expected one of {', '.join(sorted(item_ids))}"
                )
        return self


globals().update(build_twins(__name__, {"Answer": _AnswerRules, "Review": _ReviewRules}))
