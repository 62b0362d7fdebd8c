"""detect-secrets, run in-process over text that is already in memory.

We use its default plugin set and its default filters (minus its own unnamed allowlist pragma),
but drive the per-line loop ourselves. ``scan_file`` would re-read each file from disk, and its
loop resolves every plugin call through signature injection, which costs more than the regexes
themselves; calling ``plugin.analyze_line`` directly keeps a 5,000-file scan fast while the
plugins and filters stay detect-secrets' own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.core.scan import _is_filtered_out
from detect_secrets.settings import default_settings, get_plugins, get_settings
from detect_secrets.util.code_snippet import get_code_snippet
from detect_secrets.util.filetype import determine_file_type

# detect-secrets' own inline pragma ("pragma: allowlist secret") names nobody; our allowlist
# requires who and why, so the pragma must not silently hide a finding.
_DS_PRAGMA_FILTER = "detect_secrets.filters.allowlist.is_line_allowlisted"


@dataclass(frozen=True)
class DetectedSecret:
    line_number: int
    plugin: str
    secret_type: str
    value: str


class SecretDetector:
    """Context manager: default detect-secrets settings for the duration of one scan."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._plugins: list[Any] = []
        self._names: dict[str, str] = {}
        self._silent_lines: set[tuple[Any, str]] = set()

    def __enter__(self) -> SecretDetector:
        self._stack.enter_context(default_settings())
        get_settings().disable_filters(_DS_PRAGMA_FILTER)
        self._plugins = list(get_plugins())
        mapping: dict[str, Any] = dict(get_mapping_from_secret_type_to_class())
        self._names = {secret_type: plugin.__name__ for secret_type, plugin in mapping.items()}
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()

    def scan_lines(self, filename: str, lines: list[str]) -> Iterator[DetectedSecret]:
        # Plugins see only the line and the file type (keyword patterns differ per type), so a
        # line that matched nothing once matches nothing again: imports, brackets and
        # boilerplate repeat across a project (a quarter to a third of all lines in practice).
        file_type = determine_file_type(filename)
        for index, raw_line in enumerate(lines):
            line = raw_line.rstrip()
            if not line.strip() or (file_type, line) in self._silent_lines:
                continue
            number = index + 1
            context = get_code_snippet(lines=lines, line_number=number)
            hits = [
                (plugin, secret)
                for plugin in self._plugins
                for secret in plugin.analyze_line(
                    filename=filename, line=line, line_number=number, context=context
                )
            ]
            if not hits:
                self._silent_lines.add((file_type, line))
                continue
            # Same outcome as detect-secrets' order (line filters first), but the slow
            # line filters only run on the rare lines where some plugin matched.
            if _is_filtered_out(["line"], filename=filename, line=line, context=context):
                continue
            for plugin, secret in hits:
                value = secret.secret_value
                if value is None or _is_filtered_out(
                    ["secret"], filename=filename, secret=value, plugin=plugin, line=line
                ):
                    continue
                if _is_filtered_out(
                    ["context"],
                    filename=filename,
                    secret=value,
                    plugin=plugin,
                    line=line,
                    context=context,
                ):
                    continue
                yield DetectedSecret(
                    line_number=number,
                    plugin=self._names.get(secret.type, type(plugin).__name__),
                    secret_type=str(secret.type),
                    value=str(value),
                )
