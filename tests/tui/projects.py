"""A small, clean Airflow project for the scan: host retries and a host timeout, no secrets."""

from __future__ import annotations

import textwrap
from pathlib import Path

DAG = """
from datetime import datetime, timedelta

from airflow import DAG
from truthound_airflow import DataQualityCheckOperator

with DAG(
    dag_id="orders_quality",
    start_date=datetime(2024, 1, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 2, "execution_timeout": timedelta(minutes=20)},
) as dag:
    check_orders = DataQualityCheckOperator(
        task_id="check_orders",
        sql="SELECT * FROM analytics.orders",
        connection_id="warehouse",
    )
"""


def write_airflow_project(root: Path) -> Path:
    (root / "dags").mkdir(parents=True, exist_ok=True)
    (root / "dags" / "orders_quality.py").write_text(textwrap.dedent(DAG).lstrip(), "utf-8")
    (root / "requirements.txt").write_text(
        "apache-airflow==2.6.0\ntruthound-orchestration[airflow]==3.0.3\n", "utf-8"
    )
    return root
