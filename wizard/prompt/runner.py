"""The prompt-mode session: the review asked one question at a time in a plain terminal.

The order comes from ``wizard.core.review.flow`` alone and is recomputed after every answer,
because an answer can make later questions apply or stop applying. Every answer is saved the
moment it is given, so quitting, Ctrl-C or a crash never loses one.

The runner takes prompt_toolkit ``input`` / ``output`` objects so tests can type into it through
a pipe; with neither given it talks to the real terminal.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import questionary
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output

from wizard.app.navigation import next_in_walk, previous_in_history
from wizard.app.session import ReviewSession
from wizard.core.errors import BadInputError
from wizard.core.evaluation.bearing import question_evidence
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.history.reopen import changes_since_last_session
from wizard.core.kb.knowledge import AnswerValue, Question, load_knowledge
from wizard.core.kb.registry import engine_label, host_label
from wizard.core.kb.wording import doc_url, fill
from wizard.core.review.answers import AnswerInput
from wizard.core.review.flow import is_answered, progress, questions_in_order, resume_point
from wizard.prompt.checklist import checklist_lines
from wizard.prompt.probing import (
    PROBE_TIMEOUT,
    probe_and_fill,
    probe_would_fill,
    progress_line,
    question_evidence_lines,
)
from wizard.prompt.render import Command, ask_note, interpret, render, wrapped
from wizard.prompt.setup import ask_setup

PROBE_STEP = "preflight"
CONVENTIONS = (
    "In lists pick with the arrow keys or the shown key; b = back, s = skip, q = quit. "
    "In text answers type :back, :skip or :quit. Every answer is saved as you give it."
)


@dataclass(frozen=True)
class PromptOptions:
    by: str
    # True: probe when the session starts; False: never; None: offer it at the preflight step.
    probe: bool | None = None
    python: str | None = None
    project: Path | None = None
    ask_notes: bool = False
    presets: Sequence[AnswerInput] = ()
    today: date | None = None
    probe_timeout: float = PROBE_TIMEOUT


class PromptRunner:
    """One prompt-mode session on one review file."""

    def __init__(
        self,
        path: Path,
        options: PromptOptions,
        *,
        input: Input | None = None,
        output: Output | None = None,
        echo: TextIO | None = None,
    ) -> None:
        self.path = path
        self.options = options
        self._input = input
        self._output = output
        self._echo = echo
        self.asked: list[str] = []
        self._session: ReviewSession | None = None
        self._probed = False

    # -- plumbing ---------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        """Print ``text`` wrapped at word boundaries to the terminal's width (never mid-word)."""
        stream = self._echo or sys.stdout
        stream.write(wrapped(text, self.width()) + "\n")
        stream.flush()

    def width(self) -> int:
        if self._output is not None:
            return self._output.get_size().columns
        return shutil.get_terminal_size().columns

    @property
    def session(self) -> ReviewSession:
        if self._session is None:
            raise RuntimeError("the review is not open yet")
        return self._session

    def _today(self) -> date:
        return self.options.today or date.today()

    # -- the session ------------------------------------------------------------------------

    def run(self) -> int:
        """Walk the review; 0 when the operator finishes or quits. Ctrl-C propagates."""
        with create_app_session(input=self._input, output=self._output):
            try:
                self._open()
                return self._resume()
            except EOFError:
                if self._session is None:
                    raise BadInputError(
                        f"{self.path}: the input ended before the review was set up; nothing "
                        "was created."
                    ) from None
                return self._finish("End of input; every answer given so far is saved.")

    def _open(self) -> None:
        options = self.options
        if self.path.exists():
            self._session = ReviewSession.open(
                self.path,
                operator=options.by,
                today=self._today(),
                python=options.python,
                project=options.project,
            )
            self._header()
            self._reopen_notes()
        else:
            self.say(f"{self.path} does not exist yet; three questions create it.")
            project = str(options.project) if options.project else None
            review = ask_setup(self.path, python=options.python, project=project)
            self._session = ReviewSession.start(
                self.path, review, operator=options.by, today=self._today()
            )
            self.session.python, self.session.project = options.python, options.project
            self.say(f"created {self.path}.")
            self._header()
        if options.presets:
            applied = self.session.record_many(options.presets)
            self.say(f"applied {len(set(applied))} answers given with --set.")

    def _header(self) -> None:
        review = self.session.review
        steps = progress(review)
        answered = sum(step.answered for step in steps)
        total = sum(step.total for step in steps)
        self.say(
            f"{review.title} — {host_label(review.host)}, {engine_label(review.engine)} "
            f"({self.path}): {answered} of {total} applicable questions answered."
        )
        self.say(CONVENTIONS)

    def _reopen_notes(self) -> None:
        lines = changes_since_last_session(
            self.session.review, self.options.by, self._today(), new_probe=None
        )
        if lines:
            self.say("Since the last session:")
            for line in lines:
                self.say(f"  {line}")

    def _resume(self) -> int:
        # A known target (--python) is probed first when versions it can see are still to be
        # asked, so they are filled from it instead.
        if self.options.probe is True or (
            self.options.probe is None
            and self.options.python
            and probe_would_fill(self.session.review)
        ):
            self._probe()
        current = resume_point(self.session.review)
        if current is None:
            self.say("Every applicable question has a live answer.")
            self._checklist("Checklist")
            return 0
        return self._walk(current)

    def _walk(self, current: Question | None) -> int:
        history: list[str] = []
        revisiting = False
        step: str | None = None
        while current is not None:
            if current.step != step:
                self._enter_step(current.step, previous=step)
                step = current.step
            outcome = self._ask(current)
            if outcome is Command.QUIT:
                return self._finish("Stopped; every answer given so far is saved.")
            if outcome is Command.BACK:
                previous = previous_in_history(self.session.review, history)
                if previous is None:
                    self.say("This is the first question of this session; there is no way back.")
                else:
                    current, revisiting = previous, True
                continue
            if outcome is Command.SKIP:
                self.say(f"skipped {current.id}.")
            else:
                self._record(current, outcome)
            history.append(current.id)
            current, revisiting = next_in_walk(self.session.review, current, revisiting)
        return self._finish("End of the review.")

    def _step_index(self, step_id: str) -> int:
        return [step.id for step in load_knowledge().steps].index(step_id)

    def _enter_step(self, step_id: str, *, previous: str | None) -> None:
        forward = previous is None or self._step_index(step_id) > self._step_index(previous)
        if previous is not None and forward:
            self._checklist(f"Checklist after “{load_knowledge().step(previous).title}”")
        kb = load_knowledge()
        step = kb.step(step_id)
        self.say()
        self.say(f"== Step {self._step_index(step_id) + 1} of {len(kb.steps)}: {step.title}")
        self.say(f"   {step.summary}")
        self.say(f"   read: {doc_url(fill(step.doc, self.session.review.host))}")
        if forward and step_id == PROBE_STEP and self.options.probe is None and not self._probed:
            self._offer_probe()

    def _ask(self, question: Question) -> Command | AnswerValue:
        review = self.session.review
        self.asked.append(question.id)
        self.say()
        found = question_evidence(review, question.id)
        for line in question_evidence_lines(found):
            self.say(line)
        self.say(f"[{question.id}] {question.render_help(review.host, review.engine)}")
        self.say(f"   read: {doc_url(question.render_doc(review.host, review.engine))}")
        answer = review.answers.get(question.id)
        if answer is not None and not is_answered(review, question):
            self.say("   the earlier answer is stale (what it assumed has changed): confirm it")
        current = answer.value if answer is not None else found.implied
        host = review.host
        prompt = render(
            question, host=host, engine=review.engine, current=current, width=self.width()
        )
        return interpret(question, prompt.unsafe_ask(), host)

    def _record(self, question: Question, value: AnswerValue) -> None:
        review = self.session.review
        note = ask_note(question.id) if self.options.ask_notes else None
        existing = review.answers.get(question.id)
        unchanged = existing is not None and existing.value == value
        if unchanged and note is None and is_answered(review, question):
            # Keep who said it, when, and whether a probe said it.
            self.say(f"kept {question.id}.")
            return
        self.session.answer(question.id, value, note=note or "")

    def _offer_probe(self) -> None:
        run_it = questionary.confirm(
            "Probe the target interpreter and scan the project now?", default=True
        ).unsafe_ask()
        if run_it:
            self._probe()
        else:
            self.say("probe skipped; `truthound-readiness probe --review FILE` runs it later.")

    def _probe(self) -> None:
        session = self.session
        self.say(progress_line(session.review, self.path, session.python, session.project))
        lines = probe_and_fill(session, self.options.probe_timeout)
        self._probed = True
        for line in lines:
            self.say(f"  {line}")

    def _checklist(self, title: str) -> None:
        review = self.session.review
        self.say()
        self.say(f"{title}:")
        for line in checklist_lines(evaluate(review, review.probe, self._today())):
            self.say(line)

    def _finish(self, message: str) -> int:
        self.say()
        self.say(message)
        self._checklist("Checklist")
        review = self.session.review
        waiting = resume_point(review)
        if waiting is not None:
            left = sum(1 for q in questions_in_order(review) if not is_answered(review, q))
            self.say(
                f"{left} applicable questions are still unanswered; "
                f"`truthound-readiness prompt {self.path}` resumes at {waiting.id}."
            )
        return 0
