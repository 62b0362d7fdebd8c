"""Errors that reach the operator, each carrying the exit code it means."""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_READY = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class ReadinessError(Exception):
    """An error with a one-paragraph message for the operator and a meaningful exit code."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class BadInputError(ReadinessError):
    """Bad input or usage: exit code 2."""

    exit_code = EXIT_BAD_INPUT


class ReviewFileError(BadInputError):
    """A review file that cannot be read, parsed, validated or safely written."""


class AnswerRejected(BadInputError):
    """An answer that fails its question's validation; nothing was saved."""
