"""Writing outputs without losing anything: atomic, no clobbering without `force`.

A report or document is written over regular files only: a symbolic link is followed
(the link stays), a character device or FIFO is written into (`-o /dev/null`), and
anything else that is not a file is refused, never replaced by one."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from partnerkit.support.errors import UsageError
from partnerkit.support.parallel import signals_held
from partnerkit.support.spool import Spool


def write_atomic(
    path: Path, data: str | bytes | Spool, *, force: bool = False, durable: bool = True
) -> None:
    """Write `data` to `path` in one step: readers see the old file or the new one, never half.

    Refuses to replace an existing file unless `force` (exit 2 with a message). With
    `durable` false the data is not forced to disk before the file takes its name: the
    caller syncs once for many files (`site`, before its manifest).
    """
    try:
        _write(path, data, force, durable)
    except OSError as exc:  # permissions, a file where a folder should be, a full disk
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write(path: Path, data: str | bytes | Spool, force: bool, durable: bool = True) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name a file to write")
    if path.is_symlink():  # write where it points; the link itself stays a link
        real = Path(os.path.realpath(path))
        if not real.exists():
            raise UsageError(f"{path} is a link to {real}, which does not exist; name a file")
        return _write(real, data, force, durable)
    if path.exists() and not path.is_file():
        return _write_into(path, payload)
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; it was left as it is (use --force to replace it)")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise UsageError(f"cannot write {path}: {blocking} is a file, not a folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when writing: reading (every check) does not pay for it

    tmp = None
    try:
        with signals_held():  # Ctrl-C waits until the file is known, to be removed
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            if isinstance(payload, Spool):
                for chunk in payload.chunks():
                    handle.write(chunk.encode("utf-8"))
            else:
                handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the file appeared meanwhile: never clobber
            except FileExistsError:
                raise UsageError(f"{path} already exists; it was left as it is") from None
            except OSError:  # no hard links on this file system
                os.replace(tmp, path)
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _write_into(path: Path, payload: bytes | Spool) -> None:
    """Write into a character device or a FIFO (`-o /dev/null`), as a shell redirection
    does; never replace it with a file. Anything else that is not a file is refused."""
    kind = _kind(path.stat().st_mode)
    if kind not in ("device", "FIFO"):
        raise UsageError(f"{path} is {kind}, not a file; name a file to write")
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "wb") as handle:
        if _kind(os.fstat(handle.fileno()).st_mode) != kind:  # replaced meanwhile
            raise UsageError(f"{path} changed while it was opened; it was left as it is")
        for chunk in payload.chunks() if isinstance(payload, Spool) else (payload,):
            handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISBLK(mode):
        return "a disk (a block device)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file" if stat.S_ISREG(mode) else "not a file"


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new one the usual umask-based mode."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(text: str | Spool, output: Path | None, *, force: bool = False) -> None:
    """Write to `output`, or to standard output when it is None or `-`."""
    if output is None or str(output) == "-":
        for chunk in text.chunks() if isinstance(text, Spool) else (text,):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        write_atomic(output, text, force=force)


def use_color(option: bool | None, stream: object = None) -> bool:
    """Colour when asked, or when writing to a terminal and `NO_COLOR` is not set."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def plain_width(default: int) -> int:
    """Width for plain (non-terminal) Rich output: `COLUMNS` when set, else `default`."""
    try:
        return max(40, int(os.environ.get("COLUMNS", default)))
    except ValueError:
        return default


class TooLarge(Exception):
    """The file has more bytes than the limit (known while reading, not from its size)."""

    def __init__(self, size: int | None) -> None:
        super().__init__()
        self.size_text = f"is {size / 1048576:.1f} MB," if size is not None else "is"


class NotRegular(Exception):
    """The path is a device, a FIFO or a socket: never read."""


def read_limited(path: Path, max_bytes: int, *, head: bool = False) -> bytes:
    """The bytes of a regular file (a symlink to one is fine), never more than `max_bytes`.

    Opened without blocking, so a FIFO cannot hang the run, checked with `fstat` on
    the open file, and read with a limit, so a file that grows (or a device that
    claims size 0, such as `/dev/zero`) cannot exhaust memory. With `head`, the first
    `max_bytes` of a larger file are returned instead of refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular("it is not a regular file (a device, FIFO or socket)")
        if info.st_size > max_bytes and not head:
            raise TooLarge(info.st_size)
        raw = _read_upto(fd, max_bytes + (not head), info.st_size)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise TooLarge(None)
    return raw


def _read_upto(fd: int, limit: int, size: int) -> bytes:
    """At most `limit` bytes of `fd`: first what `fstat` promised (and one more, to see
    the end), then on if the file grew. Unbuffered: a buffered read of `limit` bytes
    allocates all of them, several megabytes per file."""
    first = min(limit, size + 1)
    parts = [os.read(fd, first)]
    got = len(parts[0])
    if got < first:  # the end, where fstat said
        return parts[0]
    while parts[-1] and got < limit:
        parts.append(os.read(fd, min(limit - got, 1 << 20)))
        got += len(parts[-1])
    return parts[0] if len(parts) == 1 else b"".join(parts)
