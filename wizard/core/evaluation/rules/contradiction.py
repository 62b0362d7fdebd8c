"""An attestation the evidence contradicts cannot carry its item.

Which evidence bears on which question is data (``kb/evidence.toml``, read through
``evaluation.bearing``); this rule is the one place that turns a contradiction into a reason.
It reports to the question's first item, so a credential the scan found while "none committed"
was attested, a timeout the project sets while "nothing" was attested, or a version other than
the probed one, each shows once, wherever the evaluation is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.evaluation.bearing import question_evidence
from wizard.core.evaluation.contribution import Contribution, Contributions, add
from wizard.core.kb.bearing import bearings
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.review.conditions import applies
from wizard.core.review.observations import ProbeSnapshot

if TYPE_CHECKING:
    from wizard.core.review.model import Review


def contradictions(review: Review, probe: ProbeSnapshot | None) -> Contributions:
    result: Contributions = {}
    if probe is None:
        return result
    kb = load_knowledge()
    for question_id in dict.fromkeys(entry.question for entry in bearings()):
        answer = review.answers.get(question_id)
        question = kb.question(question_id)
        if answer is None or answer.is_probe or question is None or not question.items:
            continue
        if not applies(review, question):
            continue
        conflict = question_evidence(review, question_id, probe).conflict
        if conflict is None:
            continue
        add(
            result,
            question.items[0],
            Contribution(
                "fail",
                f"{conflict}; the attestation alone cannot pass this item: correct the answer "
                "or the project, then probe again.",
                question.render_doc(review.host, review.engine),
                question_id,
                "attested",
                key=f"contradiction:{question_id}",
            ),
        )
    return result
