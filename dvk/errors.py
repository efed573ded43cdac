"""The few errors dvk raises; each message is Vietnamese, written for the clerk who reads it."""


class DvkError(Exception):
    """A problem the user can fix; the command prints the message and stops."""


class ConfigError(DvkError):
    """A data file in mappings/ or a configuration file is wrong."""


class SourceError(DvkError):
    """An input file cannot be read at all."""
