"""The one evaluation from (review, evidence, today) to the status of every item and layer."""
