"""Writing an edited file back: under an advisory lock, atomically, as the file was.

`edit_lock` is held from the read an edit is computed from until the new text is in
place, so two partnerkit commands editing one file take turns instead of one losing
the other's change. It is `flock` on the file itself (a lock file beside it would be
left behind in the user's folder); where `flock` does not exist (Windows) or the file
system refuses it, editing goes on without it and the comparison in `write_in_place`
is the only guard, as it is against editors, which take no lock.

`write_in_place` refuses a read-only file, as editors do, keeps the mode, owner and
group, and says when the file had other names (hard links) that keep the old text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from partnerkit.editing.splice import EditError

LOCK_WAIT = 30.0  # seconds to wait for another command's edit of the same file


@contextlib.contextmanager
def edit_lock(path: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock on the file at `path` (a no-op where none exists);
    wait at most `wait` seconds (default `LOCK_WAIT`) for another command's edit."""
    fd = _lock(path, LOCK_WAIT if wait is None else wait)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the lock


def _lock(path: Path, wait: float) -> int | None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks
        return None
    deadline = time.monotonic() + wait
    while True:
        try:  # without blocking, so a FIFO cannot hang (loading refuses it)
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None  # loading the file says what is wrong with it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise EditError(
                    f"another command has been editing {path} for {wait:.0f} s; "
                    "try again when it has finished"
                ) from None
            time.sleep(0.02)
            continue
        except OSError:  # a file system without locks: go on without one
            os.close(fd)
            return None
        if _same_file(fd, path):
            return fd
        os.close(fd)  # the file was replaced while we waited: lock the new one


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


def refuse_read_only(path: Path) -> None:
    """EditError when the file is read-only: no write permission bit, or none for us."""
    try:
        info = os.stat(path)
    except OSError:
        return  # loading the file says what is wrong with it
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        mode = stat.S_IMODE(info.st_mode)
        raise EditError(
            f"the file is read-only (mode {mode:04o}), so it was left as it is; make it "
            f"writable (chmod u+w) if it should change"
        )


def write_in_place(path: Path, data: bytes, *, expect: bytes) -> list[str]:
    """Replace a file atomically, keeping its mode, owner and group; refuse when it is
    read-only or its bytes are no longer `expect` (the bytes the edit was made from).

    The temporary file is made in the file's own folder, so `os.replace` is one
    rename on one file system. A symbolic link is followed only to a file in the
    same folder (the link itself stays). Returns notes for the user: the file's
    other names (hard links) that keep the old text, an owner that could not be kept."""
    import tempfile

    target = path
    if path.is_symlink():
        target = path.resolve()
        if target.parent != path.parent.resolve():
            raise EditError(f"{path} is a link to a file in another folder; edit {target} itself")
    try:
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode):
            raise EditError(f"{path} is not a regular file")
        refuse_read_only(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise EditError(f"cannot write next to {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        notes = _keep_owner(tmp, info)
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if target.read_bytes() != expect:
            raise EditError("the file changed while partnerkit was editing it; run again")
        os.replace(tmp, target)
    except OSError as exc:
        raise EditError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    if info.st_nlink > 1:
        others = info.st_nlink - 1
        notes.append(
            f"the file had {others} other name{'s' if others > 1 else ''} (hard link"
            f"{'s' if others > 1 else ''}); the edit is a new file, so "
            f"{'they keep' if others > 1 else 'it keeps'} the old text"
        )
    return notes


def _keep_owner(tmp: str, info: os.stat_result) -> list[str]:
    """Give the new file the old one's owner and group (root can; others keep theirs)."""
    made = os.stat(tmp)
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid):
        return []
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except (PermissionError, AttributeError):
        with contextlib.suppress(PermissionError, AttributeError):
            os.chown(tmp, -1, info.st_gid)  # the group, at least, when we belong to it
        return [
            "the file now belongs to you: its owner could not be kept (only an "
            "administrator can give a file to someone else)"
        ]
    return []
