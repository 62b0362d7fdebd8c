"""truthound-readiness: decide, with evidence, whether a Truthound integration is ready."""

__version__ = "0.1.0"
