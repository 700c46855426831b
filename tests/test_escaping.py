"""Every escaper, exactly: what a value becomes in each kind of output.

Terminal and CI lines (`printable`, `printable_path`), documents (`document`, HTML
too), Markdown (`markdown`, `markdown_code`, `markdown_message`), JSON (`json_text`)
and CSV (`csv_cell`). Each case pins one escape, so dropping or changing any of them
fails here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from partnerkit.support.sanitize import (
    csv_cell,
    document,
    json_text,
    markdown,
    markdown_code,
    markdown_message,
    printable,
    printable_path,
)


def html(text: str) -> str:
    return document(text, html=True)


CASES: list[tuple[Callable[[Any], str], Any, str]] = [
    # One line of plain text: controls shown escaped, the older workflow-command syntax broken.
    (printable, "a\nb\rc\td", "a\\nb\\rc\\td"),
    (printable, "\x1b[31mred", "\\x1b[31mred"),
    (printable, "\x00\x1f\x7f\x80\x9f\xa0", "\\x00\\x1f\\x7f\\x80\\x9f\xa0"),
    (printable, "\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ufffe\uffff",
     "\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069\\ufeff\\ufffe\\uffff"),
    (printable, "\u202f\u206a", "\u202f\u206a"),
    (printable, "##[error]x ##[y", "##\\[error]x ##\\[y"),
    (printable, "é ü 中 ::x", "é ü 中 ::x"),
    (printable, 42, "42"),
    # A path that starts a report line never starts a workflow command.
    (printable_path, ":: x", "./:: x"),
    (printable_path, ":x", "./:x"),
    (printable_path, " lead", "./ lead"),
    (printable_path, "\u3000lead", "./\u3000lead"),
    (printable_path, "\tlead", "\\tlead"),
    (printable_path, "a::b", "a::b"),
    (printable_path, "", ""),
    # Documents: controls as U+FFFD, NEL/LS/PS as spaces, tab and line breaks kept.
    (document, "a\x00b\x08c\x0bd\x0ce\x0ef\x1fg\x7fh\x80i\x9fj",
     "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh\ufffdi\ufffdj"),
    (document, "a\x85b\u2028c\u2029d\te\nf\rg", "a b c d\te\nf\rg"),
    (document, "::error x\n##[group]", "::error x\n##[group]"),
    (html, "::error x", "&#58;:error x"),
    (html, "  \t::warning", "  \t&#58;:warning"),
    (html, "x\n::y\r::z", "x\n&#58;:y\r&#58;:z"),
    (html, "a ::b", "a ::b"),
    (html, ":a: ::", ":a: ::"),
    (html, "##[group] and ##[end", "##&#91;group] and ##&#91;end"),
    (html, "a\x00b", "a\ufffdb"),
    # Markdown text: inline markup, table pipes, HTML and entities escaped; block starts too.
    (markdown, "a|b", "a\\|b"),
    (markdown, "<script>", "\\<script\\>"),
    (markdown, "*em* _u_ `c` [l](u)", "\\*em\\* \\_u\\_ \\`c\\` \\[l\\](u)"),
    (markdown, "~s~ $m$ \\", "\\~s\\~ \\$m\\$ \\\\"),
    (markdown, "&amp; &#38; &x; & x", "\\&amp; \\&#38; \\&x; & x"),
    (markdown, "# h", "\\# h"),
    (markdown, "- item", "\\- item"),
    (markdown, "+ x", "\\+ x"),
    (markdown, "= x", "\\= x"),
    (markdown, "1. x", "1\\. x"),
    (markdown, "12) x", "12\\) x"),
    (markdown, "2026 plan", "2026 plan"),
    (markdown, "23) x", "23\\) x"),
    (markdown, "12 x", "12 x"),
    (markdown, "a - b # c", "a - b # c"),
    (markdown, "a\nb   c\x00", "a b c\ufffd"),
    (markdown, None, ""),
    (markdown, 3, "3"),
    # Markdown code spans: a fence longer than any backtick run; `|` and `##[` between spans.
    (markdown_code, "a_b*c", "`a_b*c`"),
    (markdown_code, "a|b", "`a`\\|`b`"),
    (markdown_code, "x`y", "``x`y``"),
    (markdown_code, "a``b", "```a``b```"),
    (markdown_code, "`a", "`` `a ``"),
    (markdown_code, "a`", "`` a` ``"),
    (markdown_code, "", ""),
    (markdown_code, "|", "\\|"),
    (markdown_code, "##[e]", "`##`\\[`e]`"),
    (markdown_code, "a  b\nc", "`a b c`"),
    (markdown_code, None, ""),
    # Our messages: `quoted` names as code spans, the rest as text.
    (markdown_message, "use `a|b` here", "use `a`\\|`b` here"),
    (markdown_message, "`a` and `b*`", "`a` and `b*`"),
    (markdown_message, "`a``b`", "\\`a\\`\\`b\\`"),
    # spans touching further on (the third pair) are found too: the whole message is text
    (markdown_message, "x `a` and `b` y `c``d`", "x \\`a\\` and \\`b\\` y \\`c\\`\\`d\\`"),
    (markdown_message, "# `x`", "\\# `x`"),
    (markdown_message, "- `x` <y>", "\\- `x` \\<y\\>"),
    (markdown_message, "plain *x*", "plain \\*x\\*"),
    (markdown_message, "`##[e]`", "`##`\\[`e]`"),
    (markdown_message, "a `b", "a \\`b"),
    # CSV cells: never a formula, always one line.
    (csv_cell, "=1+1", "'=1+1"),
    (csv_cell, "+1", "'+1"),
    (csv_cell, "-1", "'-1"),
    (csv_cell, "@x", "'@x"),
    (csv_cell, "\tx", "'\\tx"),
    (csv_cell, "\rx", "'\\rx"),
    (csv_cell, "a=b", "a=b"),
    (csv_cell, "a\nb", "a\\nb"),
    (csv_cell, "::x", "./::x"),
    (csv_cell, None, ""),
    (csv_cell, 7, "7"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("escape", "value", "expected"), CASES, ids=[f"{f.__name__}-{v!r}" for f, v, _ in CASES]
)
def test_escape(escape: Callable[[Any], str], value: Any, expected: str) -> None:
    assert escape(value) == expected


def test_json_text_is_lossless_and_inert() -> None:
    data = {"a": "x\u2028\x1b\x85\x7fé 中##[e]\n", "b": [1, None]}
    text = json_text(data)
    assert text == (
        '{\n  "a": "x\\u2028\\u001b\\u0085\\u007fé 中##\\u005be]\\n",\n'
        '  "b": [\n    1,\n    null\n  ]\n}\n'
    )
    assert json.loads(text) == data


def test_every_character_printable_escapes_is_one_python_calls_unprintable() -> None:
    """`printable` skips its escaping for text `str.isprintable()` passes: that is safe
    only while each escaped character is one it fails."""
    from partnerkit.support.sanitize import _UNSAFE

    assert not [hex(code) for code in _UNSAFE if chr(code).isprintable()]
    for code in _UNSAFE:
        assert printable(f"a{chr(code)}b") != f"a{chr(code)}b"
