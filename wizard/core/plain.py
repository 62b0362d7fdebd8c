"""Stored structures as plain dataclasses, judged by their pydantic twins only when it matters.

Why: importing pydantic and building the review, observation, matrix and reporting models was
more than half of what ``check``, ``answer`` and ``status`` cost before reading a byte. The
wizard works with the dataclasses below; pydantic models generated from them
(``wizard.core.plain_twins``) still judge what the strict pass cannot vouch for (the *twins*:
same class names and fields, in the module ``__twin_module__`` names).

Reading data into a class (``model_validate``) first tries a strict pass that accepts a value
only when it already has the exact declared type and passes the declared bounds and the class's
own checks (``_strict_ok``), which is what a file written by the store parses to. Anything else
(an unknown or missing key, a value pydantic would coerce or refuse) raises ``Defer`` inside that
pass and the twin judges the original data: it refuses it with the same message users have
always seen (wrapped in ``SchemaError``) or coerces it as it always did. So the strict pass can
only be faster, never more lenient; ``tests/core/test_plain_parity.py`` checks that the two
agree field for field and value for value.
"""

from __future__ import annotations

import copy
import json
import types
import typing
from datetime import date, datetime
from importlib import import_module
from typing import Any, ClassVar, Self, get_args, get_origin

from wizard.core.plain_checks import EXACT, Check, Defer, checker, field_hints
from wizard.core.records import MISSING, Record, RecordField, field


class SchemaError(ValueError):
    """Data the pydantic twin refused; ``errors()`` are pydantic's own details."""

    def __init__(self, cause: Any) -> None:
        super().__init__(str(cause))
        self.cause = cause

    def errors(self) -> list[dict[str, Any]]:
        return list(self.cause.errors())


def bounded(*, min_length: int | None = None, max_length: int | None = None, **kw: Any) -> Any:
    """A dataclass field whose string value must have a length within these bounds."""
    return field(metadata={"min_length": min_length, "max_length": max_length}, **kw)


# Field metadata of a value kept in memory but never dumped (pydantic's ``Field(exclude=True)``).
EXCLUDED = {"exclude": True}


class _Spec:
    __slots__ = (
        "bounded",
        "check",
        "exact",
        "excluded",
        "field",
        "max_length",
        "min_length",
        "name",
        "nullable",
        "required",
    )

    def __init__(self, spec: RecordField, check: Check, hint: Any) -> None:
        # ``exact``: the field's type when it is one of the plain ones (``str``, ``int``, ...),
        # alone or with None, so the strict pass can test it without calling ``check``.
        members = get_args(hint) if get_origin(hint) in (types.UnionType, typing.Union) else (hint,)
        plain = [member for member in members if member is not type(None)]
        self.exact = plain[0] if len(plain) == 1 and plain[0] in EXACT else None
        self.nullable = len(plain) < len(members)
        self.name = spec.name
        self.field = spec
        self.check = check
        self.required = spec.required
        self.min_length = spec.metadata.get("min_length")
        self.max_length = spec.metadata.get("max_length")
        self.excluded = bool(spec.metadata.get("exclude"))
        self.bounded = self.min_length is not None or self.max_length is not None

    def bounds_ok(self, value: Any) -> bool:
        if type(value) is not str:
            return True
        low, high = self.min_length, self.max_length
        return (low is None or len(value) >= low) and (high is None or len(value) <= high)


def _iso(value: date) -> str:
    text = value.isoformat()
    # Pydantic writes UTC as "Z"; the JSON form has to stay what it was.
    return text[:-6] + "Z" if isinstance(value, datetime) and text.endswith("+00:00") else text


