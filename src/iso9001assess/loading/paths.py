"""What every command says of an input path it cannot read: the same words for the same case, whichever command
(score, report, compare, ingest, batch, portfolio, checklists validate) met it.

- a missing file: ``no such file``;
- a missing folder (a folder on the way to the file, or a folder given as an input): ``no such folder: nodir``;
- a folder where a file is wanted: ``is a directory, not a file``;
- a file the system will not read (permissions, a file where a folder should be on the way):
  ``cannot read the file: <the reason>``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import os_reason
from ..i18n.text import Text, said

_SEPARATORS = tuple({"/", os.sep})


def unreadable_input(source: str | Path, exc: OSError, *, folders: bool = False) -> Text:
    """The words for ``exc``, met opening or reading the input ``source``; ``folders``: the command also takes
    a folder there, so a missing name without a suffix is taken for a folder."""
    if exc.errno == errno.ENOENT:
        return missing_input(source, folders=folders)
    if exc.errno == errno.EISDIR:
        return said("errors.file.directory")
    return said("errors.file.unreadable", reason=os_reason(exc))


def missing_input(source: str | Path, *, folders: bool = False) -> Text:
    """The words for an input that is not there: the first missing folder on its way, else the file (or the
    folder, when it was written as one: ``nodir/``, or a name without a suffix where folders are taken)."""
    written = str(source)
    path = Path(written)
    for folder in reversed(path.parents):
        if not folder.exists():
            return said("errors.path.no_folder", folder=str(folder))
    if written.endswith(_SEPARATORS) or (folders and not path.suffix):
        return said("errors.path.no_folder", folder=written.rstrip("".join(_SEPARATORS)) or written)
    return said("errors.path.no_file")


def input_problem(source: str | Path, *, folders: bool = False) -> Text | None:
    """Why ``source`` cannot be read as an input (None when it can be opened): checked before a command
    lists a folder or hands the file to a worker."""
    try:
        status = Path(source).stat()
    except OSError as exc:
        return unreadable_input(source, exc, folders=folders)
    if stat.S_ISDIR(status.st_mode):
        return None if folders else said("errors.file.directory")
    if not stat.S_ISREG(status.st_mode):  # a pipe or a device: reading it could wait for ever
        return said("errors.path.not_a_file")
    if not os.access(source, os.R_OK):
        return said("errors.file.unreadable", reason=said("errors.os.EACCES"))
    return None
