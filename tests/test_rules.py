"""Every rule fires on its failing cases and stays quiet on its passing ones."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnerkit.check.loader import load_bytes
from partnerkit.check.rules import all_rules, run

HERE = Path(__file__).parent / "rules"
BASE = yaml.safe_load((HERE / "base.yaml").read_text("utf-8"))
CASES = yaml.safe_load((HERE / "cases.yaml").read_text("utf-8"))
TODAY: dt.date = CASES.pop("today")
CHECKED_ELSEWHERE = {"PK120"}  # suppressions: tests/test_config.py


def _walk(data: Any, dotted: str) -> tuple[Any, Any]:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data, int(last) if isinstance(data, list) else last


def patched(case: dict[str, Any]) -> str:
    data = copy.deepcopy(BASE)
    for path, value in (case.get("set") or {}).items():
        parent, key = _walk(data, path)
        parent[key] = value
    for path in case.get("delete") or []:
        parent, key = _walk(data, path)
        del parent[key]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if "TERMS" in text:  # a signature of the case's own agreed content (PK520)
        from partnerkit.history.fingerprint import fingerprint

        loaded = load_bytes(text.replace("TERMS", "aaaaaaaaaaaa").encode(), "case.yaml")
        assert loaded.model is not None, loaded.findings
        text = text.replace("TERMS", fingerprint(loaded.model))
    if case.get("then"):  # changes made after the signature
        data = yaml.safe_load(text)
        for path, value in case["then"].items():
            parent, key = _walk(data, path)
            parent[key] = value
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return text


def codes_for(text: str) -> list[str]:
    loaded = load_bytes(text.encode(), "case.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    return [f.code for f in run(loaded.model, loaded.doc, "case.yaml", TODAY)]


def test_base_is_clean() -> None:
    assert codes_for(patched({})) == []


def test_every_rule_has_cases() -> None:
    rules = {code for code, r in all_rules().items() if r.check is not None}
    assert rules - CHECKED_ELSEWHERE == set(CASES)
    for code, case in CASES.items():
        assert case["fire"] and case["quiet"], code


def test_every_rule_has_a_quiet_case_that_changes_something() -> None:
    """A quiet case that is the base unchanged shows only that the rule does not fire on a
    clean file: each rule also stays quiet on a near miss (what it must not mistake)."""
    trivial = [code for code, case in CASES.items() if all(not q for q in case["quiet"])]
    assert not trivial, trivial


def test_every_rule_is_documented() -> None:
    for code, r in all_rules().items():
        assert r.summary and len(r.doc) > 40, code
        assert r.name and r.name == r.name.lower(), code


FIRE = [(code, i, c) for code, spec in CASES.items() for i, c in enumerate(spec["fire"])]
QUIET = [(code, i, c) for code, spec in CASES.items() for i, c in enumerate(spec["quiet"])]


@pytest.mark.parametrize(("code", "index", "case"), FIRE, ids=[f"{c}-fire{i}" for c, i, _ in FIRE])
def test_rule_fires(code: str, index: int, case: dict[str, Any]) -> None:
    assert code in codes_for(patched(case))


POSITIONS = yaml.safe_load((HERE / "positions.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("code", "index", "case"), FIRE, ids=[f"{c}-fire{i}" for c, i, _ in FIRE])
def test_rule_points_where_it_always_has(code: str, index: int, case: dict[str, Any]) -> None:
    """Line and column (key or value) of each rule's findings: tests/rules/positions.yaml."""
    loaded = load_bytes(patched(case).encode(), "case.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    found = run(loaded.model, loaded.doc, "case.yaml", TODAY)
    at = [f"{f.line}:{f.column} {f.field}".rstrip() for f in found if f.code == code]
    assert at == POSITIONS.get(f"{code}-fire{index}"), f"{code}-fire{index}: {at}"


def test_every_fire_case_has_its_positions() -> None:
    assert set(POSITIONS) == {f"{c}-fire{i}" for c, i, _ in FIRE}


@pytest.mark.parametrize(
    ("code", "index", "case"), QUIET, ids=[f"{c}-quiet{i}" for c, i, _ in QUIET]
)
def test_rule_stays_quiet(code: str, index: int, case: dict[str, Any]) -> None:
    assert code not in codes_for(patched(case))


def test_findings_point_at_what_they_are_about() -> None:
    old = "owner: riverside, due: 2026-12-18"
    text = (HERE / "base.yaml").read_text("utf-8").replace(old, "owner: riverside, due: 2026-11-18")
    loaded = load_bytes(text.encode(), "base.yaml")
    assert loaded.model is not None and loaded.doc is not None
    found = [f for f in run(loaded.model, loaded.doc, "base.yaml", TODAY) if f.code == "PK502"]
    assert [(f.line, f.column, f.field) for f in found] == [(80, 5, "expectations[4]")]


# Where the PK52x findings point (line:column as `check` prints them) and the edges of
# PK523. Each case edits base.yaml in place, so its line numbers stay the ones below.

BASE_TEXT = (HERE / "base.yaml").read_text("utf-8")
LEE = "date: 2026-01-10}"  # riverside's signature of the agreement, line 33
OLIVIA = "date: 2026-01-12}"  # meridian's, line 51
END = len(BASE_TEXT.splitlines())  # appended sections start on the line after


def edited(*edits: tuple[str, str], append: str = "") -> str:
    text = BASE_TEXT
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text + append


def located(text: str, code: str, today: dt.date = TODAY) -> list[tuple[int, int, str, str]]:
    loaded = load_bytes(text.encode(), "case.yaml")
    assert loaded.model is not None and loaded.doc is not None, loaded.findings
    found = run(loaded.model, loaded.doc, "case.yaml", today)
    return [(f.line, f.column, f.field, f.message) for f in found if f.code == code]


def stale(pid: str, terms: str) -> str:
    return f"{pid} signed terms {terms}, but the agreed content is now "


def test_pk520_points_at_the_terms_of_each_partners_signature() -> None:
    text = edited(
        (LEE, "date: 2026-01-10, terms: aaaaaaaaaaaa}"),
        (OLIVIA, "date: 2026-01-12, terms: bbbbbbbbbbbb}"),
    )
    found = located(text, "PK520")
    assert [f[:3] for f in found] == [
        (33, 83, "partners[0].signed.terms"),
        (51, 83, "partners[1].signed.terms"),
    ]
    assert found[0][3].startswith(stale("riverside", "aaaaaaaaaaaa"))
    assert found[1][3].startswith(stale("meridian", "bbbbbbbbbbbb"))


def test_pk520_points_at_terms_written_as_a_block() -> None:
    block = "\n      by: Olivia Grant\n      date: 2026-01-12\n      terms: bbbbbbbbbbbb"
    text = edited(("signed: {by: Olivia Grant, title: Managing Director, date: 2026-01-12}",
                   "signed:" + block))  # fmt: skip
    assert [f[:3] for f in located(text, "PK520")] == [(54, 14, "partners[1].signed.terms")]


AMENDMENTS = """
amendments:
  - date: 2026-03-02
    summary: Fee raised
    signed:
      riverside: {by: Lee Park, date: 2026-03-03, terms: cccccccccccc}
      meridian: {by: Olivia Grant, date: 2026-03-04, terms: eeeeeeeeeeee}
  - date: 2026-05-02
    summary: A third cohort
    signed:
      riverside: {by: Lee Park, date: 2026-05-03, terms: dddddddddddd}
"""


def test_pk520_points_at_each_partners_latest_signature_in_the_amendments() -> None:
    text = edited(
        (LEE, "date: 2026-01-10, terms: aaaaaaaaaaaa}"),
        (OLIVIA, "date: 2026-01-12, terms: bbbbbbbbbbbb}"),
        append=AMENDMENTS,
    )
    found = located(text, "PK520")
    assert [f[:3] for f in found] == [
        (END + 11, 58, "amendments[1].signed.riverside.terms"),
        (END + 7, 61, "amendments[0].signed.meridian.terms"),
    ]
    assert found[0][3].startswith(stale("riverside", "dddddddddddd"))
    assert found[1][3].startswith(stale("meridian", "eeeeeeeeeeee"))
    # the amendment meridian did not sign: at its item, the `-` of `date`
    assert [f[:3] for f in located(text, "PK521")] == [(END + 8, 5, "amendments[1]")]


def test_pk520_a_latest_signature_without_terms_has_nothing_to_compare() -> None:
    # meridian's stale signature of the agreement is superseded by its amendment signature
    without = AMENDMENTS.replace("terms: eeeeeeeeeeee}", "title: Managing Director}")
    text = edited((OLIVIA, "date: 2026-01-12, terms: bbbbbbbbbbbb}"), append=without)
    found = located(text, "PK520")
    assert [f[:3] for f in found] == [(END + 11, 58, "amendments[1].signed.riverside.terms")]


def test_pk520_after_a_renewal_ignores_the_amendments_of_the_previous_term() -> None:
    previous = """
previous_terms:
  - period: {start: 2024-01-15, end: 2026-01-14}
amendments:
  - date: 2025-06-01
    summary: Of the previous term
    signed:
      riverside: {by: Lee Park, date: 2025-06-02, terms: cccccccccccc}
"""
    text = edited((LEE, "date: 2026-01-10, terms: aaaaaaaaaaaa}"), append=previous)
    found = located(text, "PK520")
    assert [f[:3] for f in found] == [(33, 83, "partners[0].signed.terms")]
    assert found[0][3].startswith(stale("riverside", "aaaaaaaaaaaa"))


def test_pk522_points_at_the_end_of_the_period_from_the_day_after() -> None:
    text = edited(("status: active", "status: renewing"))
    assert located(text, "PK522", dt.date(2027, 6, 30)) == []
    found = located(text, "PK522", dt.date(2027, 7, 1))
    assert [f[:3] for f in found] == [(12, 34, "period.end")]
    assert found[0][3].startswith("the period ended on 2027-06-30 and the renewal was never")


def test_pk503_the_period_has_ended_from_the_day_after_its_last_day() -> None:
    assert located(BASE_TEXT, "PK503", dt.date(2027, 6, 30)) == []
    assert located(BASE_TEXT, "PK503", dt.date(2027, 7, 1)) == [
        (6, 9, "status", "the period ended on 2027-06-30 but the status is still active: set "
         "`status: ended` or extend `period.end`"),
    ]  # fmt: skip
    renewing = edited(("status: active", "status: renewing"))
    assert located(renewing, "PK503", dt.date(2027, 6, 30)) == []
    assert [f[:2] for f in located(renewing, "PK503", dt.date(2027, 7, 1))] == [(6, 9)]


PERIOD = "period: {start: 2026-01-15, end: 2027-06-30}"


def older(text: str) -> list[tuple[int, int, str, str]]:
    """PK523's findings, as (line, column, field, message)."""
    return located(text, "PK523")


def belongs(pid: str, signed: str, began: str) -> str:
    return (
        f"{pid}'s signature of {signed} belongs to the term that began {began}: "
        "sign the current term (`partnerkit sign`)"
    )


@pytest.mark.parametrize(
    ("period", "fires", "quiet", "began"),
    [
        # a whole term (531 days) before 2026-01-15 is 2024-08-02
        (PERIOD, "2024-08-01", "2024-08-02", "2024-08-02"),
        # no end, or a term shorter than a year: 365 days
        ("period: {start: 2026-01-15}", "2025-01-14", "2025-01-15", "2025-01-15"),
        ("period: {start: 2026-01-15, end: 2026-06-30}", "2025-01-14", "2025-01-15", "2025-01-15"),
        ("period: {start: 2026-01-15, end: 2026-01-15}", "2025-01-14", "2025-01-15", "2025-01-15"),
        # 365 days, not a calendar year: across 29 February
        ("period: {start: 2025-03-01}", "2024-02-29", "2024-03-01", "2024-03-01"),
        ("period: {start: 2024-03-01}", "2023-03-01", "2023-03-02", "2023-03-02"),
        # a term counted in days (730), back across 29 February 2024: not the calendar date
        ("period: {start: 2026-01-15, end: 2028-01-15}", "2024-01-15", "2024-01-16", "2024-01-16"),
    ],
)
def test_pk523_a_signature_more_than_a_term_before_the_period(
    period: str, fires: str, quiet: str, began: str
) -> None:
    text = edited((PERIOD, period), (LEE, f"date: {fires}}}"))
    assert older(text) == [(33, 64, "partners[0].signed.date", belongs("riverside", fires, began))]
    assert older(edited((PERIOD, period), (LEE, f"date: {quiet}}}"))) == []


def test_pk523_points_at_the_date_of_each_old_signature() -> None:
    text = edited((LEE, "date: 2023-01-10}"), (OLIVIA, "date: 2023-01-12}"))
    assert older(text) == [
        (33, 64, "partners[0].signed.date", belongs("riverside", "2023-01-10", "2024-08-02")),
        (51, 64, "partners[1].signed.date", belongs("meridian", "2023-01-12", "2024-08-02")),
    ]


PREVIOUS = """
previous_terms:
  - period: {start: 2022-01-15, end: 2024-01-14}
  - period: {start: 2024-01-15, end: 2026-01-14}
    signed:
      riverside: {by: Lee Park, date: 2025-06-01}
"""


def test_pk523_a_signature_no_newer_than_the_previous_term() -> None:
    def signed(lee: str, olivia: str) -> list[tuple[int, int, str, str]]:
        return older(
            edited((LEE, f"date: {lee}}}"), (OLIVIA, f"date: {olivia}}}"), append=PREVIOUS)
        )

    # The last previous term began 2024-01-15: a signature that day is of it, the day after
    # is not (meridian did not sign it; with no previous term, 2024-01-16 would be more than
    # a whole term before the period). Riverside signed it on 2025-06-01: that day is of it.
    assert signed("2025-06-02", "2024-01-16") == []
    assert signed("2025-06-01", "2024-01-15") == [
        (33, 64, "partners[0].signed.date", belongs("riverside", "2025-06-01", "2024-01-15")),
        (51, 64, "partners[1].signed.date", belongs("meridian", "2024-01-15", "2024-01-15")),
    ]


def test_pk52x_locations_as_check_prints_them(tmp_path: Path, cli) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(edited((OLIVIA, "date: 2023-01-12, terms: bbbbbbbbbbbb}")), "utf-8")
    out = cli("check", file, "--today", str(TODAY)).out
    assert f"{file}:51:64: warning PK523 meridian's signature of 2023-01-12" in out
    assert f"{file}:51:83: warning PK520 meridian signed terms bbbbbbbbbbbb" in out
