"""One screen per module: setup, review, item detail, waiver, keys."""
