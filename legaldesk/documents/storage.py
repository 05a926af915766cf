"""The document store: each content once, in a file named by its SHA-256.

``LEGALDESK_DOCUMENTS_PATH/ab/abcdef…`` (the first two hex digits make a folder, so no
folder grows past a few thousand files). A file is written to a temporary name in
its final folder, synced to disk and renamed into place, so a reader never sees half
a file and a crash leaves at most a stray ``.upload-*`` file. Two uploads of the same
content at once both succeed: each renames identical bytes onto the same name. The
folder may be shared by several machines (NFS and the like): the rename is atomic
there too, and the name says what the content must be.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from legaldesk import private

_HEX64 = re.compile(r"[0-9a-f]{64}")


def path_of(root: str | os.PathLike[str], sha256: str) -> Path:
    if not _HEX64.fullmatch(sha256):
        raise ValueError("not a SHA-256 in hex")
    return Path(root) / sha256[:2] / sha256


def put(root: str | os.PathLike[str], data: bytes) -> str:
    """Keep ``data`` (unless the store holds it already); answers its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    target = path_of(root, digest)
    if target.is_file() and target.stat().st_size == len(data):
        return digest  # the same content, stored before
    private.folder(root)
    folder = private.folder(target.parent)
    handle, draft = tempfile.mkstemp(dir=folder, prefix=".upload-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(draft, target)
    except BaseException:
        Path(draft).unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return digest


def holds(root: str | os.PathLike[str], sha256: str) -> bool:
    return path_of(root, sha256).is_file()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (the folder's entry), where the system allows."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some shared file systems do not sync folders
    finally:
        os.close(handle)
