"""Errors that stop a command from running as asked (exit 2).

Problems in the checked content are never exceptions: they are `Finding`s.
"""


class UsageError(Exception):
    """The command cannot run as asked: a bad option, a missing path, a broken config."""
