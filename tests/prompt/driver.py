"""Run the real prompt runner with keystrokes piped in, the way prompt_toolkit's tests do."""

from __future__ import annotations

import io
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from tests.prompt import keys
from tests.prompt.plans import AIRFLOW_LOCAL, Plan
from wizard.core.kb.knowledge import AnswerValue
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.store import create_review, new_review
from wizard.prompt.runner import PromptOptions, PromptRunner

TODAY = date(2026, 6, 1)
HOST = "airflow"


def new_file(path: Path, answered: Plan | None = None) -> Path:
    """A review file on disk, with ``answered`` already recorded by alice."""
    review = new_review("Orders", HOST, "truthound")
    inputs = [AnswerInput(qid, value) for qid, value in answered or []]
    record_many(review, inputs, by="alice")
    create_review(path, review)
    return path


def up_to(question_id: str) -> Plan:
    ids = [qid for qid, _ in AIRFLOW_LOCAL]
    return AIRFLOW_LOCAL[: ids.index(question_id)]


@dataclass
class Session:
    runner: PromptRunner
    exit_code: int | None
    transcript: str


class SizedOutput(DummyOutput):
    """A dummy terminal of a given width (wide by default, so transcripts keep whole lines)."""

    def __init__(self, columns: int) -> None:
        self.columns = columns

    def get_size(self) -> Size:
        return Size(rows=40, columns=self.columns)


def drive(path: Path, typed: str, *, columns: int = 1000, **options: Any) -> Session:
    """Run one session on ``path`` with ``typed`` as the whole keyboard input.

    The pipe is closed after the keys, so a session that wants more input than the test gave
    ends (end of input) instead of waiting forever. KeyboardInterrupt propagates, as it does
    to the CLI.
    """
    echo = io.StringIO()
    settings = {"by": "tester", "probe": False, "today": TODAY, **options}
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        pipe.close()
        runner = PromptRunner(
            path, PromptOptions(**settings), input=pipe, output=SizedOutput(columns), echo=echo
        )
        try:
            code: int | None = runner.run()
        finally:
            transcript = echo.getvalue()
    return Session(runner, code, transcript)


def plan_keys(plan: Sequence[tuple[str, AnswerValue]], host: str) -> str:
    return "".join(keys.answer(question_id, value, host) for question_id, value in plan)


def saved_answers(path: Path) -> dict[str, Any]:
    """The answers table exactly as it is on disk."""
    return dict(tomllib.loads(path.read_text(encoding="utf-8")).get("answers", {}))


def saved_values(path: Path) -> dict[str, Any]:
    return {key: entry["value"] for key, entry in saved_answers(path).items()}
