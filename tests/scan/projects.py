"""Builders for realistic sample pipeline projects, written into a temporary folder.

Every builder has a clean variant (credentials only through the host's secret mechanism, no
resilience settings) and a "planted" variant that adds literal credentials and retry / timeout /
threshold settings. The planted secrets are returned so tests can check that each one is found
and that none of them ever appears in output. Airflow, dbt and Prefect live here; the smaller
Mage, Kestra and Dagster projects in projects_light.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.scan.projects_base import Planted, SampleProject, git_init
from tests.scan.projects_light import dagster_project, kestra_project, mage_project

__all__ = [
    "BUILDERS",
    "Planted",
    "SampleProject",
    "airflow_project",
    "dagster_project",
    "dbt_project",
    "git_init",
    "kestra_project",
    "mage_project",
    "prefect_project",
]


# --- Airflow ---------------------------------------------------------------------------------


def airflow_project(root: Path, *, planted: bool) -> SampleProject:
    project = SampleProject(root, "airflow")
    project.write(
        "requirements.txt", "apache-airflow==3.2.0\ntruthound-orchestration[airflow]==3.0.3\n"
    )
    if not planted:
        project.write(
            "dags/orders_quality.py",
            """
            from datetime import datetime

            from airflow import DAG
            from truthound_airflow import DataQualityCheckOperator

            with DAG(
                dag_id="orders_quality",
                start_date=datetime(2024, 1, 1),
                schedule="@daily",
                catchup=False,
            ) as dag:
                check_orders = DataQualityCheckOperator(
                    task_id="check_orders",
                    sql="SELECT * FROM analytics.orders",
                    connection_id="warehouse",
                )
            """,
        )
        project.write(
            "docker-compose.yaml",
            """
            services:
              scheduler:
                image: apache/airflow:3.2.0-python3.12
                environment:
                  AIRFLOW__CORE__LOAD_EXAMPLES: "false"
                  AIRFLOW_CONN_WAREHOUSE: ${AIRFLOW_CONN_WAREHOUSE}
            """,
        )
        return project
    uri_pw = project.plant("Pg-Orders-2024-secret", "dags/orders_quality.py", "uri-password")
    conn_uri = project.plant(
        "postgres://etl:AirflowConnPw77@db.internal:5432/orders",
        "dags/orders_quality.py",
        "airflow-conn-env-literal",
    )
    aws_key = project.plant(
        "AKIAQ4ZP7RXW2MTN8YVB", "plugins/export_helpers.py", "detect-secrets:AWSKeyDetector"
    )
    project.write(
        "dags/orders_quality.py",
        f"""
        import os
        from datetime import datetime, timedelta

        from airflow import DAG
        from truthound_airflow import DataQualityCheckOperator

        os.environ["AIRFLOW_CONN_WAREHOUSE"] = "{conn_uri}"
        ARCHIVE_URI = "postgresql://archiver:{uri_pw}@archive.internal:5432/orders"


        def notify_on_call(context):
            print("quality check failed", context["task_instance"].task_id)


        default_args = {{
            "owner": "data-platform",
            "retries": 3,
            "retry_delay": timedelta(minutes=5),
            "retry_exponential_backoff": True,
            "execution_timeout": timedelta(minutes=30),
            "on_failure_callback": notify_on_call,
        }}

        with DAG(
            dag_id="orders_quality",
            start_date=datetime(2024, 1, 1),
            schedule="@daily",
            catchup=False,
            default_args=default_args,
            max_active_runs=1,
        ) as dag:
            check_orders = DataQualityCheckOperator(
                task_id="check_orders",
                sql="SELECT * FROM analytics.orders",
                connection_id="warehouse",
                fail_on_error=True,
                warning_threshold=0.05,
                timeout_seconds=600,
                pool="warehouse_pool",
            )
        """,
    )
    project.write(
        "plugins/export_helpers.py",
        f"""
        import boto3


        def s3_client():
            return boto3.client("s3", aws_access_key_id="{aws_key}")
        """,
    )
    compose_uri = project.plant(
        "mysql://report:ComposePw-991@mysql:3306/report",
        "docker-compose.yaml",
        "airflow-conn-env-literal",
    )
    project.write(
        "docker-compose.yaml",
        f"""
        services:
          scheduler:
            image: apache/airflow:3.2.0-python3.12
            environment:
              AIRFLOW__CORE__LOAD_EXAMPLES: "false"
              AIRFLOW_CONN_REPORTING: "{compose_uri}"
        """,
    )
    env_pw = project.plant("EnvFilePw-k29x", ".env", "env-file-secret")
    project.write(".env", f"AIRFLOW_UID=50000\nSNOWFLAKE_PASSWORD={env_pw}\n")
    return project


# --- dbt -------------------------------------------------------------------------------------


def dbt_project(root: Path, *, planted: bool) -> SampleProject:
    project = SampleProject(root, "dbt")
    project.write(
        "dbt_project.yml",
        """
        name: analytics
        version: "1.0.0"
        config-version: 2
        profile: analytics
        model-paths: ["models"]
        require-dbt-version: [">=1.10.0", "<1.11.0"]
        """
        + (
            """
        vars:
          truthound:
            default_severity: warn
        """
            if planted
            else ""
        ),
    )
    project.write(
        "packages.yml",
        """
        packages:
          - package: truthound/truthound
            version: ">=3.0.3,<4.0.0"
        """,
    )
    project.write("models/orders.sql", "select * from {{ source('shop', 'orders') }}\n")
    password = "\"{{ env_var('DBT_PASSWORD') }}\""
    passphrase = "\"{{ env_var('SNOWFLAKE_KEY_PASSPHRASE') }}\""
    if planted:
        password = project.plant("DbtProfilePw-551", "profiles.yml", "dbt-profile-literal")
        default = project.plant("DefaultPassphrase-88", "profiles.yml", "dbt-env-var-default")
        passphrase = f"\"{{{{ env_var('SNOWFLAKE_KEY_PASSPHRASE', '{default}') }}}}\""
    project.write(
        "profiles.yml",
        f"""
        analytics:
          target: prod
          outputs:
            prod:
              type: postgres
              host: warehouse.internal
              user: "{{{{ env_var('DBT_USER') }}}}"
              password: {password}
              port: 5432
              dbname: analytics
              schema: marts
              threads: {8 if planted else 4}
        {"      connect_retries: 3" if planted else ""}
            snow:
              type: snowflake
              account: acme-eu1
              user: loader
              private_key_path: /secrets/rsa_key.p8
              private_key_passphrase: {passphrase}
              database: analytics
              warehouse: transforming
              schema: marts
        """,
    )
    config = (
        """
              - truthound.truthound_check:
                  arguments:
                    rules:
                      - check: not_null
                        column: order_id
                  config:
                    severity: warn
                    warn_if: ">10"
                    error_if: ">100"
        """
        if planted
        else """
              - truthound.truthound_check:
                  arguments:
                    rules:
                      - check: not_null
                        column: order_id
        """
    )
    project.write(
        "models/schema.yml",
        """
        version: 2
        models:
          - name: orders
            data_tests:
        """
        + config,
    )
    return project


# --- Prefect ---------------------------------------------------------------------------------


def prefect_project(root: Path, *, planted: bool) -> SampleProject:
    project = SampleProject(root, "prefect")
    project.write(
        "prefect.yaml",
        f"""
        name: orders-quality
        prefect-version: 3.6.29
        deployments:
          - name: nightly
            entrypoint: flows/orders_flow.py:orders_quality
            work_pool:
              name: k8s-pool
        {"    concurrency_limit: 1" if planted else ""}
        """,
    )
    if not planted:
        project.write(
            "flows/orders_flow.py",
            """
            from prefect import flow, task
            from prefect.blocks.system import Secret
            from truthound_prefect import data_quality_check_task


            @task
            def load_orders():
                password = Secret.load("warehouse-password").get()
                return {"password_set": bool(password)}


            @flow
            def orders_quality():
                orders = load_orders()
                return data_quality_check_task(data=orders)
            """,
        )
        return project
    secret_value = project.plant(
        "PrefectSecretVal-3301", "flows/orders_flow.py", "prefect-secret-literal"
    )
    block_pw = project.plant("PrefectBlockPw-72", "flows/blocks.py", "prefect-block-literal")
    project.write(
        "flows/orders_flow.py",
        f"""
        from datetime import timedelta

        from prefect import flow, task
        from prefect.blocks.system import Secret
        from prefect.tasks import task_input_hash
        from truthound_prefect import (
            CheckTaskConfig,
            DataQualityBlock,
            QualityFlowConfig,
            create_check_task,
            create_quality_flow,
        )

        Secret(value="{secret_value}").save("warehouse-password", overwrite=True)

        block = DataQualityBlock(fail_on_error=False, warning_threshold=0.05, timeout_seconds=60)
        check = create_check_task(
            "check_orders",
            config=CheckTaskConfig(retries=2, cache_key="orders", cache_expiration_seconds=300),
        )


        @task(
            retries=3,
            retry_delay_seconds=30,
            timeout_seconds=600,
            cache_key_fn=task_input_hash,
            cache_expiration=timedelta(hours=1),
        )
        def load_orders():
            return []


        quality_flow = create_quality_flow(
            "orders",
            loader=load_orders,
            config=QualityFlowConfig(retries=2, fail_on_error=True),
        )


        @flow(timeout_seconds=3600)
        def orders_quality():
            return check(load_orders())
        """,
    )
    project.write(
        "flows/blocks.py",
        f"""
        from prefect_sqlalchemy import ConnectionComponents, SqlAlchemyConnector, SyncDriver

        connector = SqlAlchemyConnector(
            connection_info=ConnectionComponents(
                driver=SyncDriver.POSTGRESQL_PSYCOPG2,
                username="etl",
                password="{block_pw}",
                host="db.internal",
                database="orders",
            )
        )
        connector.save("warehouse", overwrite=True)
        """,
    )
    return project


BUILDERS = {
    "airflow": airflow_project,
    "dbt": dbt_project,
    "prefect": prefect_project,
    "mage": mage_project,
    "kestra": kestra_project,
}
