"""One line about the probes: running (with a progress bar), last result, or failure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from wizard.core.evidence import ProbeSnapshot

STAGES = 2


@dataclass(frozen=True)
class ProbeState:
    phase: Literal["never", "running", "done"]
    stage: int = 0
    label: str = ""
    snapshot: ProbeSnapshot | None = None


def summary(snapshot: ProbeSnapshot) -> Content:
    """Facts only; whether they pass is the checklist's business."""
    when = snapshot.taken_at.strftime("%Y-%m-%d %H:%M")
    parts: list[Content] = [Content(f"Probe {when}")]
    environment = snapshot.environment
    if environment is not None:
        parts.append(Content(f"Python {environment.python_version}"))
    preflight = snapshot.preflight
    if preflight is not None and preflight.ran:
        state = "compatible" if preflight.compatible else "not compatible"
        colour = "$text-success" if preflight.compatible else "$text-error"
        parts.append(Content.styled(f"preflight {state}", colour))
    elif preflight is not None:
        parts.append(Content.styled("preflight did not run", "$text-error"))
    if snapshot.scan is not None:
        parts.append(Content(f"{snapshot.scan.files_scanned} files scanned"))
    if snapshot.errors:
        parts.append(
            Content.styled(f"{len(snapshot.errors)} error(s): {snapshot.errors[0]}", "$text-error")
        )
    return Content(" · ").join(parts)


class ProbeStatus(Horizontal):
    state: reactive[ProbeState] = reactive(ProbeState("never"), always_update=True)

    def compose(self) -> ComposeResult:
        yield Static(id="probe-text")
        yield ProgressBar(total=STAGES, show_eta=False, show_percentage=False, id="probe-bar")

    def on_mount(self) -> None:
        self.watch_state(self.state)

    def watch_state(self, state: ProbeState) -> None:
        if not self.is_mounted:
            return
        text = self.query_one("#probe-text", Static)
        bar = self.query_one("#probe-bar", ProgressBar)
        bar.display = state.phase == "running"
        self.set_class(state.phase == "running", "-running")
        if state.phase == "running":
            bar.update(progress=max(state.stage - 1, 0))
            text.update(f"Probing ({state.stage}/{STAGES}): {state.label}…")
        elif state.snapshot is not None:
            text.update(summary(state.snapshot))
        else:
            text.update(Content.styled("No probe yet · ctrl+r runs it", "$text-muted"))
