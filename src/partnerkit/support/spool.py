"""A text sink for large reports: what is written, kept as UTF-8 in chunks.

`io.StringIO` holds text at the width of its widest character: one `…` in a report of
150,000 lines makes all of it four bytes a character, and reading it back out copies
it twice more. At 10,000 files that was most of a run's peak memory. A `Spool` holds
the same text at its UTF-8 size and gives it back a chunk at a time.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

CHUNK = 1 << 16
"""Characters gathered before they are encoded into one chunk."""


class Spool(io.TextIOBase):
    """Write text as to a file; read it back with `chunks()` or `getvalue()`."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []
        self._pending: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending.append(text)
        self._size += len(text)
        if self._size >= CHUNK:
            self._seal()
        return len(text)

    def flush(self) -> None:
        """Nothing to do: a file-like sink need only accept it (Rich calls it)."""

    def _seal(self) -> None:
        if self._pending:
            self._chunks.append("".join(self._pending).encode("utf-8", "surrogatepass"))
            self._pending.clear()
            self._size = 0

    def chunks(self) -> Iterator[str]:
        """The text written, in pieces of about `CHUNK` characters each."""
        self._seal()
        for chunk in self._chunks:
            yield chunk.decode("utf-8", "surrogatepass")

    def getvalue(self) -> str:
        """All the text written, as one string (for small outputs and tests)."""
        return "".join(self.chunks())
