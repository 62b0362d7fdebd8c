"""truthound-readiness: decide, with evidence, whether a Truthound integration is production-ready."""

__version__ = "0.1.0"
