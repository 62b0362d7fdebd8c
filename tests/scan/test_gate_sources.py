"""The scan's gate rules: a source the preflight never checks, a backend it cannot know.

The files are shaped like the upstream examples: the documented
``run_preflight(EngineCreationRequest(..., runtime_context=ctx.with_source(...)))`` gate, a task
whose only source rides on the context, and observability backends in Python and YAML.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from tests.core.builders import ready_review
from wizard.core.evaluation.evaluate import evaluate
from wizard.core.evidence.scan import scan_project
from wizard.core.review.observations import SettingFinding

GATE_DAG = """
from common.engines import EngineCreationRequest, normalize_runtime_context, run_preflight
from common.runtime import resolve_data_source
from truthound_airflow import DataQualityCheckOperator

context = normalize_runtime_context(platform="airflow", connection_id="warehouse")
with_orders = context.with_source(resolve_data_source("SELECT * FROM analytics.orders"))

report = run_preflight(
    EngineCreationRequest(
        engine_name="truthound",
        runtime_context=context.with_source(resolve_data_source("SELECT * FROM users")),
    )
)
second = run_preflight(EngineCreationRequest(engine_name="truthound", runtime_context=with_orders))
checked = run_preflight(
    EngineCreationRequest(engine_name="truthound", runtime_context=context),
    sql="SELECT * FROM analytics.orders",
)
task = DataQualityCheckOperator(task_id="check", runtime_context=with_orders)
fine = DataQualityCheckOperator(task_id="ok", runtime_context=with_orders, sql="SELECT 1")
"""

OBSERVABILITY_FLOW = """
from common.runtime import ObservabilityConfig
from truthound_prefect import EngineBlock

lineage = ObservabilityConfig(backend="openlineage", endpoint="https://lineage.example.com/api")
block = EngineBlock(engine_name="truthound", observability={"backend": "datadog"})
"""

KESTRA_FLOW = """
id: orders
namespace: shop
tasks:
  - id: check
    type: io.kestra.plugin.scripts.python.Script
    script: print("ok")
truthound:
  observability:
    backend: prometheus
"""


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def findings(root: Path, kind: str) -> list[SettingFinding]:
    return [f for f in scan_project(root).settings if f.kind == kind]


def test_with_source_reaching_run_preflight_or_a_task_alone_is_flagged(tmp_path: Path) -> None:
    write(tmp_path, "dags/gate.py", GATE_DAG)
    found = findings(tmp_path, "with_source")
    assert [(f.file, f.line, f.item) for f in found] == [
        ("dags/gate.py", 8, "preflight-gate"),
        ("dags/gate.py", 14, "preflight-gate"),
        ("dags/gate.py", 19, "preflight-gate"),
    ]
    assert "run_preflight checks no source attached with with_source()" in str(found[0].misleading)
    assert "only source through with_source()" in str(found[2].misleading)


def test_the_flag_fails_nothing_silently_it_warns_the_gate(tmp_path: Path) -> None:
    write(tmp_path, "dags/gate.py", GATE_DAG)
    review = ready_review()
    assert review.probe is not None
    review.probe.scan = scan_project(tmp_path)
    gate = evaluate(review, review.probe, date(2026, 12, 2)).item("preflight-gate")
    assert gate.status == "warn"
    assert any(r.startswith("dags/gate.py:8: with_source=") for r in gate.reasons)


def test_backends_named_in_code_are_evidence_and_unknown_ones_are_flagged(tmp_path: Path) -> None:
    write(tmp_path, "flows/quality.py", OBSERVABILITY_FLOW)
    write(tmp_path, "flows/orders.yml", KESTRA_FLOW)
    found = {
        (f.file, f.line, f.value): f.misleading for f in findings(tmp_path, "observability.backend")
    }
    assert set(found) == {
        ("flows/quality.py", 4, "openlineage"),
        ("flows/quality.py", 5, "datadog"),
        ("flows/orders.yml", 9, "prometheus"),
    }
    assert found[("flows/quality.py", 4, "openlineage")] is None
    assert (
        "'datadog' is not an observability backend the shared runtime knows (none, openlineage)"
        in str(found[("flows/quality.py", 5, "datadog")])
    )
