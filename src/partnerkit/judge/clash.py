"""A place where one section of a file contradicts another (the PK6xx findings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Loc = tuple[str | int, ...]

BLOCKING = frozenset({"PK601", "PK602", "PK603", "PK611", "PK621", "PK622"})
"""Contradictions that must be settled before partners sign: they count against
readiness and documents list them as open points. The other PK6xx codes are warnings
only (a guess from wording, or a signature already given)."""


@dataclass(frozen=True, slots=True)
class Clash:
    """One contradiction: the value that contradicts (`loc`), a message whose parts are
    text or the places it contradicts (each `Loc` is named where it is shown), and for
    those that block signing the open point as a document states it (no codes, no keys;
    dates as YYYY-MM-DD, which documents write out)."""

    code: str
    loc: Loc
    parts: tuple[str | Loc, ...]
    plain: str = ""  # for a clash that blocks signing: the open point, in the reader's words

    @property
    def blocks(self) -> bool:
        return self.code in BLOCKING

    @property
    def others(self) -> tuple[Loc, ...]:
        """The places the value contradicts, in the order the message names them."""
        return tuple(x for x in self.parts if isinstance(x, tuple))

    def message(self, where: Callable[[Loc], str]) -> str:
        """The finding's text, each other place named by `where` (a line, or a path)."""
        return "".join(x if isinstance(x, str) else where(x) for x in self.parts)


def amount(value: float, currency: str | None) -> str:
    """`USD 48,000`, `EUR 1,250.50`; an amount without currency is the number alone."""
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{currency} {shown}" if currency else shown