class Plain(Record):
    """Base of the stored dataclasses: the part of pydantic's model API the wizard uses."""

    __twin_module__: ClassVar[str]
    _registry: ClassVar[dict[tuple[str, str], type[Plain]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "__twin_module__"):
            Plain._registry[(cls.__twin_module__, cls.__name__)] = cls

    @classmethod
    def _specs(cls) -> dict[str, _Spec]:
        # Built on first use, not at import: a command that never reads a class pays nothing.
        specs: dict[str, _Spec] | None = cls.__dict__.get("_plain_specs")
        if specs is None:
            hints = field_hints(cls)
            made = cls._record_fields
            specs = {
                spec.name: _Spec(spec, checker(hints[spec.name], Plain), hints[spec.name])
                for spec in made
            }
            cls._plain_specs = specs  # type: ignore[attr-defined]
        return specs

    @classmethod
    def _rows(cls) -> dict[str, tuple[Any, ...]]:
        """Per field: its plain type (if it is one), whether None is allowed, check, spec."""
        rows: dict[str, tuple[Any, ...]] | None = cls.__dict__.get("_plain_rows")
        if rows is None:
            rows = {
                name: (spec.exact, spec.nullable, spec.check, spec)
                for name, spec in cls._specs().items()
            }
            cls._plain_rows = rows  # type: ignore[attr-defined]
        return rows

    @classmethod
    def _omitted(cls) -> tuple[tuple[Any, ...], ...]:
        """Per field: name, required, default, default factory (for keys the data leaves out)."""
        found: tuple[tuple[Any, ...], ...] | None = cls.__dict__.get("_plain_omitted")
        if found is None:
            found = tuple(
                (name, spec.required, spec.field.default, spec.field.factory)
                for name, spec in cls._specs().items()
            )
            cls._plain_omitted = found  # type: ignore[attr-defined]
        return found

    def __init__(self, **values: Any) -> None:
        # Built by hand (the probe and the scan fill these from what a target interpreter
        # said), a record is validated as the pydantic model's constructor validated it.
        made = type(self).model_validate(values)
        self.__dict__.update(made.__dict__)

    def _strict_ok(self) -> bool:
        """The class's own rules (the twin's validators); False hands the data to the twin."""
        return True

    @classmethod
    def _strict(cls, data: Any) -> Self:
        if type(data) is not dict:
            raise Defer
        made = cls.__new__(cls)
        state = made.__dict__  # filled directly: every value is checked here already
        rows = cls._rows()
        for name, value in data.items():
            row = rows.get(name)
            if row is None:
                raise Defer  # an unknown key: the twin names it
            exact, nullable, check, spec = row
            # Most values are of a plain type (or None where allowed): checked inline, since a
            # review holds hundreds of them and ``status`` reads thousands of reviews.
            if exact is None or not (type(value) is exact or (nullable and value is None)):
                value = check(value)
            if spec.bounded and not spec.bounds_ok(value):
                raise Defer
            state[name] = value
        if len(state) != len(rows):
            for name, required, default, factory in cls._omitted():
                if name not in state:
                    if required:
                        raise Defer
                    state[name] = default if factory is MISSING else factory()
        if not made._strict_ok():
            raise Defer
        return made

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        if type(data) is cls:
            return data
        try:
            return cls._strict(data)
        except Defer:
            pass
        from pydantic import ValidationError

        twin = getattr(import_module(cls.__twin_module__), cls.__name__)
        try:
            checked = twin.model_validate(_as_data(data))
        except ValidationError as error:
            raise SchemaError(error) from None
        made: Self = _from_twin(checked)
        return made

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        return cls.model_validate(json.loads(text))

    def model_dump(
        self, *, mode: str = "python", exclude_none: bool = False, exclude: Any = None
    ) -> dict[str, Any]:
        return _dump(self, mode == "json", exclude_none, exclude)

    def model_dump_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), separators=(",", ":"))

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        made = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            object.__setattr__(made, name, value)  # as pydantic: updates are not validated
        return made


# Values dumped as they are; checked by exact type first, since most values are one of these.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _dump(item: Plain, as_json: bool, exclude_none: bool, exclude: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    state = item.__dict__
    for name, spec in item._specs().items():
        if spec.excluded:
            continue
        inner = None
        if exclude is not None:
            if isinstance(exclude, dict):
                inner = exclude.get(name)
                if inner is True:
                    continue
            elif name in exclude:
                continue
        value = state[name]
        if value is None and exclude_none:
            continue
        out[name] = (
            value if type(value) in _SCALARS else _dump_value(value, as_json, exclude_none, inner)
        )
    return out


def _dump_value(value: Any, as_json: bool, exclude_none: bool, exclude: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Plain):
        return _dump(value, as_json, exclude_none, exclude)
    if isinstance(value, (list, tuple)):
        entries = [
            entry if type(entry) in _SCALARS else _dump_value(entry, as_json, exclude_none, None)
            for entry in value
        ]
        return entries if as_json or isinstance(value, list) else tuple(entries)
    if isinstance(value, dict):
        return {
            key: entry
            if type(entry) in _SCALARS
            else _dump_value(entry, as_json, exclude_none, None)
            for key, entry in value.items()
        }
    if as_json and isinstance(value, date):
        return _iso(value)
    return value


def _as_data(value: Any) -> Any:
    """Data for the twin: any dataclass inside becomes the dict it stands for."""
    if isinstance(value, Plain):
        return {spec.name: _as_data(getattr(value, spec.name)) for spec in value._specs().values()}
    if isinstance(value, list):
        return [_as_data(entry) for entry in value]
    if isinstance(value, dict):
        return {key: _as_data(entry) for key, entry in value.items()}
    return value


def _from_twin(value: Any) -> Any:
    """The dataclass form of what a twin validated (excluded fields included)."""
    kind = Plain._registry.get((type(value).__module__, type(value).__name__))
    if kind is not None:
        made = kind.__new__(kind)  # validated by the twin already, so not through __init__
        made.__dict__.update({name: _from_twin(getattr(value, name)) for name in kind._specs()})
        return made
    if type(value) is list:
        return [_from_twin(entry) for entry in value]
    if type(value) is tuple:
        return tuple(_from_twin(entry) for entry in value)
    if type(value) is dict:
        return {key: _from_twin(entry) for key, entry in value.items()}
    return value
