"""Errors claimcheck raises, each carrying where the problem is and how to fix it.

The tree::

    ClaimcheckError(Exception)             every error below; has .location and .hint
     +-- ClaimFileError(ValueError)        a claim file that cannot be read as YAML claims
     |    +-- ClaimValidationError         one claim entry is invalid (unknown field, bad type, ...)
     |         +-- ExpectationSyntaxError  an `expect:` or one-line statement that does not parse
     +-- SourceError(OSError)              a source that cannot be found, read or decoded
     +-- PluginError(RuntimeError)         a plugin's hook raised or returned the wrong type

Line and column numbers are 1-based in every message (``file:line:col``), the way compilers
and editors print them. Only ``reportinfo()`` in the pytest plugin uses pytest's 0-based line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ClaimFileError",
    "ClaimValidationError",
    "ClaimcheckError",
    "ExpectationSyntaxError",
    "Location",
    "PluginError",
    "SourceError",
]


@dataclass(frozen=True, order=True)
class Location:
    """A position in a file: 1-based line and column; either may be unknown (None)."""

    path: Path
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.col is not None:
                text += f":{self.col}"
        return text


class ClaimcheckError(Exception):
    """Base of every claimcheck error: a message, where it happened, and a hint to fix it."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ClaimFileError(ClaimcheckError, ValueError):
    """A claim file that cannot be read: YAML syntax, a missing `claims:` list, a bad `sources:`."""


class ClaimValidationError(ClaimFileError):
    """One claim entry is invalid; the other claims of its file still run."""


class ExpectationSyntaxError(ClaimValidationError):
    """An `expect:` value or a one-line claim statement that does not parse."""


class SourceError(ClaimcheckError, OSError):
    """A source that cannot be found, read or decoded as UTF-8."""


class PluginError(ClaimcheckError, RuntimeError):
    """A plugin's hook implementation raised, or returned a value of the wrong type."""
