"""Domain errors: the library raises these, the CLI turns them into a message and exit 2."""

from __future__ import annotations


class ChronoError(Exception):
    """A problem the user can act on: what went wrong, and what to do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(ChronoError):
    """An input file or folder cannot be read as a chronology."""


class ConfigError(ChronoError):
    """chrono.toml or a command-line override is not valid."""


class OutputError(ChronoError):
    """An output cannot be written where asked."""
