"""The one message every answer widget posts when the operator submits it."""

from __future__ import annotations

from textual import events
from textual.message import Message


class AnswerReady(Message):
    """The answer widget's value is ready to be submitted with the note and evidence."""


class KeyHold:
    """Keys typed after an answer is submitted and before the next question has the focus.

    Submitting travels as messages (widget, view, screen) while the app keeps forwarding keys to
    the widget that still has the focus, so a fast typist's first keys for the next question
    (often a question the answer has just inserted) would reach the old widget and be lost, or
    answer it twice. The answer widgets hold such keys here; the view replays them to the next
    question once it has the focus.
    """

    def __init__(self) -> None:
        self.active = False
        self.keys: list[events.Key] = []

    def release(self) -> list[events.Key]:
        self.active, keys, self.keys = False, self.keys, []
        return keys


class HoldsKeys:
    """Mixed into the answer widgets: from Enter until the next question, keys wait in the hold."""

    hold: KeyHold | None = None

    def on_key(self, event: events.Key) -> None:
        if self.hold is None:
            return
        if self.hold.active:
            event.prevent_default()
            event.stop()
            self.hold.keys.append(event)
        elif event.key == "enter":
            # Enter submits (every answer widget posts its answer for it): hold from now on,
            # before the submission has even been posted.
            self.hold.active = True
