if "transformer" not in globals():
    from mage_ai.data_preparation.decorators import transformer


@transformer
def transform(data, *args, **kwargs):
    # password and token columns are dropped before anything is stored
    return data.drop(columns=["password", "api_token"], errors="ignore")
