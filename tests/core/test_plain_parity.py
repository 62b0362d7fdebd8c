"""The stored dataclasses and their pydantic twins accept, refuse and hold the same data.

The run time reads review files, probe snapshots, the support matrix and the reporting levels
into the records of ``wizard.core.plain``; a strict pass accepts only exactly-typed data and
hands everything else to the pydantic twin (``wizard.core.review.twins``, ``kb.twins``). These
tests keep the two from drifting: the same fields, defaults and bounds; every value the strict
pass accepts is what the twin makes of the same data, type for type; every mutation of a full
review is refused by ``model_validate`` exactly when the twin refuses it, with the twin's own
error details; and the dumps are the twin's dumps.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import wizard.core.kb.twins as kb_twins
import wizard.core.review.twins.model as model_twins
import wizard.core.review.twins.observations as observation_twins
from tests.core.fresh_interpreter import modules_within, run_fresh
from tests.support.reviews import passing_snapshot, ready_answers
from wizard.core.kb.knowledge import load_knowledge
from wizard.core.kb.matrix import load_matrix
from wizard.core.kb.reporting import load_reporting
from wizard.core.plain import Defer, Plain, SchemaError, _from_twin
from wizard.core.review.answers import AnswerInput, record_many
from wizard.core.review.model import Review, SignOff, Waiver, WaiverApproval
from wizard.core.review.observations import (
    LoadError,
    ProjectLoad,
    ProjectScan,
    RuleCheck,
    RuleFinding,
    SecretFinding,
    SettingFinding,
)
from wizard.core.review.store import new_review, review_to_toml
from wizard.core.tomlfile import loads_toml

TWIN_MODULES = {
    "wizard.core.review.twins.model": model_twins,
    "wizard.core.review.twins.observations": observation_twins,
    "wizard.core.kb.twins": kb_twins,
}
REPO = Path(__file__).resolve().parents[2]
MOMENT = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def _pairs() -> list[tuple[type[Plain], type[BaseModel]]]:
    pairs = []
    for (module, name), kind in Plain._registry.items():
        twin = getattr(TWIN_MODULES[module], name, None)
        if kind._record_fields or twin is not None:
            assert twin is not None, f"{name} has no pydantic twin in {module}"
            pairs.append((kind, twin))
    return pairs


def _full_review() -> Review:
    """A review using every stored structure, with values of every kind."""
    review = new_review("Orders nightly", "airflow", "truthound", owner="payments")
    review.target.python = "/opt/airflow/venv/bin/python"
    record_many(review, [AnswerInput(k, v) for k, v in ready_answers().items()], by="alice")
    snapshot = passing_snapshot(MOMENT)
    snapshot.scan = ProjectScan(
        root="/srv/pipelines/orders",
        hosts_detected=["airflow"],
        secrets=[
            SecretFinding(file="dags/a.py", line=3, kind="AWS key", fingerprint="ab12", rule="r1"),
        ],
        settings=[
            SettingFinding(file="dags/a.py", line=9, kind="retries", value="3", item="resilience"),
        ],
        files_scanned=12,
        notes=["one note"],
        host_signals={"airflow": ["dags/a.py"]},
    )
    snapshot.rules = RuleCheck(
        ran=True,
        engine="truthound",
        findings=[
            RuleFinding(file="rules.yml", line=2, engine="truthound", rule="not_null", valid=True),
        ],
        files_read=1,
    )
    snapshot.load = ProjectLoad(
        host="airflow",
        ran=True,
        loaded=["dags/a.py"],
        import_errors=[LoadError(file="dags/b.py", line=4, kind="ImportError", message="no x")],
    )
    snapshot.inputs = {"engine": "truthound", "strict": True, "rows": 1.5, "tags": ["a"]}
    review.probe = snapshot
    review.waivers.append(
        Waiver(
            item=load_knowledge().items[0].id,
            reason="accepted for the pilot",
            owner="payments",
            expires=date(2027, 1, 31),
            created=date(2026, 11, 30),
            status="warn",
            covers=["finding-1"],
            approvals=[WaiverApproval(by="bob", role="approver", at=MOMENT)],
        )
    )
    review.signoffs.append(
        SignOff(
            reviewer="Bob",
            role="approver",
            decision="approve",
            at=MOMENT + timedelta(hours=1),
            content_hash="0" * 64,
            readiness="not-ready",
            previous="",
            hash_version=3,
            parts={"answers": "1" * 64},
        )
    )
    return review


def _data() -> dict[str, Any]:
    """The review as the reader sees it: written by the store, parsed back."""
    return loads_toml(review_to_toml(_full_review()))


def _same(left: Any, right: Any, where: str = "") -> None:
    """Equal, and of the same types all the way down (1 and 1.0 are not the same here)."""
    if isinstance(left, Plain):
        assert isinstance(right, Plain) and type(left) is type(right), where
        for spec in left._record_fields:
            _same(getattr(left, spec.name), getattr(right, spec.name), f"{where}.{spec.name}")
        return
    assert type(left) is type(right), f"{where}: {type(left)} != {type(right)}"
    if isinstance(left, (list, tuple)):
        assert len(left) == len(right), where
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            _same(a, b, f"{where}.{index}")
    elif isinstance(left, dict):
        assert list(left) == list(right), where
        for key in left:
            _same(left[key], right[key], f"{where}.{key}")
    else:
        assert left == right, where


def test_every_record_has_a_twin_with_the_same_fields_defaults_and_bounds() -> None:
    pairs = _pairs()
    assert len(pairs) >= 30
    for kind, twin in pairs:
        specs = kind._specs()
        assert list(specs) == list(twin.model_fields), kind.__name__
        for name, spec in specs.items():
            info = twin.model_fields[name]
            assert spec.required == info.is_required(), f"{kind.__name__}.{name}"
            if not spec.required:
                expected = info.get_default(call_default_factory=True)
                _same(spec.field.fresh(), _from_twin(expected), f"{kind.__name__}.{name}")
            assert spec.excluded == bool(info.exclude), f"{kind.__name__}.{name}"
            bounds = {type(m).__name__: m for m in info.metadata}
            low = bounds["MinLen"].min_length if "MinLen" in bounds else None
            high = bounds["MaxLen"].max_length if "MaxLen" in bounds else None
            assert (spec.min_length, spec.max_length) == (low, high), f"{kind.__name__}.{name}"


def test_a_full_review_takes_the_strict_path_and_holds_what_the_twin_holds() -> None:
    data = _data()
    strict = Review._strict(copy.deepcopy(data))  # no Defer: a stored review is exactly typed
    twin = _from_twin(model_twins.Review.model_validate(copy.deepcopy(data)))
    _same(strict, twin, "review")
    assert strict.probe is not None and strict.probe.scan is not None


def test_dumps_are_the_twins_dumps() -> None:
    data = _data()
    strict = Review._strict(copy.deepcopy(data))
    twin = model_twins.Review.model_validate(copy.deepcopy(data))
    for mode in ("python", "json"):
        for exclude_none in (False, True):
            ours = strict.model_dump(mode=mode, exclude_none=exclude_none)
            assert ours == twin.model_dump(mode=mode, exclude_none=exclude_none)
    assert strict.model_dump(exclude={"updated"}) == twin.model_dump(exclude={"updated"})
    nested: dict[str, Any] = {"taken_at": True, "scan": {"root": True}}
    assert strict.probe is not None and twin.probe is not None
    assert strict.probe.model_dump(exclude=nested) == twin.probe.model_dump(exclude=nested)
    assert json.loads(strict.model_dump_json()) == json.loads(twin.model_dump_json())


def _mutations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """(path, replacement) for every place in the data; a replacement ``KeyError`` deletes."""
    odd: list[Any] = [None, 7, 1.5, True, "", "x", [], {}, "2026-01-01"]
    found: list[tuple[tuple[Any, ...], Any]] = [(path, item) for item in odd] if path else []
    if isinstance(value, dict):
        found.append(((*path, "unexpected_key"), "x"))
        for index, (key, item) in enumerate(value.items()):
            found.append(((*path, key), KeyError))
            # The answers are thirty tables of one shape: three of them say what all would.
            if index < 3 or path != ("answers",):
                found += _mutations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:1]):
            found += _mutations(item, (*path, index))
    return found


def _apply(data: dict[str, Any], path: tuple[Any, ...], replacement: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    holder: Any = changed
    for part in path[:-1]:
        holder = holder[part]
    if replacement is KeyError:
        del holder[path[-1]]
    else:
        holder[path[-1]] = copy.deepcopy(replacement)
    return changed


def _details(errors: list[Any]) -> list[tuple[Any, ...]]:
    return [(detail["type"], detail["loc"], detail["msg"]) for detail in errors]


def test_every_mutation_is_accepted_or_refused_exactly_as_the_twin_does() -> None:
    data = _data()
    mutations = _mutations(data)
    assert len(mutations) > 1000
    # Neither side changes the data it reads, so one copy per mutation does.
    strict_accepted = 0
    for path, replacement in mutations:
        changed = _apply(data, path, replacement)
        try:
            expected = _from_twin(model_twins.Review.model_validate(changed))
        except ValidationError as error:
            with pytest.raises(SchemaError) as refused:
                Review.model_validate(changed)
            assert _details(refused.value.errors()) == _details(error.errors()), path
            with pytest.raises(Defer):
                Review._strict(changed)
            continue
        _same(Review.model_validate(changed), expected, str(path))
        try:
            _same(Review._strict(changed), expected, str(path))
            strict_accepted += 1
        except Defer:
            pass  # coerced by the twin: slower, and the same result
    assert strict_accepted > 50  # the strict pass does carry the common case


def test_the_knowledge_base_records_are_what_the_twins_make_of_them() -> None:
    cases = ((load_matrix(), kb_twins.SupportMatrix), (load_reporting(), kb_twins.Reporting))
    for loaded, twin in cases:
        dumped = loaded.model_dump()
        _same(type(loaded)._strict(copy.deepcopy(dumped)), loaded, type(loaded).__name__)
        _same(_from_twin(twin.model_validate(copy.deepcopy(dumped))), loaded, twin.__name__)


def test_a_record_is_refused_with_the_twins_message_and_frozen_ones_stay_frozen() -> None:
    with pytest.raises(SchemaError) as refused:
        item = load_knowledge().items[0].id
        Waiver.model_validate({"item": item, "reason": "no", "owner": "x", "expires": date.today()})
    assert refused.value.errors()[0]["loc"] == ("reason",)
    assert isinstance(refused.value, ValueError)
    reporting = load_reporting()
    with pytest.raises(AttributeError):
        reporting.levels = ()  # type: ignore[misc]
    assert hash(reporting.levels[0]) == hash(copy.deepcopy(reporting.levels[0]))


def test_a_record_built_by_hand_is_validated_like_the_pydantic_constructor() -> None:
    from wizard.core.review.observations import PreflightResult

    with pytest.raises(SchemaError) as refused:
        PreflightResult(ran=True, engine_name=3)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as expected:
        observation_twins.PreflightResult(ran=True, engine_name=3)  # type: ignore[arg-type]
    assert _details(refused.value.errors()) == _details(expected.value.errors())
    _same(PreflightResult(ran=1), _from_twin(observation_twins.PreflightResult(ran=1)))  # type: ignore[arg-type]


def test_reading_answering_and_the_portfolio_need_no_pydantic(tmp_path: Path) -> None:
    # The twins are imported only for data the strict pass defers; a stored review never is.
    review = tmp_path / "team" / "readiness-review.toml"
    review.parent.mkdir()
    review.write_text(review_to_toml(_full_review()), encoding="utf-8")
    for args in (
        ["check", str(review)],
        ["answer", str(review), "ops.caching", "host_not_gating", "--by", "bob"],
        ["status", str(tmp_path)],
    ):
        code, modules = run_fresh(args, tmp_path)
        found = modules_within(modules, ("pydantic",))
        assert code in (0, 1) and found == [], (args, code)
