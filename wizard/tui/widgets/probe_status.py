"""One line about the probes: running (with a progress bar), last result, or failure."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from wizard.core.review.observations import ProbeSnapshot
from wizard.core.safety.terminal import one_line

STAGES = 2


@dataclass(frozen=True)
class ProbeState:
    phase: Literal["never", "running", "done"]
    stage: int = 0
    label: str = ""
    snapshot: ProbeSnapshot | None = None
    # No target interpreter given (neither --python nor the review's target.python): the probe
    # then ran in the wizard's own interpreter, and the line says so.
    no_target: bool = False


def _named(executable: str, no_target: bool) -> str:
    """The probed interpreter's path, saying so when no target was given and it is our own."""
    if not no_target:
        return executable
    try:
        own = Path(executable).resolve() == Path(sys.executable).resolve()
    except OSError:
        own = False
    return f"{executable} (this wizard's own: no target given)" if own else executable


def summary(snapshot: ProbeSnapshot, *, no_target: bool = False) -> Content:
    """Facts only; whether they pass is the checklist's business."""
    when = snapshot.taken_at.strftime("%Y-%m-%d %H:%M")
    parts: list[Content] = [Content(f"Probe {when}")]
    environment = snapshot.environment
    errors = list(snapshot.errors)
    if environment is not None:
        where = _named(environment.executable, no_target)
        parts.append(Content(one_line(f"Python {environment.python_version} at {where}")))
    elif errors:
        # No facts from the interpreter: its error comes first, because it names the
        # interpreter that was tried, and the line is cut at the terminal's width.
        # Only its first sentence: the whole message is among the preflight gate item's reasons.
        first = one_line(errors.pop(0)).split(". ", 1)[0]
        parts.append(Content.styled(first, "$text-error"))
    preflight = snapshot.preflight
    if preflight is not None and preflight.ran:
        state = "compatible" if preflight.compatible else "not compatible"
        colour = "$text-success" if preflight.compatible else "$text-error"
        parts.append(Content.styled(f"preflight {state}", colour))
    elif preflight is not None:
        parts.append(Content.styled("preflight did not run", "$text-error"))
    if snapshot.scan is not None:
        count = snapshot.scan.files_scanned
        parts.append(Content(f"{count} file{'' if count == 1 else 's'} scanned"))
    if errors:
        counted = f"{len(errors)} {'more ' if environment is None else ''}error(s)"
        parts.append(Content.styled(f"{counted}: {one_line(errors[0])}", "$text-error"))
    return Content(" · ").join(parts)


def progress_bar(stage: int, frame: int) -> str:
    """``[■■□]``-style steps plus a spinner; text, so it costs no extra widgets."""
    done = "■" * max(stage - 1, 0)
    spinner = SPINNER[frame % len(SPINNER)]
    return f"[{done}{spinner}{'□' * (STAGES - max(stage, 1))}]"


SPINNER = "◐◓◑◒"


class ProbeStatus(Static):
    state: reactive[ProbeState] = reactive(ProbeState("never"), always_update=True)
    frame: reactive[int] = reactive(0)

    def on_mount(self) -> None:
        self._spin = self.set_interval(0.25, self._tick, pause=True)
        self.watch_state(self.state)

    def _tick(self) -> None:
        self.frame += 1

    def watch_frame(self) -> None:
        if self.state.phase == "running":
            self.watch_state(self.state)

    def watch_state(self, state: ProbeState) -> None:
        if not self.is_mounted:
            return
        self.set_class(state.phase == "running", "-running")
        if state.phase == "running":
            self._spin.resume()
            bar = progress_bar(state.stage, self.frame)
            self.update(f"{bar} Probing ({state.stage}/{STAGES}): {state.label}…")
            return
        self._spin.pause()
        if state.snapshot is not None:
            self.update(summary(state.snapshot, no_target=state.no_target))
        else:
            self.update(Content.styled("No probe yet · ctrl+r runs it", "$foreground-muted"))
