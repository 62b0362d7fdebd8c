"""Export from the TUI: pick a format, the file is written beside the review.

The formats and their suffixes come from the core's format table, so the TUI offers exactly
what ``export --format`` does. The file is the review's name with the format's suffix
(``readiness-review.md`` beside ``readiness-review.toml``), written atomically, so
``verify`` can check it at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from wizard.app.exporting import export_path, write_export
from wizard.app.session import ReviewSession
from wizard.core.exports import FORMATS
from wizard.core.exports.formats import export_format_named
from wizard.core.review.atomic import describe_write_error
from wizard.tui.widgets.option_lists import SturdyOptionList


class ExportScreen(ModalScreen[Path | None]):
    """Dismissed with the written path (or ``None`` on escape or a failed write)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body"):
            yield Static("Write the review, as it is now, beside the review file:")
            yield SturdyOptionList(
                *(
                    Option(
                        f"{export_format_named(fmt).label:<10} {self._target(fmt).name}",
                        id=fmt,
                    )
                    for fmt in FORMATS
                ),
                id="export-formats",
            )
            yield Static(
                "Check a written file with `truthound-readiness verify FILE`.", id="export-hint"
            )

    def _target(self, fmt: str) -> Path:
        return export_path(self.session.path, fmt)

    def on_mount(self) -> None:
        self.query_one("#export-body").border_title = "Export"
        formats = self.query_one("#export-formats", OptionList)
        formats.highlighted = 0
        formats.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        fmt = event.option.id or FORMATS[0]
        try:
            target = write_export(self.session, fmt)
        except OSError as error:
            self.notify(
                describe_write_error(export_path(self.session.path, fmt), error),
                severity="error",
                timeout=10,
            )
            return
        self.notify(f"Wrote {target} ({fmt}).")
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
