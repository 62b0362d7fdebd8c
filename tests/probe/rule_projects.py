"""Sample projects holding rule definitions, shaped like the hosts' documented examples.

Each project is written into a temporary folder; ``EXPECTED`` lists, as data, every finding the
rule check must report (file, line, verdict, a phrase of the validator's own message), so tests
can measure precision and recall. The good rules are in every project too: they must not be
reported.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

Finding = tuple[str, int, str, str]  # file, line, verdict (invalid | ignored | warning), phrase

AIRFLOW_DAG = """
from datetime import datetime

from airflow import DAG
from truthound_airflow.operators.check import DataQualityCheckOperator

ORDER_RULES = [
    {"type": "not_null", "column": "order_id"},
    {"type": "in_range", "column": "age", "min": 0, "max": 150},
    {"type": "in_range", "column": "amount", "min": "zero"},
    {"type": "not_null", "column": "customer_id", "colour": "red"},
]

with DAG(dag_id="orders_quality", start_date=datetime(2026, 1, 1), schedule="@daily"):
    DataQualityCheckOperator(
        task_id="check_orders_pandera",
        sql="SELECT * FROM analytics.orders",
        connection_id="warehouse",
        engine_name="pandera",
        rules=ORDER_RULES,
    )
    DataQualityCheckOperator(
        task_id="check_orders_default_engine",
        sql="SELECT * FROM analytics.orders",
        connection_id="warehouse",
        rules=[{"type": "unique", "column": "order_id"}],
    )
"""

PREFECT_FLOW = """
from prefect import flow
from truthound_prefect import QualityFlowConfig, create_quality_flow

config = QualityFlowConfig(
    engine_name="pandera",
    rules=[
        {"type": "not_null", "column": "user_id"},
        {"type": "drift", "column": "amount"},
        {"column": "user_id", "check": "not_null"},
    ],
)
users_quality = create_quality_flow(name="users-quality", loader=lambda: None, config=config)
"""

KESTRA_FLOW = """
id: users_quality
namespace: shop.quality
tasks:
  - id: check_users
    type: io.kestra.plugin.scripts.python.Script
    script: |
      from truthound_kestra import check_quality_script

      check_quality_script(
          input_uri="s3://lake/users.parquet",
          engine_name="pandera",
          rules=[
              {"type": "in_range", "column": "age", "min": 0, "max": 120},
              {"type": "email_format", "column": "email"},
          ],
      )
"""

MAGE_PIPELINE = """
blocks:
  - uuid: check_orders
    type: transformer
    language: python
    configuration:
      engine_name: pandera
      rules:
        - {type: not_null, column: order_id}
        - {type: min_length, column: name, value: 3}
name: orders
uuid: orders
"""

DBT_SCHEMA = """
version: 2
models:
  - name: users
    data_tests:
      - truthound.truthound_check:
          arguments:
            rules:
              - {column: id, check: not_null}
              - {column: age, check: range, min: 0, max: 150}
              - {column: age, check: in_range, min: 0}
              - {column: status, check: in_set}
"""

EXPECTED: list[Finding] = [
    ("dags/orders_quality.py", 9, "invalid", "expected number, got str"),
    ("dags/orders_quality.py", 10, "warning", "Unknown field 'colour' in rule"),
    ("dags/orders_quality.py", 25, "ignored", "ignores rule dicts"),
    ("flows/users_flow.py", 8, "invalid", "Rule type 'drift' is not supported by engine 'pandera'"),
    ("flows/users_flow.py", 9, "invalid", "Missing required field: 'type'"),
    ("kestra/users_quality.yml", 14, "invalid", "Unknown rule type: 'email_format'"),
    ("mage/pipelines/orders/metadata.yaml", 9, "invalid", "Missing required field: 'min_length'"),
    ("models/schema.yml", 10, "invalid", "Unknown check type: 'in_range'"),
    ("models/schema.yml", 11, "invalid", "in_set requires 'values'"),
]
# The same rule with different parameters in two files.
DIFFERING = ("in_range on age", "dags/orders_quality.py:8", "kestra/users_quality.yml:13")


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def mixed_project(root: Path) -> Path:
    """Airflow, Prefect, Kestra, Mage and dbt files side by side, good and bad rules in each."""
    write(root, "dags/orders_quality.py", AIRFLOW_DAG)
    write(root, "flows/users_flow.py", PREFECT_FLOW)
    write(root, "kestra/users_quality.yml", KESTRA_FLOW)
    write(root, "mage/pipelines/orders/metadata.yaml", MAGE_PIPELINE)
    write(root, "models/schema.yml", DBT_SCHEMA)
    write(root, "dags/broken.py", "rules = [\n")  # does not parse: listed as not inspected
    return root


def clean_project(root: Path) -> Path:
    """An Airflow project whose rules are all valid for the Pandera engine that receives them."""
    write(
        root,
        "dags/orders_quality.py",
        """
        from airflow import DAG
        from truthound_airflow import DataQualityCheckOperator

        with DAG(dag_id="orders", schedule="@daily"):
            DataQualityCheckOperator(
                task_id="check",
                sql="SELECT * FROM analytics.orders",
                connection_id="warehouse",
                engine_name="pandera",
                rules=[
                    {"type": "not_null", "column": "order_id"},
                    {"type": "in_set", "column": "status", "values": ["open", "paid"]},
                ],
            )
        """,
    )
    return root
