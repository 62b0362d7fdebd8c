"""Builders for realistic sample pipeline projects, written into a temporary folder.

Every builder has a clean variant (credentials only through the host's secret mechanism, no
resilience settings) and a "planted" variant that adds literal credentials and retry / timeout /
threshold settings. The planted secrets are returned so tests can check that each one is found
and that none of them ever appears in output.
"""

from __future__ import annotations

import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Planted:
    value: str
    file: str
    rule: str


@dataclass
class SampleProject:
    root: Path
    host: str
    planted: list[Planted] = field(default_factory=list)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def plant(self, value: str, file: str, rule: str) -> str:
        self.planted.append(Planted(value, file, rule))
        return value


def git_init(root: Path, *, add: bool = True) -> None:
    """A real repository; ``git add`` stages everything not ignored (no commit needed)."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    if add:
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)


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


# --- Mage ------------------------------------------------------------------------------------


def mage_project(root: Path, *, planted: bool) -> SampleProject:
    project = SampleProject(root, "mage")
    password = "\"{{ env_var('POSTGRES_PASSWORD') }}\""
    if planted:
        password = project.plant("MageIoPw-4410", "io_config.yaml", "mage-io-config-literal")
    project.write(
        "io_config.yaml",
        f"""
        version: 0.1.1
        default:
          POSTGRES_CONNECT_TIMEOUT: 10
          POSTGRES_DBNAME: analytics
          POSTGRES_HOST: db.internal
          POSTGRES_PORT: 5432
          POSTGRES_USER: loader
          POSTGRES_PASSWORD: {password}
          SNOWFLAKE_PASSWORD: "{{{{ mage_secret_var('snowflake_password') }}}}"
          TRUTHOUND_ENGINE: truthound
        """,
    )
    project.write(
        "pipelines/orders_quality/metadata.yaml",
        f"""
        name: orders_quality
        uuid: orders_quality
        type: python
        blocks:
          - uuid: load_orders
            type: data_loader
            downstream_blocks: [check_orders]
          - uuid: check_orders
            type: transformer
            upstream_blocks: [load_orders]
        {"retry_config:" if planted else ""}
        {"  retries: 2" if planted else ""}
        {"  delay: 30" if planted else ""}
        """,
    )
    project.write(
        "data_loaders/load_orders.py",
        """
        import polars as pl


        @data_loader
        def load_orders(*args, **kwargs):
            return pl.read_parquet("/data/orders.parquet")
        """,
    )
    settings = (
        "CheckBlockConfig(rules=RULES, warning_threshold=0.1, timeout_seconds=120)"
        if planted
        else "CheckBlockConfig(rules=RULES)"
    )
    project.write(
        "transformers/check_orders.py",
        f"""
        from truthound_mage import CheckBlockConfig, CheckTransformer, SensorBlockConfig

        RULES = [{{"type": "not_null", "column": "order_id"}}]
        transformer = CheckTransformer(config={settings})
        gate = SensorBlockConfig({"min_pass_rate=0.95" if planted else ""})


        @transformer
        def check_orders(data, *args, **kwargs):
            return transformer.execute(data)
        """,
    )
    return project


# --- Kestra ----------------------------------------------------------------------------------


def kestra_project(root: Path, *, planted: bool) -> SampleProject:
    project = SampleProject(root, "kestra")
    token = "\"{{ secret('WAREHOUSE_API_TOKEN') }}\""
    if planted:
        token = project.plant(
            "KestraLiteralTok-8812", "flows/orders_quality.yml", "kestra-literal-secret"
        )
    extra = (
        """
            timeout: PT10M
            retry:
              type: constant
              maxAttempt: 3
              interval: PT30S
        errors:
          - id: alert
            type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
            url: "{{ secret('SLACK_WEBHOOK') }}"
        concurrency:
          limit: 1
        """
        if planted
        else ""
    )
    project.write(
        "flows/orders_quality.yml",
        f"""
        id: orders_quality
        namespace: analytics.quality
        inputs:
          - id: data_uri
            type: STRING
        tasks:
          - id: check_quality
            type: io.kestra.plugin.scripts.python.Script
            containerImage: python:3.12-slim
            beforeCommands:
              - pip install truthound-kestra polars
            env:
              WAREHOUSE_API_TOKEN: {token}
            script: |
              from truthound_kestra import check_quality_script
              check_quality_script(input_uri="{{{{ inputs.data_uri }}}}")
        """
        + extra,
    )
    return project


# --- Dagster (layout only) -------------------------------------------------------------------


def dagster_project(root: Path) -> SampleProject:
    project = SampleProject(root, "dagster")
    project.write(
        "orders/definitions.py",
        """
        from dagster import Definitions, EnvVar, asset
        from truthound_dagster import DataQualityResource


        @asset
        def orders():
            return []


        defs = Definitions(
            assets=[orders],
            resources={"data_quality": DataQualityResource(engine_name=EnvVar("DQ_ENGINE"))},
        )
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
