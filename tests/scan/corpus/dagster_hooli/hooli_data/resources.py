from dagster import ConfigurableResource

SNOWFLAKE_ACCOUNT = "hooli.eu-central-1"
API_TOKEN = "${CORPUS_HOOLI_API_TOKEN}"
DEFAULT_TOKEN = "changeme"


class WarehouseResource(ConfigurableResource):
    password: str
    user: str = "dagster"
