"""Sample projects for the host loaders: a good definition and planted import errors in each.

``PLANTED`` holds, per host, the errors the host's own loader must report (file, line, a phrase
of its message); the good definitions must load.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

Planted = tuple[str, int | None, str]

AIRFLOW_FILES = {
    "dags/orders_quality.py": """
        from datetime import datetime

        from airflow import DAG
        from truthound_airflow.operators.check import DataQualityCheckOperator

        with DAG(dag_id="orders_quality", start_date=datetime(2026, 1, 1), schedule=None):
            DataQualityCheckOperator(task_id="check", data_path="data/orders.parquet")
        """,
    "dags/broken_dag.py": """
        from datetime import datetime

        from airflow import DAG
        from helpers.paths import ORDERS

        with DAG(dag_id="broken_orders", start_date=datetime(2026, 1, 1), schedule=None):
            pass
        """,
    "dags/helpers/__init__.py": "",
    "dags/helpers/paths.py": '''
        """Shared paths; the planted error is a name nobody defined."""

        BASE = "data"
        ORDERS = BASE + MISSING_SUFFIX
        ''',
    "dags/syntax_dag.py": """
        from datetime import datetime
        from airflow import DAG

        with DAG(dag_id="syntax_orders", start_date=datetime(2026, 1, 1), schedule=None):
            values = (1,
        """,
}

PREFECT_FILES = {
    "flows/quality_flow.py": """
        from prefect import flow


        @flow(name="orders-quality")
        def orders_quality():
            return 1
        """,
    "flows/broken_flow.py": """
        from prefect import flow

        SETTINGS = {"engine": "truthound"}["engine_name"]


        @flow
        def broken_quality():
            return SETTINGS
        """,
}

DAGSTER_FILES = {
    "defs_good.py": """
        import dagster as dg


        @dg.asset
        def orders():
            return []


        defs = dg.Definitions(assets=[orders])
        """,
    "defs_broken.py": """
        import dagster as dg

        from truthound_dagster.resources import NoSuchResource

        defs = dg.Definitions(assets=[])
        """,
}

DBT_FILES = {
    "dbt_project.yml": """
        name: shop
        version: "1.0.0"
        config-version: 2
        profile: shop
        model-paths: ["models"]
        """,
    "models/orders.sql": """
        -- the planted Jinja error is on line 3
        select *
        from {{ ref('users' }}
        """,
    "models/users.sql": "select 1 as id\n",
    # A stand-in for the truthound dbt package: parse needs only the test's signature.
    "dbt_packages/truthound/dbt_project.yml": """
        name: truthound
        version: 3.0.3
        config-version: 2
        macro-paths: ["macros"]
        """,
    "dbt_packages/truthound/macros/tests.sql": """
        {% test truthound_check(model, rules) %} select 1 where 1 = 0 {% endtest %}
        """,
}

PROJECTS = {
    "airflow": AIRFLOW_FILES,
    "prefect": PREFECT_FILES,
    "dagster": DAGSTER_FILES,
    "dbt": DBT_FILES,
}
PLANTED: dict[str, list[Planted]] = {
    "airflow": [
        ("dags/helpers/paths.py", 4, "NameError: name 'MISSING_SUFFIX' is not defined"),
        ("dags/syntax_dag.py", 5, "SyntaxError: '(' was never closed"),
    ],
    "prefect": [("flows/broken_flow.py", 3, "KeyError('engine_name')")],
    "dagster": [("defs_broken.py", 3, "cannot import name 'NoSuchResource'")],
    "dbt": [("models/orders.sql", 3, "unexpected '}', expected ')'")],
}
LOADED = {
    "airflow": "orders_quality",
    "prefect": "flows/quality_flow.py:orders_quality",
    "dagster": "defs_good.py:defs",
    "dbt": None,  # parse stops at the first error, so nothing is listed as loaded
}


def write_project(root: Path, host: str) -> Path:
    for relative, text in PROJECTS[host].items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root
