from prefect import flow, task
from prefect.blocks.system import Secret
from prefect_sqlalchemy import ConnectionComponents, SqlAlchemyConnector, SyncDriver


def notify(flow, flow_run, state):
    print(f"{flow.name} finished as {state.name}")


@task(retries=3, retry_delay_seconds=[10, 30, 90], timeout_seconds=600)
def extract() -> list[int]:
    return [1, 2, 3]


@flow(on_completion=[notify], on_failure=[notify])
def orders_flow() -> None:
    rows = extract()
    result = check(rows, return_state=True, raise_on_failure=False)
    print(result)


@task
def check(rows: list[int]) -> bool:
    return all(rows)


def save_blocks() -> None:
    Secret(value="${CORPUS_PREFECT_SECRET}").save("orders-api", overwrite=True)
    SqlAlchemyConnector(
        connection_info=ConnectionComponents(
            driver=SyncDriver.POSTGRESQL_PSYCOPG2,
            username="orders",
            password="${CORPUS_PREFECT_DB_PASSWORD}",
            host="db.internal",
            database="orders",
        )
    ).save("orders-db")
