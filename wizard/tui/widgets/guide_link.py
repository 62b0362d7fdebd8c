"""A guide reference as a clickable link to its upstream page."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from wizard.core.kb.wording import doc_url


def guide_link(label: str, doc: str) -> Content:
    """``label`` followed by the guide path, which opens the upstream page when clicked."""
    return Content.assemble(
        Content.styled(label, "$foreground-muted"),
        Content.styled(doc, Style(link=doc_url(doc), underline=True)),
    )
