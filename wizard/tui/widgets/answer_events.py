"""The one message every answer widget posts when the operator submits it."""

from __future__ import annotations

from textual.message import Message


class AnswerReady(Message):
    """The answer widget's value is ready to be submitted with the note and evidence."""
