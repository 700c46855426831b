"""Untrusted text made safe for each kind of output. Every reporter and renderer uses these.

A partnership file, its path and a team's templates come from pull requests, so any
value may hold control characters, terminal escapes, line breaks, Markdown, HTML or
spreadsheet formulas. Each output escapes for its own reader:

- `printable`: one line of plain text for terminals, logs and CI: control characters,
  line and paragraph separators and bidirectional overrides become visible escapes
  (`\\n`, `\\x1b`, `\\u2028`), so a value can never start a line of its own, forge a
  `file:line:col:` finding or a GitHub workflow command, or drive the terminal;
- `printable_path`: the same for a path that starts a report line (a path starting
  with `::` would be read as a workflow command);
- `printable_line`, `diff_line`: a line of its own (a message starting with a value, a
  line of a `--dry-run` diff), which a CI log reads after trimming blanks;
- `markdown`, `markdown_code`, `markdown_message`: text for Markdown that a wiki or a
  pull-request comment renders: no HTML, links, entities, tables broken by `|`;
- `WrappedLines`: a stream for Rich, whose wrapping may start a line with any word;
- `json_text`: JSON whose strings cannot drive a terminal or a CI log (lossless);
- `csv_cell`: a spreadsheet cell that is never a formula (OWASP CSV injection), on
  one line;
- `document`: a whole rendered document without NUL or other control characters.
"""

from __future__ import annotations

import re
from typing import IO, Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls, DEL, line/paragraph separators, bidirectional embeddings,
# overrides and isolates (which can make a line display as something it is not).
_UNSAFE = [
    *range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029,
    *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, 0xFFFE, 0xFFFF,
]  # fmt: skip


def _escape_char(code: int) -> str:
    char = chr(code)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_PRINTABLE = str.maketrans({code: _escape_char(code) for code in _UNSAFE})
_GH_COMMAND_V1 = "##["  # the runner's older syntax, recognised anywhere in a line


def printable(value: Any) -> str:
    """`value` as one line of plain text with every control character shown escaped."""
    text = str(value)
    if not text.isprintable():  # every character escaped below is one that is not
        text = text.translate(_PRINTABLE)
    if _GH_COMMAND_V1 in text:
        text = text.replace(_GH_COMMAND_V1, "##\\[")
    return text


def printable_path(path: str) -> str:
    """A path that starts a report line: printable, and never starting a workflow command."""
    text = printable(path)
    if text[:1] == ":" or text[:1].isspace():
        return "./" + text
    return text


def printable_line(value: Any) -> str:
    """A line of its own, printable, that a CI runner never reads as a workflow command:
    as it trims the blanks first, a line whose text starts with `::` after them gets
    that first colon written `\\x3a`, as `printable` writes any character it escapes."""
    text = printable(value)
    blanks = len(text) - len(text.lstrip())
    if text[blanks : blanks + 2] == "::":
        text = text[:blanks] + "\\x3a" + text[blanks + 1 :]
    return text


def diff_line(line: str) -> str:
    """One line of a unified diff of a user's file (`printable_line`, its own line break
    dropped), ending in a line break: a context line starts with a blank."""
    return printable_line(_LINE_END.sub("", line, count=1)) + "\n"


_LINE_END = re.compile(r"(?:\r\n|[\r\n\x85\u2028\u2029])\Z")


