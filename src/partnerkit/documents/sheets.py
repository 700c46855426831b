"""Spreadsheets in and out of the review cycle: the rating form, ratings and results.

A rating sheet has one row per respondent: `respondent, partner, commitment, …,
collaboration, comments`, ratings 1 to 5 (blank: not rated). A results sheet has
`criterion, date, value` (and an optional `note`). Reading either checks every row
before anything is used; every problem is a `SheetProblem` naming the row and
column, as a spreadsheet shows them (row 1 is the header, column 1 is A).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.format.types import ISO_DATE
from partnerkit.support.sanitize import csv_cell, printable, printable_path

FORM_COLUMNS = ("respondent", "partner", *SIX_CS, "comments")
RESULT_COLUMNS = ("criterion", "date", "value")
RATING = re.compile(r"[1-5]")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # [0-9]: ASCII digits only
MAX_DIGITS = 15


@dataclass(frozen=True, slots=True)
class SheetProblem:
    row: int
    column: int
    message: str

    def located(self, name: str) -> str:
        return f"{printable_path(name)}:{self.row}:{self.column}: {printable(self.message)}"


class SheetError(Exception):
    """A sheet that cannot be used; `problems` says where and why."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def rating_form(p: Partnership) -> str:
    """A CSV ready for a spreadsheet or survey tool: one row per partner to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FORM_COLUMNS)
    for x in p.partners:
        who = x.spokesperson.name if x.spokesperson else ""
        writer.writerow([csv_cell(who), x.id, *([""] * len(SIX_CS)), ""])
    return out.getvalue()


SEMICOLONS = (
    "this file is separated by semicolons, not commas (as a spreadsheet set to a language "
    "that writes 2,5 for two and a half saves it): save it again as CSV with commas, for "
    'example "CSV UTF-8 (Comma delimited)"'
)


def _rows(
    data: bytes, required: Sequence[str], optional: Sequence[str] = ()
) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Decode and split a CSV: the header's columns (0-based) and the rows with their numbers.

    Refused: a column read here named twice, and a quote left open, which would take the
    rows after it into one cell (they would vanish without a word)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise SheetError(
            [
                SheetProblem(
                    row, 1, 'the file is not UTF-8 text: save it as "CSV UTF-8" and try again'
                )
            ]
        ) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SheetError([SheetProblem(1, 1, f"not a readable CSV file: {exc}")]) from None
    if not rows:
        raise SheetError([SheetProblem(1, 1, "the file is empty: it needs a header row")])
    header = _header(rows[0], (*required, *optional))
    missing = [c for c in required if c not in header]
    if missing and len(rows[0]) == 1 and ";" in rows[0][0]:
        raise SheetError([SheetProblem(1, 1, SEMICOLONS)])
    if missing:
        raise SheetError(
            [
                SheetProblem(
                    1,
                    len(rows[0]) + 1,
                    f"missing column `{c}`: the header needs {', '.join(required)}",
                )
                for c in missing
            ]
        )
    open_quote = _open_quote(rows, text, len(required))
    if open_quote:
        raise SheetError(open_quote)
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    return header, body


def _header(names: list[str], known: Sequence[str]) -> dict[str, int]:
    """Column name -> index; a column read here that appears twice is refused, naming both."""
    header: dict[str, int] = {}
    problems = []
    for i, name in enumerate(names):
        key = name.strip().lower()
        if not key:
            continue
        if key in header and key in known:
            problems.append(
                SheetProblem(
                    1,
                    i + 1,
                    f"columns {_letter(header[key])} and {_letter(i)} are both `{key}`: "
                    "keep one of them (partnerkit would not know which to read)",
                )
            )
            continue
        header.setdefault(key, i)
    if problems:
        raise SheetError(problems)
    return header


def _letter(index: int) -> str:
    """A 0-based column as a spreadsheet names it: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _open_quote(rows: list[list[str]], text: str, width: int) -> list[SheetProblem]:
    """A cell that runs over several lines and takes in what are rows of their own (as
    many commas as a row has), or a quote never closed: the row and column where it opens."""
    unclosed = False
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error as exc:  # only a quote open at the end, not text after a closing quote
        unclosed = "end of data" in str(exc)
    problems = []
    for n, row in enumerate(rows, start=1):
        for i, cell in enumerate(row):
            lines = cell.splitlines()
            swallowed = [x for x in lines[1:] if x.count(",") >= width - 1]
            last = n == len(rows) and i == len(row) - 1
            if len(lines) > 1 and (swallowed or (unclosed and last)):
                problems.append(
                    SheetProblem(
                        n,
                        i + 1,
                        f'a quote (") opens this cell and is not closed where the cell '
                        f"should end, so the {len(lines) - 1} line(s) after it are read as "
                        'part of it: close the quote, or write a quote inside text as ""',
                    )
                )
    return problems


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


@dataclass
class Ratings:
    """What a rating sheet says: each partner's mean per C, respondents and comments."""

    means: dict[str, dict[str, float]] = field(default_factory=dict)  # partner -> C -> mean
    respondents: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def joint(self) -> dict[str, float]:
        """Per C, the mean of the partners' means (each partner counts once)."""
        out = {}
        for c in SIX_CS:
            given = [m[c] for m in self.means.values() if c in m]
            if given:
                out[c] = sum(given) / len(given)
        return out


