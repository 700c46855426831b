"""Redlines mark words, never markup."""

from __future__ import annotations

from partnerkit.documents.redline import mark


def test_html_marks_text_and_keeps_tags() -> None:
    old = "<html><head><title>T</title></head><body><p>Fee 48,000</p><p>Gone</p></body></html>"
    new = (
        "<html><head><title>T</title></head><body><p>Fee 54,000</p><li>New item</li></body></html>"
    )
    out = mark(old, new, "html")
    assert "<p>Fee <del>48</del><ins>54</ins>,000</p>" in out
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
