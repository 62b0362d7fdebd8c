"""Messages widgets and workers post upwards; the review screen is the one that acts on them."""

from __future__ import annotations

from textual.message import Message

from wizard.core.review.observations import ProbeSnapshot


class AnswerSubmitted(Message):
    """The operator pressed Enter on an answer; nothing is validated or saved yet."""

    def __init__(self, question_id: str, raw: object, note: str, evidence: list[str]) -> None:
        super().__init__()
        self.question_id = question_id
        self.raw = raw
        self.note = note
        self.evidence = evidence


class StepChosen(Message):
    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id


class ItemChosen(Message):
    def __init__(self, item_id: str) -> None:
        super().__init__()
        self.item_id = item_id


class ProbeProgress(Message):
    """Posted from the probe worker thread (post_message is thread-safe)."""

    def __init__(self, stage: int, label: str) -> None:
        super().__init__()
        self.stage = stage
        self.label = label


class ProbeFinished(Message):
    def __init__(self, snapshot: ProbeSnapshot) -> None:
        super().__init__()
        self.snapshot = snapshot
