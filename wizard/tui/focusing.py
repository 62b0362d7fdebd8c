"""Moving the focus before the next key is read, not after the next frame.

``Widget.focus()`` only schedules the move, and ``call_after_refresh`` waits for a paint. An
operator who presses Enter as soon as a question appears (a pasted answer, a fast typist, a
test driving a real terminal) would have that key delivered to whatever held the focus before:
the step list the screen focused on its own, or the widget of the question just answered.
Setting the screen's focus at once means every key read after this call reaches the widget
that is now on show.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Give ``widget`` its screen's focus at once (nothing happens if it is not mounted)."""
    try:
        screen = widget.screen
    except NoScreen:
        return
    screen.set_focus(widget)
