"""detect-secrets 1.5.0 (pinned), run in-process over text that is already in memory.

It is used the way its own ``scan_file`` uses it, through its public API: the filename filters
(lock files, swagger specs, non-text files) decide whether a file is scanned at all; its file
transformers turn YAML and INI-style files (``airflow.cfg``, AWS ``credentials``) into
``key = "value"`` lines so unquoted values are seen; the eager INI pass runs only when the first
pass found nothing; then every plugin and the line, secret and context filters. What differs is
the loop: ``scan_file`` re-reads the file from disk and resolves each plugin call through
signature injection, which costs more than the regexes; here plugins are called directly and a
line that matched nothing once is not scanned again. ``tests/scan/test_detect_secrets_parity.py``
holds the result to ``scan_file``'s on a corpus, so an upgrade cannot change it silently.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import Any, cast

import yaml
from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.core.scan import get_filters_with_parameter
from detect_secrets.settings import default_settings, get_plugins, get_settings
from detect_secrets.transformers import get_transformed_file
from detect_secrets.types import NamedIO
from detect_secrets.util.code_snippet import get_code_snippet
from detect_secrets.util.filetype import FileType
from detect_secrets.util.filetype import determine_file_type as _file_type

from wizard.core.evidence.scan.line_screen import LineScreen
from wizard.core.evidence.scan.prefilter import RegexGate

# detect-secrets' own inline pragma ("pragma: allowlist secret") names nobody; our allowlist
# requires who and why, so the pragma must not silently hide a finding. Its invalid-file filter
# stats the path on disk: the scan already read the file, from a root that need not be the cwd.
_DISABLED_FILTERS = (
    "detect_secrets.filters.allowlist.is_line_allowlisted",
    "detect_secrets.filters.common.is_invalid_file",
)


@dataclass(frozen=True)
class DetectedSecret:
    line_number: int
    plugin: str
    secret_type: str
    value: str
    # The line the plugin saw (after a transformer, ``key = "value"``), to widen prefixes.
    seen_line: str


# A pure function of the name, asked several times per file (it tries every suffix in turn).
determine_file_type = lru_cache(maxsize=4096)(_file_type)

# How many lines that matched nothing are remembered (about 200 bytes each).
_SILENT_LINES_KEPT = 20_000
_SECTION = re.compile(r"(?m)^[ \t]*\[.+\]")
_STR = "tag:yaml.org,2002:str"
_BINARY = "tag:yaml.org,2002:binary"


def _yaml_candidates(text: str, docs: list[yaml.Node]) -> list[str] | None:
    """``key: "value"`` for every string value plus every line's comment (what the
    transformer emits, in pieces); None when unsure (binary values, complex keys)."""
    out = [line[line.index("#") :] for line in text.splitlines() if "#" in line]
    stack: list[yaml.Node] = list(docs)
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.ScalarNode):
                    if value.tag == _BINARY:
                        return None
                    if value.tag == _STR and isinstance(key, yaml.ScalarNode):
                        escaped = str(value.value).replace('"', '\\"')
                        out.append(f'{key.value}: "{escaped}"')
                else:
                    stack.append(value)
                if not isinstance(key, yaml.ScalarNode):
                    return None
    return out


def ini_rejects(text: str) -> bool:
    """True when configparser, as the eager transformer runs it (defaults, a ``[global]`` header
    put in front), must reject ``text``, so the transformer yields nothing and need not run.

    A line starting at column 0 is never a continuation; if it is not blank, not a comment
    (``#``, ``;``) and not a section header, configparser needs it to be an option, which takes
    ``=`` or ``:``. Without one it records a parsing error and raises it at the end. Markdown,
    SQL and shell files nearly always hold such a line; configparser reads them far slower.
    """
    for line in text.split("\n"):  # configparser reads the text split at "\n" only
        if not line or line[0].isspace():
            continue  # blank, or indented (could continue an option's value)
        value = line.strip()
        if value.startswith(("#", ";", "[")):
            continue  # a comment, or maybe a section header
        if "=" not in value and ":" not in value:
            return True
    return False


class _NamedText(io.StringIO):
    """The file object detect-secrets' transformers expect: text plus a ``name``."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self.name = name


class SecretDetector:
    """Context manager: default detect-secrets settings for the duration of one scan."""

    def __init__(self, *, prefilter: bool = True) -> None:
        # prefilter=False runs every plugin on every line (the parity tests' reference): no
        # regex gate (prefilter.py) and no per-plugin line screen (line_screen.py).
        self._prefilter = prefilter
        self._stack = ExitStack()
        self._plugins: list[Any] = []
        self._gate = RegexGate([], [])
        self._screen = LineScreen(self._gate, enabled=False)
        self._names: dict[str, str] = {}
        self._silent_lines: set[tuple[Any, str]] = set()
        self._filters: dict[str, list[tuple[Callable[..., Any], frozenset[str]]]] = {}

    def __enter__(self) -> SecretDetector:
        self._stack.enter_context(default_settings())
        get_settings().disable_filters(*_DISABLED_FILTERS)
        self._plugins = list(get_plugins())
        self._gate = RegexGate(self._plugins if self._prefilter else [], self._plugins)
        self._screen = LineScreen(self._gate, enabled=self._prefilter)
        mapping: dict[str, Any] = dict(get_mapping_from_secret_type_to_class())
        self._names = {secret_type: plugin.__name__ for secret_type, plugin in mapping.items()}
        filters = {
            stage: list(get_filters_with_parameter(*params))
            for stage, params in {
                "filename": ("filename",),
                "line": ("line",),
                "secret": ("secret",),
                "context": ("context",),
            }.items()
        }
        # Only filters that need nothing but the name decide whether a file is read at all.
        filters["filename"] = [
            fn
            for fn in filters["filename"]
            if getattr(fn, "injectable_variables", None) == {"filename"}
        ]
        self._filters = {
            stage: [(fn, frozenset(getattr(fn, "injectable_variables", ()))) for fn in fns]
            for stage, fns in filters.items()
        }
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stack.close()

    def skips_file(self, filename: str) -> bool:
        """detect-secrets' filename filters: lock files, swagger specs, images and archives."""
        return self._filtered("filename", filename=filename)

    def scan_text(
        self, filename: str, text: str, yaml_docs: list[yaml.Node] | None = None
    ) -> list[DetectedSecret]:
        """What ``scan_file`` would report for ``filename`` holding ``text``.

        ``yaml_docs`` (the file already composed by the scan's C parser) lets a YAML file skip
        detect-secrets' pure-Python YAML transformer when no plugin can match anything in it:
        the transformer only re-emits each string value as ``key: "value"`` plus the line's
        comment, so if neither those lines nor the comments match any plugin, neither can its
        output. Files where something matches get the real transformer.
        """
        if self.skips_file(filename):
            return []
        if yaml_docs is not None and not self._could_match(
            filename, _yaml_candidates(text, yaml_docs)
        ):
            return []
        for lines in self._line_sets(filename, text):
            found = list(self.scan_lines(filename, lines))
            if found:
                return found
        return []

    def _could_match(self, filename: str, lines: list[str] | None) -> bool:
        if lines is None:
            return True
        file_type = determine_file_type(filename)
        for line in lines:
            line = line.rstrip()
            if not line.strip() or (file_type, line) in self._silent_lines:
                continue
            context = get_code_snippet(lines=[line], line_number=1)
            if any(
                True
                for plugin in self._screen.plugins_for(line)
                for _ in plugin.analyze_line(
                    filename=filename, line=line, line_number=1, context=context
                )
            ):
                return True
            self._remember_silent(file_type, line)
        return False

    def _remember_silent(self, file_type: FileType, line: str) -> None:
        # Bounded, so memory stays flat however many distinct lines a project has: the lines
        # that repeat (imports, boilerplate) come back soon and are cached again after a reset.
        if len(self._silent_lines) >= _SILENT_LINES_KEPT:
            self._silent_lines.clear()
        self._silent_lines.add((file_type, line))

    def _line_sets(self, filename: str, text: str) -> Iterator[list[str]]:
        # As scan_file: the first transformer that parses the file (YAML, INI) or the raw lines;
        # if those yield nothing, the eager INI transformer (a header-less config file).
        # configparser needs a [section] line; without one the INI transformer cannot parse.
        lines = None
        if determine_file_type(filename) == FileType.YAML or _SECTION.search(text):
            lines = get_transformed_file(cast(NamedIO, _NamedText(text, filename)))
        yield lines if lines else text.splitlines()
        if determine_file_type(filename) != FileType.OTHER or ini_rejects(text):
            return
        eager = get_transformed_file(
            cast(NamedIO, _NamedText(text, filename)), use_eager_transformers=True
        )
        if eager:
            yield eager

    def _filtered(self, stage: str, **arguments: Any) -> bool:
        for filter_fn, wanted in self._filters[stage]:
            # detect-secrets' injection, without its per-call runtime Protocol check: each filter
            # gets the arguments it names (get_filters attached them as injectable_variables).
            try:
                if filter_fn(**{name: arguments[name] for name in wanted if name in arguments}):
                    return True
            except TypeError:
                continue  # as detect-secrets does: a filter wanting more than this stage has
        return False

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
                for plugin in self._screen.plugins_for(line)
                for secret in plugin.analyze_line(
                    filename=filename, line=line, line_number=number, context=context
                )
            ]
            if not hits:
                self._remember_silent(file_type, line)
                continue
            # Same outcome as detect-secrets' order (line filters first), but the slow
            # line filters only run on the rare lines where some plugin matched.
            if self._filtered("line", filename=filename, line=line, context=context):
                continue
            for plugin, secret in hits:
                value = secret.secret_value
                if value is None or self._filtered(
                    "secret", filename=filename, secret=value, plugin=plugin, line=line
                ):
                    continue
                if self._filtered(
                    "context",
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
                    seen_line=line,
                )
