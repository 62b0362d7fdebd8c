"""``record``: dataclass-like classes without the per-class code generation of ``dataclasses``.

Why: ``@dataclass`` compiles an ``__init__``, ``__repr__`` and ``__eq__`` (and, when frozen,
``__setattr__``, ``__delattr__`` and ``__hash__``) from source for every class it decorates,
about a millisecond a class; the ~35 stored structures alone cost ~40 ms of every ``check``
before it read a byte. Here one generic implementation of each method serves every class, and
decorating a class only records its fields. Type checkers see ordinary dataclasses (PEP 681),
keyword-only unless ``kw_only=False``. This module does not import ``dataclasses`` either:
that import brings ``inspect``, ``ast``, ``dis`` and ``tokenize``, ~18 ms of every command
(so it has its own ``field``, ``fields``, ``replace``, ``asdict`` and ``MISSING``). Supported:
defaults and default factories, ``init`` / ``repr`` / ``compare`` per field, ``__post_init__``,
frozen (and then hashable) classes. Not provided, because nothing needs it: ordering, slots.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

T = TypeVar("T")


class _Missing:
    """The "no default" marker (``dataclasses.MISSING``'s role)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


class RecordField:
    """One declared field: its name, its default or default factory, metadata and roles."""

    __slots__ = ("compare", "default", "factory", "init", "metadata", "name", "repr")

    def __init__(
        self,
        name: str,
        default: Any,
        factory: Any,
        metadata: Any,
        *,
        init: bool = True,
        repr: bool = True,
        compare: bool = True,
    ) -> None:
        self.name = name
        self.default = default
        self.factory = factory
        self.metadata = metadata
        self.init, self.repr, self.compare = init, repr, compare

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.factory is MISSING

    def fresh(self) -> Any:
        """The value of an omitted field (a new one each time, from the factory if any)."""
        return self.factory() if self.factory is not MISSING else self.default


def field(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    metadata: Any = None,
    init: bool = True,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field's default, factory, metadata and roles, as ``dataclasses.field`` declares them;
    ``@record`` gives it its name."""
    return RecordField(
        "", default, default_factory, metadata or {}, init=init, repr=repr, compare=compare
    )


class Record:
    """The methods ``@dataclass`` would generate, written once for every record class."""

    _record_fields: ClassVar[tuple[RecordField, ...]] = ()

    def __init__(self, *args: Any, **values: Any) -> None:
        # The first instance of a class compiles its own ``__init__`` (what ``@dataclass`` does
        # for every class at import): classes that are never built never pay for it, and hot
        # ones (the evaluation builds thousands) run as fast as a dataclass.
        cls = type(self)
        if "__init__" not in cls.__dict__:
            cls.__init__ = _compiled_init(cls)  # type: ignore[method-assign]
        cls.__init__(self, *args, **values)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, spec.name) for spec in self._record_fields if spec.compare)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{spec.name}={getattr(self, spec.name)!r}" for spec in self._record_fields if spec.repr
        )
        return f"{type(self).__qualname__}({shown})"


def _compiled_init(cls: type[Record]) -> Callable[..., None]:
    # Dunder-ish local names, so that no field name (``state``, say) can shadow them.
    names: dict[str, Any] = {"__missing__": MISSING}
    params, body = [], []
    for index, spec in enumerate(cls._record_fields):
        name = spec.name
        if not spec.init:
            if spec.factory is not MISSING:
                names[f"__factory_{index}__"] = spec.factory
                body.append(f"    __state__[{name!r}] = __factory_{index}__()")
            elif spec.default is not MISSING:
                names[f"__default_{index}__"] = spec.default
                body.append(f"    __state__[{name!r}] = __default_{index}__")
            continue
        if spec.factory is not MISSING:
            names[f"__factory_{index}__"] = spec.factory
            params.append(f"{name}=__missing__")
            body.append(f"    __state__[{name!r}] = ({name} if {name} is not __missing__")
            body.append(f"        else __factory_{index}__())")
        else:
            if spec.default is not MISSING:
                names[f"__default_{index}__"] = spec.default
            params.append(name if spec.default is MISSING else f"{name}=__default_{index}__")
            body.append(f"    __state__[{name!r}] = {name}")
    star = "*, " if getattr(cls, "_record_kw_only", True) and params else ""
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    head = f"def __init__(self, {star}{', '.join(params)}):\n    __state__ = self.__dict__\n"
    exec(head + "\n".join(body), names)
    made: Callable[..., None] = names["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    return made


def _refuse(self: Any, name: str, *value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _hash(self: Any) -> int:
    return hash(self._values())


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def record(*, frozen: bool = False, kw_only: bool = True) -> Callable[[type[T]], type[T]]:
    """Make a ``Record`` subclass a dataclass (frozen and hashable if asked).

    ``kw_only`` False lets arguments be given by position too, in the fields' order, as with
    ``@dataclass`` (fields with defaults come last there as well).
    """

    def build(cls: type[T]) -> type[T]:
        declared: dict[str, RecordField] = {}
        for base in reversed(cls.__mro__[1:]):
            declared.update((spec.name, spec) for spec in base.__dict__.get("_record_fields", ()))
        # The class's own annotations only (as strings, under postponed evaluation).
        own: dict[str, Any] = vars(cls).get("__annotations__", {})
        for name, hint in own.items():
            if str(hint).startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = cls.__dict__.get(name, MISSING)
            if isinstance(value, RecordField):
                value.name = name  # as ``dataclasses`` names its Field objects
                declared[name] = value
                if value.default is MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, value.default)
            else:
                declared[name] = RecordField(name, value, MISSING, {})
        cls._record_fields = tuple(declared.values())  # type: ignore[attr-defined]
        cls._record_kw_only = kw_only  # type: ignore[attr-defined]
        if frozen:
            cls.__setattr__ = _refuse  # type: ignore[method-assign]
            cls.__delattr__ = _refuse  # type: ignore[method-assign]
            cls.__hash__ = _hash  # type: ignore[method-assign]
        return cls

    return build


def fields(item: Any) -> tuple[RecordField, ...]:
    """A record class's or instance's fields, in declaration order."""
    found: tuple[RecordField, ...] = getattr(item, "_record_fields", ())
    return found


def replace(item: T, **changes: Any) -> T:
    """A copy of a record with some fields changed (``dataclasses.replace``)."""
    values = {spec.name: getattr(item, spec.name) for spec in fields(item) if spec.init}
    values.update(changes)
    return type(item)(**values)


def asdict(item: Any) -> Any:
    """A record as nested dicts, lists and plain values (``dataclasses.asdict``)."""
    if isinstance(item, Record):
        return {spec.name: asdict(getattr(item, spec.name)) for spec in fields(item)}
    if isinstance(item, list | tuple):
        return type(item)(asdict(value) for value in item)
    if isinstance(item, dict):
        return {key: asdict(value) for key, value in item.items()}
    return item
