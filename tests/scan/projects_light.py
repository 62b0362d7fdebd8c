"""Smaller sample projects (Mage, Kestra, and Dagster for layout detection); see projects.py."""

from __future__ import annotations

from pathlib import Path

from tests.scan.projects_base import SampleProject

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
