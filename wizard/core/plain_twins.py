"""The pydantic twins, generated from the records they judge (see ``wizard.core.plain``).

Why: a twin used to repeat its record field for field, so a new field had to be written twice
and only a test held the two together. Here each twin is made with ``pydantic.create_model``
from its record's own declaration: the field names and order, the type hints (a nested record
becomes its twin), the defaults and default factories, and the bounds and ``exclude`` flag the
record keeps in its field metadata. What a twin module still writes by hand is only what pydantic
needs and the record does not: the validators that word the messages users see.

Imported only by the twin modules, which ``wizard.core.plain`` imports when the strict pass
defers: this is where pydantic is loaded, never by reading a stored review.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from importlib import import_module
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, create_model

from wizard.core.plain import Plain, _from_twin
from wizard.core.plain_checks import field_hints
from wizard.core.records import MISSING


class Open(BaseModel):
    """Base of a mutable record's twin: unknown keys are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Frozen(BaseModel):
    """Base of a frozen record's twin (``@record(frozen=True)``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# The field metadata a record may carry; each key means the same as pydantic's ``Field`` argument
# of that name (``wizard.core.plain.bounded``, ``EXCLUDED``), so it is handed over as it is.
_FIELD_METADATA = frozenset({"min_length", "max_length", "exclude"})


def as_record(model: BaseModel) -> Any:
    """The record form of a validated twin, for validators that reuse the record's properties."""
    return _from_twin(model)


def build_twins(module: str, rules: Mapping[str, type[BaseModel]] | None = None) -> dict[str, Any]:
    """The twins of every record whose ``__twin_module__`` is ``module``, by class name.

    ``rules`` names, per record, a base class holding that twin's validators (a subclass of
    ``Open`` or ``Frozen``, as the record is mutable or frozen). The record modules must have
    been imported, so that their classes are registered.
    """
    rules = rules or {}
    kinds = {
        name: kind
        for (owner, name), kind in Plain._registry.items()
        # Only decorated records: their undecorated bases carry no fields and need no twin.
        if owner == module and "_record_fields" in vars(kind)
    }
    unknown = set(rules) - set(kinds)
    if unknown:
        raise TypeError(f"validators for records {module} does not have: {sorted(unknown)}")
    made: dict[str, Any] = {}

    def twin_of(kind: type[Plain]) -> Any:
        if kind.__twin_module__ != module:
            return getattr(import_module(kind.__twin_module__), kind.__name__)
        if kind.__name__ not in made:
            made[kind.__name__] = _generate(kind, module, rules.get(kind.__name__), twin_of)
        return made[kind.__name__]

    for kind in kinds.values():
        twin_of(kind)
    return made


def _generate(kind: type[Plain], module: str, rules: type[BaseModel] | None, twin_of: Any) -> Any:
    # ``@record(frozen=True)`` gives the class its own refusing ``__setattr__``.
    frozen = kind.__setattr__ is not object.__setattr__
    base = rules or (Frozen if frozen else Open)
    if not issubclass(base, Frozen if frozen else Open):
        raise TypeError(f"the validators of {kind.__name__} must derive from the right base")
    hints = field_hints(kind)
    fields: dict[str, Any] = {}
    for spec in kind._record_fields:
        options = dict(spec.metadata)
        if not set(options) <= _FIELD_METADATA:
            raise TypeError(f"{kind.__name__}.{spec.name}: no pydantic meaning for {options}")
        options = {key: value for key, value in options.items() if value is not None}
        if spec.factory is not MISSING:
            options["default_factory"] = _mapped(spec.factory, twin_of)
        elif spec.default is not MISSING:
            options["default"] = spec.default
        fields[spec.name] = (_mapped(hints[spec.name], twin_of), Field(**options))
    return create_model(
        kind.__name__, __base__=base, __module__=module, __doc__=kind.__doc__, **fields
    )


def _mapped(hint: Any, twin_of: Any) -> Any:
    """The hint (or default factory) with every record in it replaced by that record's twin."""
    if isinstance(hint, type) and issubclass(hint, Plain):
        return twin_of(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is None or origin is typing.Literal:
        return hint
    mapped = tuple(_mapped(arg, twin_of) for arg in args)
    if all(new is old for new, old in zip(mapped, args, strict=True)):
        return hint  # nothing to replace: the very hint the record declares
    if origin in (types.UnionType, typing.Union):
        return typing.Union[mapped]  # noqa: UP007 (built from a tuple, so no ``|`` form)
    return origin[mapped]
