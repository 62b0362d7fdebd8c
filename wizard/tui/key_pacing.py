"""Keys delivered one at a time, each after what the one before it caused.

Textual forwards every key to the widget focused *when the app reads it*. A burst (a paste, a
fast typist, keys typed while the review loads) is read in one go, so the keys after an Enter
that saves an answer would all be forwarded to the answer widget just left, before the next
question has taken focus. The pacer holds a key while the one before it is still being handled
and sends it on once the screen has settled: every message queue on it empty at two refreshes
in a row. One refresh is not enough: saving an answer hops through several widgets' queues and
mounts the next answer widget, which takes a few frames.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import App

# Never held: quitting must work even when something upstream is slow to settle.
PASS_THROUGH = frozenset({"ctrl+c", "ctrl+q"})
# Quiet refreshes in a row that count as settled.
QUIET_REFRESHES = 2
# A screen that never goes quiet (a timer posting all the time) must not hold keys for ever:
# after this many refreshes (about half a second) the key goes on regardless.
MOST_REFRESHES = 30


def _screen_is_quiet(app: App[Any]) -> bool:
    try:
        nodes = [app, *app.screen.walk_children(with_self=True)]
    except Exception:  # no screen (closing): nothing to wait for
        return True
    return all(node.message_queue_size == 0 for node in nodes)


class KeyPacer:
    """Decides, key by key, whether the app forwards it now or after the previous one settles."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: deque[events.Key] = deque()
        self._in_flight = False
        self._released: events.Key | None = None
        self._quiet = 0
        self._waited = 0

    def hold(self, key: events.Key) -> bool:
        """True when ``key`` has been queued; False when the app should forward it now."""
        if key.key in PASS_THROUGH:
            return False
        if key is self._released:
            self._released = None
        elif self._in_flight:
            self._held.append(key)
            return True
        self._start()
        return False

    def extend(self, keys: Iterable[events.Key]) -> None:
        """Queue keys read elsewhere (the loading screen's typed-ahead), in order."""
        self._held.extend(keys)
        if not self._in_flight:
            self._start()

    def _start(self) -> None:
        self._in_flight = True
        self._quiet = self._waited = 0
        self._app.call_after_refresh(self._release_next)

    def _release_next(self) -> None:
        self._quiet = self._quiet + 1 if _screen_is_quiet(self._app) else 0
        self._waited += 1
        if self._quiet < QUIET_REFRESHES and self._waited < MOST_REFRESHES:
            self._app.call_after_refresh(self._release_next)
            return
        if not self._held:
            self._in_flight = False
            return
        # Still in flight: a key the driver reads meanwhile queues behind this one.
        key = self._released = self._held.popleft()
        self._quiet = self._waited = 0
        if not self._app.post_message(key):  # the app is closing: nothing will settle any more
            self._held.clear()
            self._in_flight, self._released = False, None
