"""A new review: title, host, engine, the interpreter production uses and the project folder.

Enter in any field (or ctrl+s) creates the file; problems are explained under the form and
nothing is written until every field is acceptable.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, RadioSet, Static

from wizard.app.session import ReviewSession
from wizard.core.errors import BadInputError
from wizard.core.kb.registry import engines, hosts
from wizard.tui.widgets.glyph_toggles import GlyphCheckbox, GlyphRadioButton
from wizard.tui.widgets.steady_footer import SteadyFooter

DEFAULT_ENGINE = "truthound"


@dataclass(frozen=True)
class SetupChoice:
    title: str
    host: str
    engine: str
    python: str | None
    project: str | None
    # Probes may load the project with the host's own loader, which runs the project's code.
    load_project: bool = False


Creator = Callable[[SetupChoice], ReviewSession]


def check_choice(choice: SetupChoice, review_folder: Path) -> str | None:
    """Why the form cannot be saved yet, or None."""
    if not choice.title:
        return "Title: give the review a short name, e.g. 'orders pipeline on Airflow'."
    if not choice.host:
        return "Host: pick the orchestration host the checks run on (↑↓ then Enter)."
    if choice.python:
        found = Path(choice.python).expanduser()
        if not found.exists() and shutil.which(choice.python) is None:
            return (
                f"Target Python: {choice.python} does not exist here. Give the path of the "
                "interpreter production uses (e.g. a venv's bin/python), or leave it blank."
            )
    if choice.project and not (review_folder / Path(choice.project).expanduser()).is_dir():
        return (
            f"Project folder: {choice.project} is not a folder (relative paths start at "
            f"{review_folder}). Point it at the pipeline project, or leave it blank."
        )
    return None


class SetupScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "create", "Create review")]

    class Created(Message):
        """The file exists now; the app swaps this screen for the review."""

        def __init__(self, session: ReviewSession) -> None:
            super().__init__()
            self.session = session

    def __init__(
        self,
        review_path: Path,
        create: Creator,
        *,
        python: str | None = None,
        project: str | None = None,
    ) -> None:
        super().__init__()
        self.review_path = review_path
        self.create = create
        self.python = python
        self.project = project

    def compose(self) -> ComposeResult:
        folder = self.review_path.resolve().parent.name or "pipeline"
        yield Header()
        with VerticalScroll(id="setup-form"):
            yield Static(
                f"New review: {self.review_path.name} does not exist yet. Fill in the basics; "
                "Tab moves between fields, Enter creates the file.",
                id="setup-intro",
            )
            yield Input(folder, placeholder="Title", id="setup-title", classes="field")
            with Horizontal(id="setup-choices"):
                with RadioSet(id="setup-host", classes="field"):
                    for host in hosts():
                        yield GlyphRadioButton(host.label, id=f"host-{host.id}")
                with RadioSet(id="setup-engine", classes="field"):
                    for engine in engines():
                        yield GlyphRadioButton(
                            engine.label, engine.id == DEFAULT_ENGINE, id=f"engine-{engine.id}"
                        )
            yield Input(
                self.python or "",
                placeholder="Target Python (blank: the one running this wizard)",
                id="setup-python",
                classes="field",
            )
            yield Input(
                self.project or "",
                placeholder="Project folder to scan (blank: the review's folder)",
                id="setup-project",
                classes="field",
            )
            yield GlyphCheckbox(
                "Also load the project with the host's own loader (this RUNS the project's code)",
                id="setup-load",
            )
            yield Static(id="setup-error")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = "New readiness review"
        self.sub_title = self.review_path.name
        for widget_id, title in (
            ("#setup-title", "Title"),
            ("#setup-host", "Host"),
            ("#setup-engine", "Engine"),
            ("#setup-python", "Target Python"),
            ("#setup-project", "Project folder"),
        ):
            self.query_one(widget_id).border_title = title
        self.query_one("#setup-title", Input).focus()

    def _picked(self, radio_id: str, prefix: str) -> str:
        pressed = self.query_one(radio_id, RadioSet).pressed_button
        return (pressed.id or "").removeprefix(prefix) if pressed is not None else ""

    def choice(self) -> SetupChoice:
        python = self.query_one("#setup-python", Input).value.strip()
        project = self.query_one("#setup-project", Input).value.strip()
        return SetupChoice(
            title=self.query_one("#setup-title", Input).value.strip(),
            host=self._picked("#setup-host", "host-"),
            engine=self._picked("#setup-engine", "engine-") or DEFAULT_ENGINE,
            python=python or None,
            project=project or None,
            load_project=self.query_one("#setup-load", GlyphCheckbox).value,
        )

    def show_error(self, message: str) -> None:
        self.query_one("#setup-error", Static).update(Content.styled(message, "$text-error"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def action_create(self) -> None:
        choice = self.choice()
        problem = check_choice(choice, self.review_path.resolve().parent)
        if problem:
            self.show_error(problem)
            return
        try:
            session = self.create(choice)
        except BadInputError as error:
            self.show_error(error.message)
            return
        self.post_message(self.Created(session))
