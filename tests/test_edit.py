"""The editing layer: every edit changes only the lines it must and reads back as meant."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerkit.commands.editfile import edit_file
from partnerkit.editing.edit import (
    AddKey,
    Append,
    Delete,
    EditError,
    Move,
    Set,
    apply,
    diff,
)
from partnerkit.yamlio import parse

from conftest import EXAMPLES

ROUND2 = Path(__file__).parent / "data" / "round2.yaml"
FILES = [*sorted(EXAMPLES.glob("*.yaml")), ROUND2]


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The old lines removed and the new lines added, by a unified diff."""
    removed, added = [], []
    for line in diff(old, new, "f").splitlines()[2:]:
        if line.startswith("-"):
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
    return removed, added


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_edits_in_place(path: Path) -> None:
    old = path.read_text()
    doc, _ = parse(old)
    partner = doc.data["partners"][1]
    new_key = next(k for k in ("address", "legal_name", "x-note") if k not in partner)
    ops: list[tuple[Any, list[str], list[str]]] = [
        (Set(("status",), "under-review"), [f"status: {doc.data['status']}"], None),
        (
            Append(("stakeholders",), {"name": "County board", "interest": "funder"}),
            [],
            None,
        ),
        (AddKey(("partners", 1), new_key, "1 Main St, Springfield"), [], None),
        (
            Set(("partners", 1, "signed"), {"by": "Sam Reyes", "date": dt.date(2026, 2, 1)}),
            None,
            None,
        ),
    ]
    for op, want_removed, want_added in ops:
        new = apply(old, [op])
        removed, added = changed_lines(old, new)
        if want_removed is not None:
            assert removed == want_removed
        if want_added is not None:
            assert added == want_added
        assert len(added) <= 3
        assert comments(new) == comments(old)
        if "signed" in partner and isinstance(op, Set) and op.path[-1] == "signed":
            assert removed and all("signed" in line for line in removed)


def test_add_key_inside_a_flow_mapping() -> None:
    old = "a: 1\nsigned: {by: Dana Ortiz, date: 2026-01-10}  # in ink\nb: 2\n"
    new = apply(old, [AddKey(("signed",), "terms", "3f9c2a41d0e7")])
    assert new == (
        "a: 1\nsigned: {by: Dana Ortiz, date: 2026-01-10, terms: 3f9c2a41d0e7}  # in ink\nb: 2\n"
    )


def test_append_to_flow_and_block_lists() -> None:
    old = "x: [a, b]\ny:\n  - {id: a}   # first\n  - {id: b}\n\n# end\n"
    new = apply(old, [Append(("x",), "c, d"), Append(("y",), {"id": "c"})])
    assert (
        new == 'x: [a, b, "c, d"]\ny:\n  - {id: a}   # first\n  - {id: b}\n  - {id: c}\n\n# end\n'
    )


def test_set_keeps_the_quoting() -> None:
    old = "a: 'one'\nb: \"two\"\nc: three # note\n"
    new = apply(old, [Set(("a",), "uno"), Set(("b",), "dos"), Set(("c",), "2026")])
    assert new == 'a: \'uno\'\nb: "dos"\nc: "2026" # note\n'


def test_missing_keys_are_created_at_the_end_of_their_mapping() -> None:
    old = "a: 1\n\nb:\n  c: 2\n"
    new = apply(old, [Append(("amendments",), {"date": dt.date(2026, 6, 1), "summary": "X"})])
    assert new == "a: 1\n\nb:\n  c: 2\n\namendments:\n  - {date: 2026-06-01, summary: X}\n"
    new = apply(old, [Set(("b", "d", "e"), True)])
    assert new == "a: 1\n\nb:\n  c: 2\n  d: {e: true}\n"


def test_delete_block_and_flow_keys() -> None:
    old = "a: 1\nb:\n  # about c\n  c: 2\n  d: [x]\ne: {f: 1, g: 2}\n"
    assert apply(old, [Delete(("b", "d"))]) == "a: 1\nb:\n  # about c\n  c: 2\ne: {f: 1, g: 2}\n"
    assert apply(old, [Delete(("e", "f"))]).endswith("e: {g: 2}\n")
    assert apply(old, [Delete(("e", "g"))]).endswith("e: {f: 1}\n")


def test_move_a_subtree() -> None:
    old = "period: {start: 2026-01-15}\nstatus: active\nprevious_terms: []\n"
    new = apply(old, [Move(("period",), ("previous_terms", "+"))])
    assert new == "status: active\nprevious_terms:\n  - start: 2026-01-15\n"  # one per line


def test_line_endings_bom_and_missing_final_newline() -> None:
    old = "a: 1\r\nb: [x]\r\nc: 2"
    new = apply(old, [Set(("a",), 5), AddKey((), "d", "e")])
    assert new == "a: 5\r\nb: [x]\r\nc: 2\r\nd: e\r\n"


def test_refuses_what_it_cannot_do_cleanly() -> None:
    with pytest.raises(EditError):
        apply("a:\n  b: 1\n", [Delete(("a", "b"))])  # the only key
    with pytest.raises(EditError):
        apply("l:\n  - id: x\n    n: 1\n", [Delete(("l", 0, "id"))])  # shares the dash line
    with pytest.raises(EditError):
        apply("a: 1\n", [AddKey((), "a", 2)])
    with pytest.raises(EditError):
        apply("a: &x {b: 1}\nc: *x\n", [AddKey(("a",), "d", 2)])  # would change c too


