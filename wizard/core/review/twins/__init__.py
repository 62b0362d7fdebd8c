"""The pydantic definitions of the stored structures: what a valid file is (see core/plain.py)."""
