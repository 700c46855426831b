"""Redlines mark words, never markup."""

from __future__ import annotations

from partnerkit.documents.redline import mark


def test_html_marks_text_and_keeps_tags() -> None:
    old = "<html><head><title>T</title></head><body><p>Fee 48,000</p><p>Gone</p></body></html>"
    new = (
        "<html><head><title>T</title></head><body><p>Fee 54,000</p><li>New item</li></body></html>"
    )
    out = mark(old, new, "html")
    assert "<p>Fee <del>48,000</del><ins>54,000</ins></p>" in out  # the whole amount
    assert "<del>Gone</del>" in out and "<li><ins>New item</ins></li>" in out
    assert out.count("<p>") == 1 and "ins{background" in out.split("</head>")[0]


def test_markdown_keeps_table_bars_and_code_spans_whole() -> None:
    old = "| a | 48 |\n\nterms `abc`\n"
    new = "| a | 54 |\n\nterms `def`\n"
    assert (
        mark(old, new, "md")
        == "| a | <del>48</del><ins>54</ins> |\n\nterms <del>`abc`</del><ins>`def`</ins>\n"
    )


def test_no_change_no_marks() -> None:
    text = "<body><p>Same</p></body>"
    assert "<ins>" not in mark(text, text, "html") and "<del>" not in mark(text, text, "html")


def test_a_changed_figure_date_or_percentage_is_replaced_whole() -> None:
    """`USD <del>38</del><ins>42</ins>,000` split a figure counsel reads as one."""
    old = "Fee USD 38,000, due 30 November 2026 (78%), ref a0812ea54de3; 2026-01-15."
    new = "Fee USD 42,000, due 1 December 2026 (80%), ref 6cea34807ede; 2026-02-01."
    assert mark(old, new, "md") == (
        "Fee <del>USD 38,000</del><ins>USD 42,000</ins>, due <del>30 November 2026</del>"
        "<ins>1 December 2026</ins> (<del>78%</del><ins>80%</ins>), ref <del>a0812ea54de3</del>"
        "<ins>6cea34807ede</ins>; <del>2026-01-15</del><ins>2026-02-01</ins>."
    )
    html = mark("<p>by 30&nbsp;November&nbsp;2026</p>", "<p>by 1&nbsp;May&nbsp;2027</p>", "html")
    assert "<del>30&nbsp;November&nbsp;2026</del><ins>1&nbsp;May&nbsp;2027</ins>" in html
