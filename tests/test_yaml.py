"""The YAML layer keeps what the author wrote: no YAML 1.1 surprises, positions kept."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerkit.check.loader import load_bytes
from partnerkit.yamlio import locate, parse


def data(text: str) -> dict:
    doc, problems = parse(text)
    assert not problems
    return doc.data


@pytest.mark.parametrize("word", ["yes", "no", "No", "on", "off", "Y", "n"])
def test_yaml11_booleans_stay_text(word: str) -> None:
    assert data(f"name: {word}\n{word}: key\n") == {"name": word, word: "key"}


def test_only_true_false_are_booleans() -> None:
    assert data("a: true\nb: False\n") == {"a": True, "b": False}


def test_no_octal_or_sexagesimal() -> None:
    assert data("a: 010\nb: 1:30\nc: 10\nd: 2.5\n") == {"a": "010", "b": "1:30", "c": 10, "d": 2.5}


def test_dates_and_nulls() -> None:
    assert data("a: 2026-01-15\nb: ~\nc:\n") == {"a": dt.date(2026, 1, 15), "b": None, "c": None}


def test_impossible_date_is_located() -> None:
    doc, problems = parse("a: 1\nb: 2026-02-30\n")
    problem = problems[0]
    assert (problem.code, problem.line, problem.column) == ("PK109", 2, 4)
    assert doc.data == {"a": 1, "b": "2026-02-30"}  # kept as text: the rest is still checked


def test_byte_order_mark_is_accepted() -> None:
    raw = "\ufeffpartnerkit: 1\nid: x\n".encode()
    result = load_bytes(raw, "bom.yaml")
    assert all(f.code != "PK106" for f in result.findings)
    assert result.doc is not None and result.doc.data["id"] == "x"


def test_locate_points_at_keys_and_items() -> None:
    doc, _ = parse("a:\n  b:\n    - x\n    - {c: 1}\n")
    assert locate(doc.root, ("a", "b", 1, "c"))[:2] == (4, 8)
    assert locate(doc.root, ("a", "missing")) == (1, 1, False)


def test_aliases_are_shared_not_copied() -> None:
    assert data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_each_break_only_yaml_counts_leaves_the_lines_as_editors_count_them(brk: str) -> None:
    doc, _ = parse(f'a: "x{brk}y"\n# {brk}\nb: 1\n')
    assert locate(doc.root, ("b",))[:2] == (3, 1)


@pytest.mark.parametrize("empty", ["[]", "[ ]", "[\n  ]"])
def test_a_split_item_is_found_after_empty_flow_lists(empty: str) -> None:
    from partnerkit.yamlio import traps

    for text in (f"a: {empty}\n", f"a: {empty}\nb: [Retention, 78%]\n"):
        doc, _ = parse(text)
        found = [(s.path, s.first, s.count) for s in traps.splits(doc.root, doc.text)]
        assert found == ([(("b",), 0, 2)] if "b:" in text else []), text


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-02-30", "day is out of range for month"),
        ("2026-13-01", "month must be in 1..12"),
        ("0000-01-01", "year 0 is out of range"),
        ("!!timestamp 2026-W01-1", "invalid literal for int() with base 10: 'W01'"),
    ],
)
def test_a_date_refused_says_why(value: str, reason: str) -> None:
    doc, problems = parse(f"a: {value}\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("PK109", 1, 4)]
    assert f"is not a real date ({reason})" in problems[0].message
    assert isinstance(doc.data["a"], str)


def test_plain_dates_are_dates() -> None:
    assert data("a: 2026-05-02\nb: 2024-02-29\n") == {
        "a": dt.date(2026, 5, 2),
        "b": dt.date(2024, 2, 29),
    }
