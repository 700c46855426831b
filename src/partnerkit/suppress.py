"""In-file suppressions: `# partnerkit: ignore[PK402]` on a line, `ignore-file[...]` for a file.

Without a code list the comment suppresses every finding it covers. A suppression
that suppresses nothing is itself reported (PK120), so stale comments do not pile up.
Suppressions are read while the file's text is at hand and applied when the run has
every finding of the file, the portfolio's duplicate ids (PK205) included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from partnerkit.codes import always_counts
from partnerkit.finding import Finding, Severity

_COMMENT = re.compile(r"#\s*partnerkit:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?")


@dataclass(frozen=True, slots=True)
class Suppression:
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

    Codes switched off by the configuration do not make a suppression unused.
    """
    if not suppressions:
        return findings
    used: dict[Suppression, set[str]] = {s: set() for s in suppressions}
    kept = []
    for finding in findings:
        if always_counts(finding.code):  # a broken file is never hidden by a comment
            kept.append(finding)
            continue
        hit = next((s for s in suppressions if s.covers(finding)), None)
        if hit is None:
            kept.append(finding)
        else:
            used[hit].add(finding.code)
    if not enabled("PK120"):
        return kept
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
            kept.append(
                Finding(
                    path,
                    s.line,
                    s.column,
                    "PK120",
                    Severity.WARNING,
                    f"unused suppression: {why}; remove it from the comment",
                )
            )
    return kept
