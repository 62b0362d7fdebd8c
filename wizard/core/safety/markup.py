"""User and knowledge-base text made inert for Markdown: one line, redacted, markup escaped.

Shared by the review's Markdown export and the portfolio's Markdown page, so a title, a reason
or a path can never open a link, a table cell or an HTML tag in either.
"""

from __future__ import annotations

import re

from wizard.core.safety.credentials import redact

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!])")


def text(value: object) -> str:
    """User or knowledge-base text made inert: one line, Markdown and HTML characters escaped."""
    flat = " ".join(redact(str(value)).split())
    return _SPECIAL.sub(r"\\\1", flat)


def code(value: object) -> str:
    """Short identifiers (ids, hashes, paths) in a code span; backticks cannot occur in them."""
    return "`" + redact(str(value)).replace("`", "'") + "`"
