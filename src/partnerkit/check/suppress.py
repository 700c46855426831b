"""In-file suppressions: `# partnerkit: ignore[PK402]` on a line, `ignore-file[...]` for a file.

Without a code list the comment suppresses every finding it covers. A suppression
that suppresses nothing is itself reported (PK120), so stale comments do not pile up.
Suppressions are read while the file's text is at hand and applied when the run has
every finding of the file, the portfolio's duplicate ids (PK205) included.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from partnerkit.check.codes import always_counts
from partnerkit.check.finding import COUNTED_REST, Finding, Severity
from partnerkit.support.records import Record
from partnerkit.yamlio import MAX_SAME_PROBLEM

_COMMENT = re.compile(r"#\s*partnerkit:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?")


@dataclass(frozen=True, slots=True)
class Suppression(Record):
    line: int
    column: int
    whole_file: bool
    codes: frozenset[str]  # empty: every code

    def covers(self, finding: Finding) -> bool:
        if not self.whole_file and finding.line != self.line:
            return False
        return not self.codes or finding.code in self.codes


def parse_suppressions(text: str) -> tuple[Suppression, ...]:
    """Every suppression comment in the text, with its 1-based position."""
    if "ignore" not in text:
        return ()
    found = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if "#" not in line:
            continue
        for match in _COMMENT.finditer(line):
            codes = frozenset(
                c.strip().upper() for c in (match.group(2) or "").split(",") if c.strip()
            )
            found.append(
                Suppression(number, match.start() + 1, match.group(1) == "ignore-file", codes)
            )
    return tuple(found)


def apply_suppressions(
    findings: list[Finding],
    suppressions: tuple[Suppression, ...],
    path: str,
    enabled: Callable[[str], bool] = lambda code: True,
) -> list[Finding]:
    """Drop suppressed findings and add PK120 for suppressions that matched nothing.

    Codes switched off by the configuration do not make a suppression unused. Past
    `MAX_SAME_PROBLEM` unused suppressions, one more finding counts the rest, as for
    every other finding that a file can repeat without end.
    """
    if not suppressions:
        return findings
    used: dict[Suppression, set[str]] = {s: set() for s in suppressions}
    kept = []
    covering = _Index(suppressions)
    for finding in findings:
        hit = None if always_counts(finding.code) else covering.first(finding)
        if hit is None:  # a broken file is never hidden by a comment
            kept.append(finding)
        else:
            used[hit].add(finding.code)
    if enabled("PK120"):
        # Past the listed findings of a code the rest are counted, not located: a comment
        # naming that code may well cover one of them, so it is not called unused.
        counted = {f.code for f in findings if f.message.startswith(COUNTED_REST)}
        kept.extend(_unused(suppressions, used, path, lambda c: enabled(c) and c not in counted))
    return kept


class _Index:
    """The suppressions by line, so that matching stays linear in findings plus comments."""

    def __init__(self, suppressions: tuple[Suppression, ...]) -> None:
        self.order = {s: i for i, s in enumerate(suppressions)}
        self.whole_file = [s for s in suppressions if s.whole_file]
        self.by_line: dict[int, list[Suppression]] = {}
        for s in suppressions:
            if not s.whole_file:
                self.by_line.setdefault(s.line, []).append(s)

    def first(self, finding: Finding) -> Suppression | None:
        """The first suppression in the file that covers the finding."""
        hits = [s for s in self.by_line.get(finding.line, ()) if s.covers(finding)]
        hits += [s for s in self.whole_file if s.covers(finding)]
        return min(hits, key=self.order.__getitem__) if hits else None


def _unused(
    suppressions: tuple[Suppression, ...],
    used: dict[Suppression, set[str]],
    path: str,
    enabled: Callable[[str], bool],
) -> list[Finding]:
    """PK120 for each code a suppression names and nothing here reports; the rest counted."""

    found: list[Finding] = []
    for s in suppressions:
        if s.codes:
            unused = [c for c in sorted(s.codes - used[s]) if enabled(c)]
        else:
            unused = [] if used[s] else ["any finding"]
        for code in unused:
            why = (
                f"{code} cannot be suppressed: broken YAML, schema and reference problems "
                "always count"
                if always_counts(code)
                else f"nothing here is reported as {code}"
            )
            message = f"unused suppression: {why}; remove it from the comment"
            found.append(Finding(path, s.line, s.column, "PK120", Severity.WARNING, message))
    if len(found) <= MAX_SAME_PROBLEM:
        return found
    more, first = len(found) - MAX_SAME_PROBLEM, found[MAX_SAME_PROBLEM]
    message = (
        f"… and {more:,} more unused suppressions from here on (not listed); "
        "remove the suppression comments that suppress nothing"
    )
    return [*found[:MAX_SAME_PROBLEM], dataclasses.replace(first, message=message)]
