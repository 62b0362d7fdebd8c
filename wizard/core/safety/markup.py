"""User and knowledge-base text made inert for Markdown: one line, redacted, markup escaped.

Shared by the review's Markdown export and the portfolio's Markdown page, so a title, a reason,
a signer or a path reported by the probe can never open a link, a table cell, a heading or an
HTML tag (``</details>`` included) in either.
"""

from __future__ import annotations

import re

from wizard.core.safety.terminal import one_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!&])")


def _flat(value: object) -> str:
    # one_line masks credentials and shows every control (newlines too) as a visible escape;
    # the remaining whitespace runs become one space, so nothing can start a new block.
    return " ".join(one_line(value).split())


def text(value: object) -> str:
    """User or knowledge-base text made inert: one line, Markdown and HTML characters escaped."""
    return _SPECIAL.sub(r"\\\1", _flat(value))


def code(value: object) -> str:
    """Short identifiers (ids, hashes, paths) in a code span.

    A code span cannot hold a backtick, and a ``|`` would end a table cell even inside one, so
    such a value is shown as escaped text instead.
    """
    flat = _flat(value)
    if "`" in flat or "|" in flat or not flat:
        return text(flat) or "—"
    return f"`{flat}`"