class WrappedLines:
    """A text stream for Rich that keeps wrapped lines from starting a workflow command.

    Values are `printable` before Rich sees them, but Rich wraps a long value at its
    spaces, so any word of it may start a line: `::error::x` after the blanks (and
    colour codes) a CI runner skips. Such a line gets a WORD JOINER (U+2060, no width,
    not a blank) before its `::`, so columns stay aligned and the line reads the same.
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._line_start = True

    def write(self, text: str) -> int:
        if "::" in text or _GH_COMMAND_V1 in text:
            text = _WRAPPED_COMMAND.sub("\\1\u2060", ("\n" if self._line_start else "x") + text)[1:]
            text = text.replace(_GH_COMMAND_V1, "##\u2060[")
        if text:
            self._line_start = text[-1] == "\n"
        return self._out.write(text)

    def __getattr__(self, name: str) -> Any:  # flush, encoding, isatty: the stream's own
        return getattr(self._out, name)


_WRAPPED_COMMAND = re.compile(r"(\n(?:\x1b\[[0-9;]*m|[^\S\n])*)(?=::)")


# Documents (Markdown, HTML, iCalendar): control characters other than tab and line
# breaks are never meant; NUL in particular truncates text in many readers.
_DOC_UNSAFE = {c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
_DOC_UNSAFE.update({c: " " for c in (0x85, 0x2028, 0x2029)})
_DOC_UNSAFE.update({c: "\ufffd" for c in range(0x80, 0xA0) if c != 0x85})
# Bidirectional embeddings, overrides and isolates: U+202E makes `exe.txt` read `txt.exe`.
_DOC_UNSAFE.update({c: "\ufffd" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_DOCUMENT = str.maketrans(_DOC_UNSAFE)
# Looked for first: `translate` looks up every character of a text that is not all ASCII
# (1.2 ms for a 19 kB agreement), and most documents hold none of these.
_DOCUMENT_FOUND = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DOC_UNSAFE)) + "]")


def document(text: str, *, html: bool = False) -> str:
    """A rendered document with control characters and bidirectional controls replaced
    (U+FFFD) and NEL/LS/PS as spaces.

    In HTML, a line that would start a CI workflow command when the page is printed to
    a log gets its first `:` (and any `##[`) as a character reference: the same page.
    """
    if _DOCUMENT_FOUND.search(text):
        text = text.translate(_DOCUMENT)
    if html and ("::" in text or _GH_COMMAND_V1 in text):
        text = _HTML_COMMAND.sub(lambda m: m.group(1) + "&#58;", text)
        text = text.replace(_GH_COMMAND_V1, "##&#91;")
    return text


_HTML_COMMAND = re.compile(r"((?:^|\r)[ \t]*):(?=:)", re.M)


# Markdown: escape everything that starts markup inline (emphasis, code, links and
# images, raw HTML and autolinks, entities, tables, strikethrough, maths), and what
# starts a block when the value begins a line (headings, lists, quotes).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$]|&(?=#?[0-9A-Za-z]+;))")
_MD_LINE_START = re.compile(r"^(\d*)([-+=#]|(?<=\d)[.)])")


def _one_line(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(document(str(value)).split())


def markdown(value: Any) -> str:
    """Plain text inside Markdown, tables included: shown as written, never as markup."""
    return _MD_LINE_START.sub(r"\1\\\2", _markdown_inline(_one_line(value)))


def _markdown_inline(text: str) -> str:
    return _MD_INLINE.sub(r"\\\1", text)


def markdown_code(value: Any) -> str:
    """`value` as a Markdown code span, without visible backslashes.

    The fence is longer than any run of backticks inside; a `|` (which would end a
    table cell even inside a code span) and the `[` of `##[` are written between two
    spans, escaped.
    """
    parts = _CODE_BREAK.split(_one_line(value))
    return "".join("\\" + p if i % 2 else _code_span(p) for i, p in enumerate(parts))


# Written between two spans, escaped: `|` (it ends a table cell even inside a span) and
# the `[` of `##[` (a CI log command wherever it appears in a line).
_CODE_BREAK = re.compile(r"(\||(?<=##)\[)")


def _code_span(text: str) -> str:
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_QUOTED = re.compile(r"`([^`]+)`")


def markdown_message(value: Any) -> str:
    """One of our messages, whose `backticked` names become code spans; the rest is text."""
    parts = _QUOTED.split(_one_line(value))
    if any(not parts[i] for i in range(2, len(parts) - 1, 2)):
        return markdown(value)  # two spans touching: a quoted value holds backticks
    text = "".join(markdown_code(p) if i % 2 else _markdown_inline(p) for i, p in enumerate(parts))
    return _MD_LINE_START.sub(r"\1\\\2", text)


# JSON keeps non-ASCII text readable; only what a terminal or a CI log would act on is
# written as a \u escape (which every JSON reader turns back into the same text).
_JSON_UNSAFE = str.maketrans({code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x7F})


def json_text(data: Any) -> str:
    """`data` as indented JSON plus a newline, with the same content as `json.dumps`."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False).translate(_JSON_UNSAFE)
    return text.replace(_GH_COMMAND_V1, "##\\u005b") + "\n"


# OWASP, "CSV Injection": a cell starting with one of these is read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character is quoted with `'`.

    Control characters and line breaks are shown escaped, as in `printable`, so that no
    cell starts a line of the file (a line starting with `::` is a workflow command).
    """
    raw = "" if value is None else str(value)
    text = printable_path(raw)
    return "'" + text if raw.startswith(_FORMULA_START) or text.startswith(_FORMULA_START) else text
