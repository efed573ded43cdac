"""Every error dvk raises for a person to read, and the one exit-code rule.

Each message is Vietnamese, written for the clerk who reads it. Anything that is not a
DvkError is a bug or an outside failure (network, disk) and is reported as such.
"""

from __future__ import annotations

EXIT_USER_ERROR = 2  # every DvkError: the user can fix it; nothing (more) was written


class DvkError(Exception):
    """A problem the user can fix; the command prints the message and stops."""

    exit_code = EXIT_USER_ERROR


class ConfigError(DvkError):
    """A data file in mappings/ or a configuration file is wrong."""


class SourceError(DvkError):
    """An input file (a source, the register, registrations.csv) is missing or cannot be read."""


class ParameterError(DvkError):
    """The parameters of a run (CLI options or the Prefect form) are wrong; nothing was read yet."""


class CountMismatch(DvkError):
    """Rows in ≠ rows out + rejected + superseded: something was lost, so nothing is written."""


class EvaluationInvalid(DvkError):
    """The staff's evaluation columns in the register have problems; no decision, no number."""

    def __init__(self, checked) -> None:
        super().__init__(checked.message())
        self.checked = checked


class NothingToDecide(DvkError):
    """No register row is marked recognised: there is no decision to write."""


class NumberingError(DvkError):
    """A number cannot be given (already used, register locked or damaged)."""


class OutputError(DvkError):
    """An output folder or file cannot be written (read-only, a file in the way, disk full, locked)."""


class OutputBusy(OutputError):
    """Another run is writing to the same output folder."""


class EmptyRerun(DvkError):
    """A run that read no registration would replace a non-empty list with an empty one."""


class PrefectUnavailable(DvkError):
    """Prefect's temporary server did not start (a busy or slow computer); nothing was run."""


def exit_code(error: BaseException) -> int:
    """The process exit code for an error that ends a command."""
    return getattr(error, "exit_code", 1)
