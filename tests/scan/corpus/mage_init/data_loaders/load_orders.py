import io

import pandas as pd
import requests

if "data_loader" not in globals():
    from mage_ai.data_preparation.decorators import data_loader
if "test" not in globals():
    from mage_ai.data_preparation.decorators import test


@data_loader
def load_data_from_api(*args, **kwargs):
    """Template code for loading data from any API."""
    url = (
        "https://raw.githubusercontent.com/mage-ai/datasets/master/restaurant_user_transactions.csv"
    )
    response = requests.get(url)
    return pd.read_csv(io.StringIO(response.text), sep=",")


@test
def test_output(output, *args) -> None:
    assert output is not None, "The output is undefined"
