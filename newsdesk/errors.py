"""Errors a newsroom user can act on. The CLI prints their message, never a traceback."""


class NewsdeskError(Exception):
    """A user-facing error: the message says what is wrong and, where it helps, what to do."""


class EditionFileError(NewsdeskError):
    """An edition file could not be read: corrupt, truncated, wrong type or a future version."""


class CopyImportError(NewsdeskError):
    """A copy (text) file could not be read."""


class FontError(NewsdeskError):
    """A font is missing or unusable."""
