"""A redline: a rendered document with insertions and deletions against an earlier version.

Both versions are rendered with the same template; the two texts are compared word by
word. Deleted words are wrapped in `<del>`, inserted ones in `<ins>` (in HTML, and in
Markdown, which passes these tags through). Markup itself (HTML tags, Markdown table
bars and list marks) is never wrapped: the new version's structure is kept, and text
that disappeared is shown struck through where it was.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

# Whole tokens counsel reads as one: a date, an amount with its currency and separators,
# a percentage, a number, an identifier (a fingerprint, a code). A change replaces the
# whole token (~~USD 4,500~~ USD 5,000), never digits inside it.
_SPACE = r"(?:[ \u00a0]|&nbsp;|&#160;)"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_WHOLE = (
    rf"\d{{1,2}}{_SPACE}(?:{_MONTHS}){_SPACE}\d{{4}}\b"  # 15 January 2026
    r"|\d{4}-\d{2}-\d{2}\b"  # 2026-01-15
    # USD 4,500 · $4,500.00 · 78%
    rf"|(?:\b[A-Z]{{3}}{_SPACE})?[$€£¥]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:{_SPACE}?%)?"
    r"|\w+"  # a word or an identifier (a0812ea54de3, PK520)
)
_HTML_TOKEN = re.compile(rf"<[^>]*>|{_WHOLE}|&#?\w+;|\s+|[^\w\s<&]")
_MD_TOKEN = re.compile(rf"`[^`\n]*`|\n|{_WHOLE}|[ \t]+|[^\w\s]")  # a code span is one token
_MD_STRUCTURE = {"|", "#", "*", "-", ">", "_"}

STYLE = (
    "<style>ins{background:#dcf5dc;text-decoration:underline;}"
    "del{background:#fadcdc;text-decoration:line-through;}"
    "@media print{ins,del{-webkit-print-color-adjust:exact;print-color-adjust:exact;}}"
    "</style>"
)


def mark(old: str, new: str, fmt: str) -> str:
    """The new text with the differences from the old one marked."""
    if fmt != "html":
        return "".join(_mark(_MD_TOKEN.findall(old), _MD_TOKEN.findall(new), _is_md_markup))
    head, body_new = _split(new)
    _, body_old = _split(old)
    body = "".join(
        _mark(_HTML_TOKEN.findall(body_old), _HTML_TOKEN.findall(body_new), _is_html_markup)
    )
    if "</head>" in head:
        head = head.replace("</head>", STYLE + "</head>", 1)
    else:
        head += STYLE
    return head + body


def _split(html: str) -> tuple[str, str]:
    """Head and body: only the body is compared (the head is not shown)."""
    at = html.find("<body")
    return (html[:at], html[at:]) if at != -1 else ("", html)


def _is_html_markup(token: str) -> bool:
    return token.startswith("<")


def _is_md_markup(token: str) -> bool:
    return token == "\n" or token in _MD_STRUCTURE


def _mark(a: list[str], b: list[str], is_markup: Callable[[str], bool]) -> list[str]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(b[j1:j2])
            continue
        if op in ("delete", "replace"):
            words = [t for t in a[i1:i2] if not is_markup(t)]
            if "".join(words).strip():
                out.extend(_wrap("del", words, is_markup))
        if op in ("insert", "replace"):
            out.extend(_wrap("ins", b[j1:j2], is_markup))
    return out


def _wrap(tag: str, tokens: list[str], check: Callable[[str], bool]) -> list[str]:
    """Wrap each run of text (between markup tokens) in the tag."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        if text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}<{tag}>{text.strip()}</{tag}>{trail}")
        else:
            out.append(text)
        run.clear()

    for token in tokens:
        if check(token):
            flush()
            out.append(token)
        else:
            run.append(token)
    flush()
    return out
