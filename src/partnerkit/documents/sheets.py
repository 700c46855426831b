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
from collections.abc import Sequence
from dataclasses import dataclass, field

from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.support.sanitize import csv_cell, printable

FORM_COLUMNS = ("respondent", "partner", *SIX_CS, "comments")
RESULT_COLUMNS = ("criterion", "date", "value")


@dataclass(frozen=True, slots=True)
class SheetProblem:
    row: int
    column: int
    message: str

    def located(self, name: str) -> str:
        return f"{printable(name)}:{self.row}:{self.column}: {self.message}"


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


def _rows(
    data: bytes, required: Sequence[str]
) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Decode and split a CSV: the header's columns (0-based) and the rows with their numbers."""
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
    header = {name.strip().lower(): i for i, name in enumerate(rows[0]) if name.strip()}
    missing = [c for c in required if c not in header]
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
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell.strip() for cell in r)]
    return header, body


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
    header, body = _rows(data, FORM_COLUMNS[:-1])
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
            if not raw.isdigit() or not 1 <= int(raw) <= 5:
                problems.append(
                    SheetProblem(
                        n, header[c] + 1, f"{c} is `{raw}`: ratings are whole numbers 1 to 5"
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


def read_results(data: bytes, criteria: Sequence[str]) -> list[Result]:
    header, body = _rows(data, RESULT_COLUMNS)
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
        try:
            when = dt.date.fromisoformat(day)
        except ValueError:
            problems.append(
                SheetProblem(n, header["date"] + 1, f"date `{day}` is not a date: write YYYY-MM-DD")
            )
            continue
        try:
            number = float(value.replace(",", ""))
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError
        except ValueError:
            problems.append(
                SheetProblem(n, header["value"] + 1, f"value `{value}` is not a number")
            )
            continue
        note = _cell(row, header["note"]) if "note" in header else ""
        if index is not None:
            out.append(Result(index, when, number, note or None))
    if problems:
        raise SheetError(problems)
    if not out:
        raise SheetError([SheetProblem(2, 1, "no results in the sheet")])
    return out
