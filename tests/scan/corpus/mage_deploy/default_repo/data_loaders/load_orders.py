from mage_ai.data_preparation.decorators import data_loader
from mage_ai.data_preparation.shared.secrets import get_secret_value


@data_loader
def load(*args, **kwargs):
    token = get_secret_value("orders_api_token")
    return {"token_present": bool(token)}
