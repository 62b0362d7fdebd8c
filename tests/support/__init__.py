"""Helpers shared by test packages: real interpreters and virtual environments to probe."""
