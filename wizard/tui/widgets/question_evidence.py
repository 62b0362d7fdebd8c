"""What the probe and the scan found for the current question, shown before it is answered.

The facts come from the core (``evaluation.bearing``): file:line, masked value, provenance, the
answer they imply (which the answer widget preselects) and, once an attested answer contradicts
them, the conflict the evaluation also reports. On a wide terminal the panel sits beside the
question (evidence.tcss), elsewhere between the question and its answer.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from wizard.core.evaluation.bearing import QuestionEvidence
from wizard.core.review.values import format_value


def evidence_content(found: QuestionEvidence) -> Content:
    lines = [
        Content.assemble(
            "• ",
            Content(fact.text),
            Content.styled(f"  {fact.provenance}", "$foreground-muted"),
        )
        for fact in found.facts
    ]
    if found.conflict is not None:
        lines.append(Content.styled(f"! {found.conflict}", "$text-error"))
    elif found.implied is not None:
        lines.append(
            Content.assemble(
                "Implied answer: ",
                Content.styled(format_value(found.implied), "bold"),
                Content.styled(" (preselected)", "$foreground-muted"),
            )
        )
    return Content("\n").join(lines)


class EvidencePanel(Static):
    """Hidden when nothing bears on the question."""

    evidence: reactive[QuestionEvidence | None] = reactive(None, always_update=True)

    def on_mount(self) -> None:
        self.border_title = "Evidence found"

    def watch_evidence(self, found: QuestionEvidence | None) -> None:
        shown = found is not None and found.shown
        self.display = shown
        self.set_class(found is not None and found.conflict is not None, "-conflict")
        self.update(evidence_content(found) if found is not None and shown else "")
