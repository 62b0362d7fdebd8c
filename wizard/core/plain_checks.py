"""The strict pass's checks, one per declared type (see ``wizard.core.plain``).

Each check returns the value (a list made a tuple where the type says so) when it is exactly of
the declared type, and raises ``Defer`` otherwise: coercing is the pydantic twin's job.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal, get_args, get_origin

EXACT: tuple[type, ...] = (str, int, bool, float, datetime, date)
Check = Callable[[Any], Any]


class Defer(Exception):
    """The strict pass cannot vouch for a value; the pydantic twin has to judge the data."""


def _exact(kind: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Defer
        return value

    return check


def _none(value: Any) -> Any:
    if value is not None:
        raise Defer
    return value


def _same(value: Any) -> Any:
    return value


def _union(members: list[Check]) -> Check:
    # Pydantic's smart unions keep a value that is exactly of one member's type as it is.
    def check(value: Any) -> Any:
        for member in members:
            try:
                return member(value)
            except Defer:
                pass
        raise Defer

    return check


def _literal(allowed: tuple[Any, ...]) -> Check:
    def check(value: Any) -> Any:
        if not any(type(value) is type(item) and value == item for item in allowed):
            raise Defer
        return value

    return check


def _list(item: Check) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not list:
            raise Defer
        return [item(entry) for entry in value]

    return check


def _tuple(item: Check) -> Check:
    def check(value: Any) -> Any:
        if type(value) not in (list, tuple):
            raise Defer
        return tuple(item(entry) for entry in value)

    return check


def _dict(item: Check) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not dict or not all(type(key) is str for key in value):
            raise Defer
        return {key: item(entry) for key, entry in value.items()}

    return check


def _nested(kind: Any) -> Check:
    def check(value: Any) -> Any:
        return value if type(value) is kind else kind._strict(value)

    return check


def checker(hint: Any, plain: type) -> Check:
    """The strict check of a declared type; ``plain`` is the base of the nested dataclasses."""
    if hint is Any:
        return _same
    if hint is type(None):
        return _none
    if hint in EXACT:
        return _exact(hint)
    if isinstance(hint, type) and issubclass(hint, plain):
        return _nested(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _union([checker(arg, plain) for arg in args])
    if origin is Literal:
        return _literal(args)
    if origin is list:
        return _list(checker(args[0], plain))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(checker(args[0], plain))
    if origin is dict and args[0] is str:
        return _dict(checker(args[1], plain))
    raise TypeError(f"no strict check for the type {hint!r}")  # a new field type needs one


def field_hints(cls: type) -> dict[str, Any]:
    """The evaluated annotation of each field, from the class that declares it.

    ``typing.get_type_hints`` does the same for every annotation of every base, and cost more
    than reading a whole review; the strings here are our own field declarations.
    """
    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        namespace = vars(sys.modules[base.__module__])
        for name, hint in vars(base).get("__annotations__", {}).items():
            if name.startswith("_"):
                continue  # class-level bookkeeping (ClassVar), never a stored field
            hints[name] = eval(hint, namespace) if isinstance(hint, str) else hint
    return hints
