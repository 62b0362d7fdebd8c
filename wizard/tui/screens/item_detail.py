"""Why one checklist item has its status: reasons, evidence with provenance, and what to change.

Enter on a question jumps back to the review at that question; ``w`` waives the item, ``a``
approves someone else's waiver on it (in the policy's approving role), ``u`` lifts it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from wizard.app.session import ReviewSession
from wizard.core.errors import ReadinessError
from wizard.core.evaluation.evaluate import EvidenceLine, ItemResult
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.wording import fill
from wizard.core.safety.terminal import one_line
from wizard.tui.status import badge
from wizard.tui.widgets.guide_link import guide_link
from wizard.tui.widgets.option_lists import SturdyOptionList
from wizard.tui.widgets.steady_footer import SteadyFooter


def _heading(text: str) -> Content:
    return Content.styled(text, "bold $text-accent")


def _when(stamp: str | None) -> str | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return stamp


def evidence_content(line: EvidenceLine) -> Content:
    """The fact, then where it came from: who attested it and when, or which probe saw it."""
    by = None if line.provenance.startswith("probe:") else line.by
    who = ", ".join(part for part in (line.provenance, by, _when(line.at)) if part)
    return Content.assemble(
        "• ", one_line(line.text), Content.styled(f"  ({one_line(who)})", "$foreground-muted")
    )


def item_content(item: ItemResult, host: str | None = None) -> Content:
    kb = load_knowledge()
    claim = fill(kb.item(item.id).claim, host)
    parts: list[Content] = [
        Content.assemble(badge(item.status), " ", Content.styled(item.title, "bold")),
        Content.styled(claim, "italic"),
        Content(""),
        _heading("Why"),
        *(Content(f"• {one_line(r)}") for r in item.reasons or ["Nothing recorded yet."]),
        Content(""),
        _heading("Evidence"),
    ]
    if item.evidence:
        parts += [evidence_content(line) for line in item.evidence]
    else:
        parts.append(Content.styled("No answers or probe facts yet.", "$foreground-muted"))
    if item.waiver is not None:
        waiver = item.waiver
        parts += [
            Content(""),
            _heading("Waiver"),
            Content(
                one_line(
                    f"{waiver.owner} until {waiver.expires.isoformat()}: {waiver.reason} "
                    "(u lifts it)"
                )
            ),
        ]
    if item.failure_mode is not None:
        mode = item.failure_mode
        parts += [
            Content(""),
            _heading(f"Known failure mode {mode.id}"),
            Content(f"Symptom: {mode.symptom}"),
            Content(f"Cause: {mode.cause}"),
            guide_link("Read first: ", mode.read_first),
        ]
    parts += [Content(""), guide_link("Doc: ", item.doc)]
    return Content("\n").join(parts)


class ItemDetailScreen(Screen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("w", "waive", "Waive"),
        Binding("u", "lift_waiver", "Lift waiver"),
        Binding("a", "approve_waiver", "Approve waiver"),
    ]

    def __init__(self, session: ReviewSession, item_id: str) -> None:
        super().__init__()
        self.session = session
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="item-body"):
            yield Static(id="item-text")
        yield Static(
            Content.styled("Questions that change it (Enter jumps there)", "bold"),
            id="item-questions-title",
        )
        yield SturdyOptionList(id="item-questions")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Item evidence"
        self.refresh_item()
        self.query_one("#item-questions", OptionList).focus()

    def item(self) -> ItemResult:
        return self.session.evaluate().item(self.item_id)

    def refresh_item(self) -> None:
        item = self.item()
        self.title = item.title
        self.query_one("#item-text", Static).update(item_content(item, self.session.review.host))
        kb = load_knowledge()
        review = self.session.review
        options = []
        for question_id in item.questions:
            question = kb.question(question_id)
            if question is not None:
                prompt = question.render_prompt(review.host, review.engine)
                options.append(Option(f"{question_id}: {prompt}", id=question_id))
        questions = self.query_one("#item-questions", OptionList)
        questions.set_options(options)
        questions.highlighted = 0 if options else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_waive(self) -> None:
        from wizard.tui.screens.waiver import WaiverScreen

        def submit(reason: str, owner: str, expires: date) -> None:
            self.session.waive(self.item_id, reason=reason, owner=owner, expires=expires)

        def done(saved: bool | None) -> None:
            if saved:
                self.refresh_item()
                self.notify(f"Waived {self.item().title}.")

        screen = WaiverScreen(self.item().title, self.session.operator, self.session.today, submit)
        self.app.push_screen(screen, done)

    def action_approve_waiver(self) -> None:
        roles = self.session.policy.waivers.approver_roles
        role = roles[0] if roles else "approver"
        try:
            self.session.approve_waiver(self.item_id, role=role)
        except ReadinessError as refused:
            self.notify(refused.message, severity="error", timeout=10)
            return
        self.refresh_item()
        self.notify(f"Approved the waiver as {role}.")

    def action_lift_waiver(self) -> None:
        if self.session.lift_waiver(self.item_id):
            self.refresh_item()
            self.notify("Waiver lifted; the item is judged on its own again.")
        else:
            self.notify("This item has no active waiver.", severity="warning")
