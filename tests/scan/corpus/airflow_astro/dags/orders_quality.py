"""Orders quality checks, run after the nightly load."""

from datetime import datetime, timedelta

from airflow.decorators import dag, task
from truthound_airflow import DataQualityCheckOperator

WAREHOUSE_DSN = """
# the reporting replica, read only
postgresql://reporter:${CORPUS_REPLICA_PASSWORD}@replica.internal:5432/orders
"""

default_args = {
    "owner": "analytics",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "email_on_failure": True,
    "email": ["data-alerts@example.com"],
}


@dag(
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    default_args=default_args,
    max_active_tasks=4,
    dagrun_timeout=timedelta(hours=2),
)
def orders_quality():
    DataQualityCheckOperator(
        task_id="check_orders",
        connection_id="warehouse",
        rules=[{"type": "not_null", "column": "order_id"}],
        execution_timeout=timedelta(minutes=30),
    )

    @task(retries=0)
    def report(password_field: str = "password"):
        return {"password": "********", "token": "<redacted>"}

    report()


orders_quality()
