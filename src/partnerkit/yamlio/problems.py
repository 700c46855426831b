"""A located reason a text is not a usable YAML mapping, and PyYAML's errors as one."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from partnerkit.yamlio.positions import REAL_BREAK, mark_position
from partnerkit.yamlio.traps import colon_in_text


@dataclass(frozen=True, slots=True)
class Problem:
    """A located reason the text is not a usable YAML mapping (1-based)."""

    code: str
    line: int
    column: int
    message: str


class YamlProblems(Exception):
    """Raised by `parse` with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "")
        self.problems = problems


def reader_problem(exc: yaml.reader.ReaderError, text: str) -> Problem:
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        "PK106",
        line,
        column,
        f"the control character U+{exc.character:04X} is not allowed in YAML; remove it",
    )


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = mark_position(mark) if mark is not None else (1, 1)
    problem = exc.problem or "invalid YAML"
    lines = REAL_BREAK.split(text)
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = src[: len(src) - len(src.lstrip(" \t"))]
    if "\t" in problem or "\t" in indent:
        tab_col = src.find("\t") + 1 if "\t" in src else col
        return Problem(
            "PK108",
            line,
            tab_col,
            "a tab is used for indentation; YAML indents with spaces only — replace the tab "
            "with spaces",
        )
    if "another document" in problem:
        return Problem(
            "PK104",
            line,
            col,
            "a second YAML document starts here (`---`); keep one partnership per file",
        )
    if "mapping values are not allowed" in problem and (told := colon_in_text(text, line)):
        return Problem("PK101", line, col, told[0].upper() + told[1:])
    context = f" {exc.context}" if exc.context else ""
    where = ""
    cm, pm = exc.context_mark, exc.problem_mark
    if cm is not None and pm is not None and cm.line != pm.line:
        where = f" (started on line {cm.line + 1})"
    return Problem("PK101", line, col, f"YAML syntax error: {problem}{context}{where}".strip())
