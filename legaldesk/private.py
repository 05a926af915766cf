"""Files that hold privileged content belong to the desk's user alone.

The SQLite database (with its -wal, -shm and -journal siblings), backups, key files and
the instance folder are made owner-only whatever the umask: with the usual umask 022
every local user could otherwise read the consultations. Files are created with their
mode from the start (no moment in which another user could open them), and a file left
readable by an older version is tightened when the desk next opens it.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from urllib.parse import unquote

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SQLITE_SIBLINGS = ("", "-wal", "-shm", "-journal")


def folder(path: str | os.PathLike[str]) -> Path:
    """Make ``path`` (and missing parents) if it is missing; a folder we make is 0700.
    An existing folder is left as its owner set it."""
    path = Path(path)
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=FOLDER_MODE)
            os.chmod(path, FOLDER_MODE)  # mkdir's mode is filtered by the umask
        except FileExistsError:
            pass  # another process made it at the same moment
    return path


def create_file(path: str | os.PathLike[str]) -> None:
    """Create ``path`` empty and 0600 unless it exists (an existing file is untouched,
    so that /dev/null or a file of another owner keeps its mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        return
    os.chmod(path, FILE_MODE)


def tighten(path: str | os.PathLike[str]) -> None:
    """Take group and other permissions away from an existing regular file of ours."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode) or not info.st_mode & 0o077:
        return
    try:
        os.chmod(path, info.st_mode & 0o700)
    except OSError as error:  # not ours: say so rather than stop the desk
        log.warning("cannot make %s private: %s", path, error.strerror)


def tighten_sqlite(database: str | os.PathLike[str]) -> None:
    """The database file and every sibling SQLite keeps beside it. Siblings made later
    take the database file's mode (SQLite copies it), so they are private too."""
    for suffix in SQLITE_SIBLINGS:
        tighten(f"{os.fspath(database)}{suffix}")


def sqlite_filename(name: str, uri: bool) -> str | None:
    """The file behind a pysqlite connect argument, or None for memory databases."""
    if uri:
        if not name.startswith("file:"):
            return None
        path, _, query = name[len("file:") :].partition("?")
        if "mode=memory" in query:
            return None
        name = unquote(path)
    if not name or name == ":memory:":
        return None
    return name