def read_ratings(data: bytes, partner_ids: Sequence[str]) -> Ratings:
    header, body = _rows(data, FORM_COLUMNS[:-1], ("comments",))
    problems: list[SheetProblem] = []
    given: dict[str, dict[str, list[int]]] = {}
    result = Ratings()
    seen: set[str] = set()
    ids = set(partner_ids)
    for n, row in body:
        partner = _cell(row, header["partner"])
        if partner not in ids:
            known = ", ".join(partner_ids[:10]) + (", …" if len(partner_ids) > 10 else "")
            what = f"unknown partner `{partner}`" if partner else "no partner"
            problems.append(SheetProblem(n, header["partner"] + 1, f"{what}: use one of {known}"))
            continue
        for c in SIX_CS:
            raw = _cell(row, header[c])
            if not raw:
                continue
            if not RATING.fullmatch(raw):
                problems.append(
                    SheetProblem(
                        n,
                        header[c] + 1,
                        f"{c} is `{printable(raw)}`: ratings are whole numbers 1 to 5, "
                        "written with the digits 1, 2, 3, 4 or 5",
                    )
                )
                continue
            given.setdefault(partner, {}).setdefault(c, []).append(int(raw))
        who = _cell(row, header["respondent"])
        if who and who not in seen:  # a set: a sheet of 75,000 respondents stays linear
            seen.add(who)
            result.respondents.append(who)
        if "comments" in header and (note := _cell(row, header["comments"])):
            result.comments.append(f"{who or partner}: {note}")
    if problems:
        raise SheetError(problems)
    if not given:
        raise SheetError([SheetProblem(2, 1, "no ratings in the sheet")])
    result.means = {pid: {c: sum(v) / len(v) for c, v in cs.items()} for pid, cs in given.items()}
    return result


@dataclass(frozen=True, slots=True)
class Result:
    criterion: int  # index in success.criteria
    date: dt.date
    value: float
    note: str | None = None


def read_results(
    data: bytes, criteria: Sequence[str], units: Sequence[str | None] = ()
) -> list[Result]:
    """The results of a sheet; `units` (one per criterion) lets `80%` stand for 80 where
    the criterion is measured in %."""
    header, body = _rows(data, RESULT_COLUMNS, ("note",))
    by_name = {name.strip().lower(): i for i, name in enumerate(criteria)}
    problems: list[SheetProblem] = []
    out = []
    for n, row in body:
        name, day, value = (_cell(row, header[k]) for k in RESULT_COLUMNS)
        index = by_name.get(name.lower())
        if index is None:
            known = "; ".join(criteria) or "none in the file"
            problems.append(
                SheetProblem(
                    n, header["criterion"] + 1, f"unknown criterion `{name}`: the file has {known}"
                )
            )
        when = _date(day)
        if when is None:
            problems.append(
                SheetProblem(
                    n,
                    header["date"] + 1,
                    f"date `{printable(day)}` is not a date written YYYY-MM-DD "
                    "(such as 2026-11-30)",
                )
            )
            continue
        number = _percent(value, units[index] if index is not None and index < len(units) else None)
        if number is None:
            number = _number(value)
        if isinstance(number, str):
            problems.append(SheetProblem(n, header["value"] + 1, number))
            continue
        note = _cell(row, header["note"]) if "note" in header else ""
        if index is not None:
            out.append(Result(index, when, number, note or None))
    if problems:
        raise SheetError(problems)
    if not out:
        raise SheetError([SheetProblem(2, 1, "no results in the sheet")])
    return out


def _date(text: str) -> dt.date | None:
    """A date written YYYY-MM-DD (not 20261130 or 2026-W48-1, which Python also reads)."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _percent(text: str, unit: str | None) -> float | str | None:
    """`80%`: 80 for a criterion measured in %, otherwise what to write; None if no `%`."""
    number = text.rstrip().removesuffix("%").rstrip()
    if not text.rstrip().endswith("%") or not NUMBER.fullmatch(number):
        return None
    if unit is not None and unit.strip() == "%":
        return _number(number)
    measured = f"in {printable(unit)}" if unit else "without a unit"
    return (
        f"value `{printable(text)}` has a percent sign, but this criterion is measured "
        f"{measured}: write the number alone in that unit (for a share, set the criterion's "
        "`unit: '%'` and write 80 for 80%)"
    )


def _number(text: str) -> float | str:
    """A measured value written with the digits 0-9, a point for decimals and at most
    15 digits (what a float keeps exactly); otherwise what is wrong and what to write."""
    said = f"value `{printable(text)}`"
    if NUMBER.fullmatch(text):
        if len(text.lstrip("-").replace(".", "").lstrip("0")) > MAX_DIGITS:
            return (
                f"{said} has more than {MAX_DIGITS} digits, more than partnerkit can keep "
                "exactly: round it, or record it in a larger unit"
            )
        return float(text)
    for mark, name in (("_", "underscores"), (",", "commas"), (" ", "spaces")):
        if text.count(mark) > (mark == ",") and NUMBER.fullmatch(text.replace(mark, "")):
            return f"{said} has {name} between its digits: write it as {text.replace(mark, '')}"
    if "," in text and NUMBER.fullmatch(text.replace(",", ".", 1)):
        return (
            f"{said} has a comma, which may be a decimal comma or a thousands separator: "
            f"write {text.replace(',', '.', 1)} for a decimal, or "
            f"{text.replace(',', '')} without a separator"
        )
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        ascii_ = "".join(str(unicodedata.digit(ch, ch)) if ch.isdigit() else ch for ch in text)
        return f"{said} uses digits other than 0-9: write it as {printable(ascii_)}"
    if "e" in text.lower() and not text.lower().strip("-.0123456789e+"):
        return f"{said} has an exponent: write the number in full, with at most 15 digits"
    return (
        f"{said} is not a number: write digits 0-9 with a point for decimals and no "
        "separators, such as 1250 or 9.5"
    )