# --- Hypothesis: an edit never changes lines outside the edited node ----------------


def _scalar_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _scalar_paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _scalar_paths(v, (*prefix, i))
    else:
        out.append(prefix)
    return out


def _containers(data: Any, kind: type, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if isinstance(data, kind) else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _containers(v, kind, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _containers(v, kind, (*prefix, i))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _node_lines(text: str, path: tuple[Any, ...]) -> tuple[int, int]:
    """First and last line (0-based) of the node at `path`, its key included."""
    doc, _ = parse(text)
    node: Any = doc.root
    first = 0
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
            first = node.start_mark.line
        else:
            key, node = next((k, v) for k, v in node.value if k.value == part)
            first = key.start_mark.line
    last = node.end_mark.line
    return first, last


values = st.one_of(
    st.text(min_size=1, max_size=30),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)),
    st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=3),
    st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.integers(0, 9), min_size=1),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), path=st.sampled_from(FILES), value=values)
def test_an_edit_never_changes_lines_outside_the_edited_node(
    data: st.DataObject, path: Path, value: Any
) -> None:
    old = path.read_text()
    doc, _ = parse(old)
    kind = data.draw(st.sampled_from(["set", "append", "add", "delete"]))
    if kind == "set":
        target = data.draw(st.sampled_from(_scalar_paths(doc.data)))
        op: Any = Set(target, value)
    elif kind == "append":
        target = data.draw(st.sampled_from(_containers(doc.data, list)))
        op = Append(target, value)
    elif kind == "add":
        target = data.draw(st.sampled_from(_containers(doc.data, dict)))
        op = AddKey(target, "zz-new", value)
    else:
        parent = data.draw(st.sampled_from(_containers(doc.data, dict)))
        key = data.draw(st.sampled_from(sorted(_get(doc.data, parent))))
        target = (*parent, key)
        op = Delete(target)
    first, last = _node_lines(old, target) if target else (0, len(old.splitlines()))
    try:
        new = apply(old, [op])
    except EditError:
        return  # refusing is allowed; damaging is not
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    assert b[:first] == a[:first]
    tail = len(a) - last - 1
    if tail > 0:
        assert b[-tail:] == a[-tail:]


# --- files ---------------------------------------------------------------------------


def _retitle(target: Any) -> list[Any]:
    return [Set(("title",), "A new title")]


def test_edit_file_dry_run_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "p.yaml"
    file.write_bytes((EXAMPLES / "riverside-clinical-onboarding.yaml").read_bytes())
    before = file.read_bytes()
    assert edit_file(file, _retitle, dry_run=True) == 0
    out = capsys.readouterr().out
    assert "-title: Clinical onboarding curriculum for new nurses" in out
    assert "+title: A new title" in out
    assert file.read_bytes() == before


def test_edit_file_writes_atomically_keeping_the_mode(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    file.write_bytes((EXAMPLES / "riverside-clinical-onboarding.yaml").read_bytes())
    os.chmod(file, 0o640)
    assert edit_file(file, _retitle) == 0
    assert stat.S_IMODE(file.stat().st_mode) == 0o640
    assert "title: A new title\n" in file.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_edit_file_refuses_a_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    real = outside / "p.yaml"
    real.write_bytes((EXAMPLES / "riverside-clinical-onboarding.yaml").read_bytes())
    inside = tmp_path / "repo"
    inside.mkdir()
    (inside / "p.yaml").symlink_to(real)
    before = real.read_bytes()
    assert edit_file(inside / "p.yaml", _retitle) == 1
    assert real.read_bytes() == before


def test_edit_file_refuses_a_file_with_errors(tmp_path: Path) -> None:
    file = tmp_path / "p.yaml"
    text = (EXAMPLES / "riverside-clinical-onboarding.yaml").read_text()
    file.write_text(text.replace("owner: meridian", "owner: nobody", 1))
    before = file.read_bytes()
    assert edit_file(file, _retitle) == 1
    assert file.read_bytes() == before


def test_a_trailing_comment_keeps_its_column() -> None:
    old = "status: exploring             # one of six\nx: 1   # c\n"
    new = apply(old, [Set(("status",), "renewing"), Set(("x",), 12345678)])
    assert new == "status: renewing              # one of six\nx: 12345678 # c\n"


@pytest.mark.parametrize(
    "old",
    [
        "l:\n  - a\n  - {b: 1}\nz: 1\n",
        "l: [a]\nz: 1\n",
        "l: []\nz: 1\n",
        "z: 1\n",
        "l:\n  - k: 1\n    m: 2\n",
    ],
)
def test_extend_is_the_same_as_appending_each_item(old: str) -> None:
    from partnerkit.editing.edit import Extend

    items = ("x", {"date": dt.date(2027, 1, 1), "value": 3}, ["p", "q"])
    one_by_one = apply(old, [Append(("l",), item) for item in items])
    at_once = apply(old, [Extend(("l",), items)])
    assert parse(at_once)[0].data == parse(one_by_one)[0].data
    if "l:" in old:  # a new list is written block style when long, as `Set` writes it
        assert at_once == one_by_one
    assert apply(old, [Extend(("l",), ())]) == old
