from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    Backoff,
    FreshnessPolicy,
    RetryPolicy,
    asset,
    asset_check,
)

type Row = dict[str, object]


def first[T](items: list[T]) -> T | None:
    return items[0] if items else None


@asset(
    retry_policy=RetryPolicy(max_retries=3, delay=30, backoff=Backoff.EXPONENTIAL),
    freshness_policy=FreshnessPolicy(maximum_lag_minutes=120),
    op_tags={"dagster/max_retries": 2, "dagster/max_runtime": 1800},
)
def orders() -> list[Row]:
    return [{"id": 1}]


@asset_check(asset=orders, blocking=True)
def orders_check(orders: list[Row]) -> AssetCheckResult:
    missing = [row for row in orders if row.get("id") is None]
    return AssetCheckResult(
        passed=not missing,
        severity=AssetCheckSeverity.WARN,
        metadata={"label": f"{'missing'} ids: {len(missing)}"},
    )
