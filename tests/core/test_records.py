"""``record`` classes behave as the dataclasses they stand in for, without importing them."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wizard.core.records import (
    MISSING,
    FrozenInstanceError,
    Record,
    asdict,
    field,
    fields,
    record,
    replace,
)

REPO = Path(__file__).resolve().parents[2]


@record(frozen=True, kw_only=False)
class Point(Record):
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {"x": self.x})


@dataclasses.dataclass(frozen=True)
class PointDataclass:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    index: dict[str, int] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {"x": self.x})


@record()
class Box(Record):
    points: list[Point] = field(default_factory=list)
    label: str = "box"


@pytest.mark.parametrize("args", [(1,), (1, 2), (1, 2, ("a",))])
def test_a_frozen_record_is_built_compared_shown_and_hashed_like_a_dataclass(
    args: tuple[Any, ...],
) -> None:
    made, twin = Point(*args), PointDataclass(*args)
    assert repr(made).removeprefix("Point") == repr(twin).removeprefix("PointDataclass")
    assert made.index == twin.index == {"x": 1}  # __post_init__ ran
    assert made == Point(*args) and hash(made) == hash(Point(*args))
    other = replace(made, y=5)
    assert other.y == 5 and other.x == made.x and other.index == {"x": 1}
    assert made != other
    with pytest.raises(FrozenInstanceError):
        made.x = 3  # type: ignore[misc]
    assert isinstance(FrozenInstanceError("x"), AttributeError)


def test_fields_and_asdict() -> None:
    assert [spec.name for spec in fields(Point)] == ["x", "y", "tags", "index"]
    index = fields(Point)[3]
    assert (index.init, index.repr, index.compare) == (False, False, False)
    assert fields(Point)[0].default is MISSING
    box = Box(points=[Point(1, 2)])
    assert asdict(box) == {
        "points": [{"x": 1, "y": 2, "tags": (), "index": {"x": 1}}],
        "label": "box",
    }
    assert Box().points == [] and Box().points is not Box().points  # a fresh list each time
    with pytest.raises(TypeError):
        Box([Point(1)])  # type: ignore[call-arg]  # keyword-only unless asked otherwise


def test_records_do_not_import_dataclasses() -> None:
    # dataclasses brings inspect, ast, dis and tokenize: ~18 ms of every command.
    script = (
        "import sys\nimport wizard.core.records, wizard.core.kb.knowledge\n"
        "import wizard.core.safety.credentials\n"
        "print(sorted({'dataclasses', 'inspect'} & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"
