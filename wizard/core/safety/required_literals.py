"""Literal text that every match of a regex must contain, read from the regex's parse tree.

``re.search`` with a long alternation tries every alternative at every position of a line; a
substring test costs almost nothing. So for each pattern this finds a set of literals such that
any match contains at least one of them: a run of plain characters in the pattern's top-level
sequence, the union over a group's alternatives, or the body of a group repeated at least once.
A line holding none of them cannot match, and the regex need not run.

The tree comes from the standard library's own regex parser (``re._parser``, what
``re.compile`` uses). Anything this does not understand contributes nothing (a pattern with no
usable literal gets ``None`` and is always searched), so the answer errs only towards running
the regex. Case-insensitive patterns give lower-case literals, valid for ASCII lines lowered
with ``str.lower`` (Unicode case folding is wider: ``ſ`` matches ``s``, so other lines must be
searched).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any


def _stdlib_module(name: str) -> Any:
    # Typed as Any: the parser's node types are not part of the typed standard library. A
    # Python without these private modules gets no screen (every line searched), not a crash.
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


_parser: Any = _stdlib_module("re._parser")
_ops: Any = _stdlib_module("re._constants")
_REPEATS = tuple(
    op
    for op in (
        getattr(_ops, "MAX_REPEAT", None),  # getattr(None, ...) gives the default
        getattr(_ops, "MIN_REPEAT", None),
        getattr(_ops, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)


@dataclass(frozen=True)
class Literals:
    """Any match holds one of ``words``; ``folded``: compare with the lowered (ASCII) line."""

    words: frozenset[str]
    folded: bool


def required_literals(pattern: re.Pattern[str]) -> Literals | None:
    """The most selective literal set every match of ``pattern`` holds, or None."""
    folded = bool(pattern.flags & re.IGNORECASE)
    if _parser is None or _ops is None:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        words = _sequence(list(tree.data), folded)
    except Exception:  # a parser that changed shape means no screen, not a crash
        return None
    if not words or not all(words):
        return None
    return Literals(words, folded)


def _sequence(items: list[tuple[Any, Any]], folded: bool) -> frozenset[str] | None:
    # Every item of a sequence is in every match, so each one's literal set is required; the
    # best of them is kept (the longest shortest word, then the fewest words).
    found: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, argument in items:
        if op is _ops.LITERAL:
            char = chr(argument)
            if folded and not char.isascii():
                end_run()  # Unicode folding: no lowered form stands for it
                continue
            run.append(char.lower() if folded else char)
            continue
        end_run()
        inner = _item(op, argument, folded)
        if inner is not None:
            found.append(inner)
    end_run()
    if not found:
        return None
    return max(found, key=lambda words: (min(map(len, words)), -len(words)))


def _item(op: Any, argument: Any, folded: bool) -> frozenset[str] | None:
    if op is _ops.SUBPATTERN:
        _group, add_flags, del_flags, body = argument
        if add_flags or del_flags:
            return None  # scoped flags such as (?i:...) change how literals compare
        return _sequence(list(body.data), folded)
    if op is _ops.BRANCH:
        choices = [_sequence(list(branch.data), folded) for branch in argument[1]]
        if any(choice is None for choice in choices):
            return None  # one alternative needs no literal, so the group needs none
        return frozenset().union(*(choice for choice in choices if choice is not None))
    if op in _REPEATS:
        low, _high, body = argument
        return _sequence(list(body.data), folded) if low >= 1 else None
    return None
