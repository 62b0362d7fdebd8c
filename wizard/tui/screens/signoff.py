"""Signing off from the TUI: the same decision the ``signoff`` command records, in a form.

The form shows what is being signed (readiness now, the content hash, the sign-offs so far with
their fresh/stale state) and hands the fields to ``ReviewSession.sign_off``; the core checks
them. A refusal (a bad key, a comment that looks like a credential, a save the store refused)
is shown under the form and nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, RadioSet, Static

from wizard.app.session import ReviewSession
from wizard.core.errors import ReadinessError, ReviewFileError
from wizard.core.safety.terminal import one_line
from wizard.core.signoff.content_hash import iso_utc, short_hash
from wizard.core.signoff.gate import SignOffStatus, SignOffSummary
from wizard.core.signoff.signoffs import PAST, Decision
from wizard.tui.widgets.checklist_pane import verdict_content
from wizard.tui.widgets.glyph_toggles import GlyphRadioButton

ROLES = ("preparer", "reviewer", "approver")
DECISIONS: dict[str, Decision] = {"decision-approve": "approve", "decision-reject": "reject"}
# The core names its fields the way the command line spells them; the form has labels instead.
FIELD_LABELS = {
    "--name": "Reviewer",
    "--role": "Role",
    "--decision": "Decision",
    "--comment": "Comment",
    "--key": "SSH key",
}
SIGNATURE_WORDS = {"unsigned": "unsigned attestation", "unchecked": "SSH-signed"}


def in_form_words(message: str) -> str:
    """``--key x: no such file`` becomes ``SSH key x: no such file``."""
    for flag, label in FIELD_LABELS.items():
        if message.startswith(flag):
            return label + message[len(flag) :]
    return message


def signoff_line(entry: SignOffStatus) -> Content:
    signoff = entry.signoff
    state = (
        Content.styled("fresh", "$text-success")
        if entry.state == "fresh"
        else Content.styled("STALE", "$text-warning")
    )
    when = iso_utc(signoff.at).replace("T", " ").removesuffix("Z")[:16]
    words = f"  {entry.label} {PAST[signoff.decision]} {when} · "
    how = SIGNATURE_WORDS.get(entry.signature, entry.signature)
    signer = f" by {signoff.signer}" if signoff.signer else ""
    return Content.assemble(words, state, f" · {how}{signer}")


def context_content(session: ReviewSession, summary: SignOffSummary) -> Content:
    """What the signature will bind to, and who has signed before."""
    lines = [
        Content.assemble("Readiness now: ", verdict_content(session.evaluate())),
        Content.styled(
            f"Content {short_hash(summary.content_hash)}: any later change makes a sign-off stale.",
            "$foreground-muted",
        ),
    ]
    if summary.entries:
        lines.append(Content.styled(f"Sign-offs so far (overall: {summary.state}):", "bold"))
        lines += [signoff_line(entry) for entry in summary.entries]
    else:
        lines.append(Content.styled("Nobody has signed this review yet.", "bold"))
    return Content("\n").join(lines)


class SignOffScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "sign", "Sign", tooltip="Sign off with what the form says"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without signing"),
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="signoff-form"):
            yield Static(Content.styled(one_line(f"Sign off: {self.session.review.title}"), "bold"))
            yield Static(context_content(self.session, self.session.signoff_summary()))
            yield Input(
                self.session.operator,
                placeholder="who signs",
                id="signoff-reviewer",
                classes="field",
            )
            yield Input(
                self.session.principal or "",
                placeholder="you@example.org: the principal your SSH key is listed under",
                id="signoff-principal",
                classes="field",
            )
            yield Input(
                placeholder="preparer, reviewer or approver (→ completes)",
                suggester=SuggestFromList(ROLES, case_sensitive=False),
                id="signoff-role",
                classes="field",
            )
            with RadioSet(id="signoff-decision", classes="field"):
                yield GlyphRadioButton("approve", id="decision-approve")
                yield GlyphRadioButton("reject", id="decision-reject")
            yield Input(
                placeholder="why, in a sentence (optional)", id="signoff-comment", classes="field"
            )
            yield Input(
                placeholder="~/.ssh/id_ed25519 (optional; without it: unsigned attestation)",
                id="signoff-key",
                classes="field",
            )
            yield Static(id="signoff-error")
            yield Static(
                "Enter in a field (or ctrl+s) signs and saves · Esc cancels",
                classes="muted",
            )

    def on_mount(self) -> None:
        self.query_one("#signoff-form").border_title = "Sign-off"
        for widget_id, title in (
            ("#signoff-reviewer", "Reviewer"),
            ("#signoff-principal", "Principal"),
            ("#signoff-role", "Role"),
            ("#signoff-decision", "Decision"),
            ("#signoff-comment", "Comment"),
            ("#signoff-key", "SSH key"),
        ):
            self.query_one(widget_id).border_title = title
        # The first field, as in every form: the reviewer's name is prefilled but it is the
        # first thing the signature records, so it is read (and tabbed past) first.
        self.query_one("#signoff-reviewer", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_sign()

    def show_error(self, message: str) -> None:
        self.query_one("#signoff-error", Static).update(Content.styled(message, "$text-error"))

    def action_sign(self) -> None:
        def value(widget_id: str) -> str:
            return self.query_one(widget_id, Input).value.strip()

        pressed = self.query_one(RadioSet).pressed_button
        if pressed is None or pressed.id not in DECISIONS:
            self.show_error("Decision: choose approve or reject (tab to it, arrows, Enter).")
            return
        key_text = value("#signoff-key")
        try:
            signoff = self.session.sign_off(
                reviewer=value("#signoff-reviewer"),
                role=value("#signoff-role"),
                decision=DECISIONS[pressed.id],
                comment=value("#signoff-comment"),
                key=Path(key_text).expanduser() if key_text else None,
                principal=value("#signoff-principal") or None,
            )
        except ReviewFileError as refused:
            self.show_error(f"{refused.message} Nothing was signed; reload the file (ctrl+l).")
            return
        except ReadinessError as problem:
            self.show_error(f"{in_form_words(problem.message)} Nothing was saved.")
            return
        how = f"SSH-signed by {signoff.signer}" if signoff.signature else "unsigned attestation"
        self.notify(
            f"{signoff.reviewer} ({signoff.role}) {PAST[signoff.decision]} content "
            f"{short_hash(signoff.content_hash)}; {how}."
        )
        if signoff.readiness == "not-ready" and signoff.decision == "approve":
            self.notify(
                "The review is NOT ready; the approval records that it was given anyway.",
                severity="warning",
                timeout=10,
            )
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
