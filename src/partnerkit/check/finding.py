"""The one record every check produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from partnerkit.support.records import Record

COUNTED_REST = "… and "
"""How the one finding that counts the repeats of a code past the listed ones begins."""


def more_like_this(more: int) -> str:
    """The message of the finding that stands for `more` repeats not listed."""
    return f"{COUNTED_REST}{more:,} more like this from here on (not listed); fix those first"

Loc = tuple[str | int, ...]
"""A path into a file's data: `("partners", 1, "benefits")`."""


class Severity(StrEnum):
    """How much a finding matters: errors fail a check, warnings only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding(Record):
    """A located problem in one file.

    `line` and `column` are 1-based. `field` is the dotted path of the value the
    finding is about (`partners[1].benefits`), stable across edits, used for SARIF
    fingerprints.
    """

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    field: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


def field_path(parts: Loc | list[str | int]) -> str:
    """Render a location tuple as `partners[1].benefits`."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
