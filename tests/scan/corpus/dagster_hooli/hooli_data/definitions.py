from dagster import Definitions, EnvVar

from hooli_data.assets.orders import orders, orders_check
from hooli_data.resources import WarehouseResource

defs = Definitions(
    assets=[orders],
    asset_checks=[orders_check],
    resources={"warehouse": WarehouseResource(password=EnvVar("WAREHOUSE_PASSWORD"))},
)
