"""A Word document from a rendered HTML document, in the same words.

Headings become Heading 1-3, a template's clause marks (`1.`, `1.1`, `(a)`) become real
Word numbering, tables stay tables whose rows never split, signature blocks stay on one
page, `<ins>`/`<del>` of a redline become tracked changes, and the HTML footer becomes the
page footer with page numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from partnerkit.documents import docxparts
from partnerkit.documents import docxstyle as st
from partnerkit.documents.docxhtml import Node
from partnerkit.documents.docxrefs import References
from partnerkit.documents.docxsink import Fmt, Sink, Styles, keep_next, line_parts, text_run

BREAK = "\n"
MAX_KEPT = 8  # signature blocks held on one page with what surrounds them
BLANK = "_" * 22
_SPACE = re.compile(r"[ \t\r\n\f]+")
_CLAUSE = re.compile(r"\d+\.\d+")
_SECTION = re.compile(r"\d+\.")
_LETTER = re.compile(r"\([a-z]{1,2}\)|\(\d+\)")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 3, "h5": 3, "h6": 3}
_PARAGRAPHS = frozenset(
    {"p", "dt", "dd", "figcaption", "caption", "summary", "blockquote", "pre", "address"}
)


@dataclass
class Changes:
    """Who and when, for the tracked changes of a redline."""

    author: str
    when: dt.date
    next_id: int = 1


class Builder:
    """Walks the HTML tree and writes the Word document."""

    def __init__(self, doc: DocxDocument, changes: Changes | None, compact: bool = False) -> None:
        self.doc, self.changes, self.compact = doc, changes, compact
        self.styles = Styles(doc)
        self.keeping = False
        self.footer_text = ""
        self._clauses: int | None = None
        self._letters: int | None = None
        self._bullet = self.styles.numbering("List Bullet")
        self.refs = References()
        self._standard = False  # inside the standard terms: their own clause numbers

    # ---- blocks -------------------------------------------------------------------------
    def blocks(self, node: Node, sink: Sink, fmt: Fmt | None = None) -> None:
        """Every child: runs of inline content become paragraphs, blocks their own kind."""
        pending: list[Node] = []
        for child in node.children:
            if child.tag and child.is_block():
                self.inline_paragraph(sink, pending, fmt or Fmt())
                pending = []
                self.block(child, sink, fmt)
            else:
                pending.append(child)
        self.inline_paragraph(sink, pending, fmt or Fmt())

    def block(self, node: Node, sink: Sink, fmt: Fmt | None = None) -> None:
        tag, base = node.tag, fmt or Fmt()
        if node.has("watermark"):
            return
        if tag == "footer":
            self.footer_text = " · ".join(line_parts(node))
        elif tag in _HEADINGS:
            self.heading(node, sink)
        elif tag in _PARAGRAPHS or node.has("sig-label") or node.has("sig-org"):
            self.paragraph(node, sink, base)
        elif tag in ("ul", "ol"):
            self.listing(node, sink, tag == "ol", base)
        elif tag == "table":
            docxparts.table(self, node, sink)
        elif node.has("signatures"):
            docxparts.signatures(self, node, sink)
        elif node.has("callout"):
            docxparts.callout(self, node, sink)
        elif node.has("meta") or node.has("kicker") or node.has("sig-line"):
            docxparts.header_part(self, node, sink)
        elif tag == "hr":
            st.border(sink.paragraph(), "bottom", "D5DBE3")
        else:
            self.container(node, sink, base)

    def container(self, node: Node, sink: Sink, fmt: Fmt) -> None:
        """A div or section: its content; a `keep` one is held on one page; standard
        terms after a cover page number their sections and clauses from 1 again."""
        if node.has("standard-terms"):
            self._clauses = None
            self._standard = True
        if self._whole_page(node, sink):
            self.keeping = True
            docxparts.kept(self, node, sink, fmt)
            self.keeping = False
            return
        start = len(sink.made)
        self.blocks(node, sink, replace(fmt, bold=True) if node.has("callout-title") else fmt)
        if node.has("keep") or node.has("signing") or node.has("signature"):
            for para in sink.made[start:-1]:
                keep_next(para)

    def _whole_page(self, node: Node, sink: Sink) -> bool:
        """Is this the signing block, small enough to be held on one page?"""
        if self.keeping or sink.target is not self.doc:
            return False
        if not (node.has("keep") or node.has("signing")):
            return False
        blocks = node.find_class("signatures")
        return blocks is not None and len([c for c in blocks.children if c.tag]) <= MAX_KEPT

    def heading(self, node: Node, sink: Sink) -> None:
        para = sink.paragraph(f"Heading {_HEADINGS[node.tag]}")
        self._letters = None
        marker, rest = _marker(node, "num")
        if marker is not None and _SECTION.fullmatch(marker):
            st.number(para, self.clauses(), 0)
        elif marker is not None:
            rest = node.children
        self.inline(para, rest, Fmt())

    def paragraph(self, node: Node, sink: Sink, fmt: Fmt) -> None:
        marker, rest = _marker(node, "cn")
        para = sink.paragraph()
        self.refs.clause(para, marker if marker and _CLAUSE.fullmatch(marker) else None,
                         self._standard)  # fmt: skip
        if marker is not None and _CLAUSE.fullmatch(marker):
            st.number(para, self.clauses(), 1)
            self._letters = None
        elif marker is not None and _LETTER.fullmatch(marker):
            if self._letters is None:
                self._letters = st.new_list(self.doc, "letters")
            st.number(para, self._letters, 0)
        else:
            rest = node.children
            self._letters = None
        if node.has("muted"):
            fmt = replace(fmt, muted=True)
        if node.has("sig-status") or node.has("fingerprint"):
            self.styles.apply(para, "Small Print")
        self.inline(para, rest, fmt)

    def inline_paragraph(self, sink: Sink, nodes: list[Node], fmt: Fmt) -> None:
        """Loose inline content (text straight inside a div or cell) as one paragraph."""
        if any(_has_text(n) for n in nodes):
            self.inline(sink.paragraph(), nodes, fmt)

    def listing(self, node: Node, sink: Sink, ordered: bool, fmt: Fmt) -> None:
        """Bullets, or a numbered list that starts at 1; stray text joins the item before."""
        num = st.new_list(self.doc, "decimal") if ordered else self._bullet
        last: Paragraph | None = None
        for child in node.children:
            if child.tag == "li":
                last = sink.paragraph()
                if num is not None:
                    st.number(last, num, 0)
                inline = [c for c in child.children if not (c.tag and c.is_block())]
                self.inline(last, inline, fmt)
                for sub in child.children:
                    if sub.tag and sub.is_block():
                        self.block(sub, sink, fmt)
            elif _has_text(child):
                last = last or sink.paragraph()
                self.inline(last, [child], fmt)
        self._letters = None

    def clauses(self) -> int:
        if self._clauses is None:
            self._clauses = st.new_list(self.doc, "clauses")
        return self._clauses

    # ---- inline -------------------------------------------------------------------------
    def inline(self, para: Paragraph, nodes: list[Node], fmt: Fmt) -> None:
        """Runs for the nodes, HTML whitespace folded as a browser folds it."""
        segments: list[tuple[str, Fmt]] = []
        for node in nodes:
            _collect(node, fmt, segments)
        p = para._p
        for text, look in _fold(segments):
            props = _run_properties(look, tracked=self.changes is not None)
            if text == BREAK:
                run = text_run(p, None, props)
                st.sub(run, "w:br")
            else:
                shown = st.xml_text(text)
                run = text_run(p, shown.replace(" ", "\u00a0") if look.nowrap else shown, props)
            if look.change and self.changes is not None:
                changes = self.changes
                st.track(run, look.change, changes.next_id, changes.author, changes.when)
                changes.next_id += 1


_MONO = {qn(f"w:{attr}"): st.MONO_FONT for attr in ("ascii", "hAnsi", "cs", "eastAsia")}


def _run_properties(fmt: Fmt, *, tracked: bool) -> list[tuple[str, dict[str, str]]]:
    """A run's properties for `fmt`, in the schema's order (none for plain text). Marks
    without a redline are shown (struck out, underlined), not tracked."""
    names: list[tuple[str, dict[str, str]]] = []
    if fmt.mono:
        names.append(("w:rFonts", _MONO))
    if fmt.bold:
        names.append(("w:b", {}))
    if fmt.italic:
        names.append(("w:i", {}))
    if fmt.change == "del" and not tracked:
        names.append(("w:strike", {}))
    if fmt.alert or fmt.muted:
        names.append(("w:color", {qn("w:val"): str(st.BAD if fmt.alert else st.MUTED)}))
    if fmt.mono:
        names.append(("w:sz", {qn("w:val"): "18"}))
    if fmt.change == "ins" and not tracked:
        names.append(("w:u", {qn("w:val"): "single"}))
    return names


def _marker(node: Node, cls: str) -> tuple[str | None, list[Node]]:
    """The leading `<span class=cls>` number of a heading or clause, and the rest."""
    for i, child in enumerate(node.children):
        if not child.tag and not child.text.strip():
            continue
        if child.tag == "span" and child.has(cls):
            return child.plain(), node.children[i + 1 :]
        break
    return None, node.children


def _has_text(node: Node) -> bool:
    return bool(node.raw_text().strip()) or node.tag == "br" or node.has("blank")


def _collect(node: Node, fmt: Fmt, out: list[tuple[str, Fmt]]) -> None:
    """Text segments with their look, in document order."""
    tag = node.tag
    if not tag:
        out.append((node.text, fmt))
        return
    if tag == "br":
        out.append((BREAK, fmt))
        return
    if node.has("blank"):
        out.append((BLANK, fmt))
        return
    if tag in ("strong", "b", "th") or node.has("badge") or node.has("callout-title"):
        fmt = replace(fmt, bold=True)
    if tag in ("em", "i", "cite"):
        fmt = replace(fmt, italic=True)
    if tag in ("code", "kbd", "samp", "tt"):
        fmt = replace(fmt, mono=True)
    if tag in ("ins", "del", "s", "strike"):
        fmt = replace(fmt, change="ins" if tag == "ins" else "del")
    if node.has("muted"):
        fmt = replace(fmt, muted=True)
    if node.has("callout-title"):
        fmt = replace(fmt, alert=True)
    if node.is_block() and out and out[-1][0] != BREAK:
        out.append((BREAK, fmt))
    for child in node.children:
        _collect(child, fmt, out)


def _fold(segments: list[tuple[str, Fmt]]) -> list[tuple[str, Fmt]]:
    """Collapse whitespace across segments; none at the start, the end or around breaks."""
    out: list[tuple[str, Fmt]] = []
    space = True
    for text, fmt in segments:
        if text == BREAK:
            _trim(out)
            out.append((BREAK, fmt))
            space = True
            continue
        folded = _SPACE.sub(" ", text)
        if space:
            folded = folded.lstrip(" ")
        if folded:
            out.append((folded, fmt))
            space = folded.endswith(" ")
    _trim(out)
    while out and out[-1][0] == BREAK:
        out.pop()
    return out


def _trim(out: list[tuple[str, Fmt]]) -> None:
    if out and out[-1][0] != BREAK:
        text, fmt = out[-1]
        if text.rstrip(" "):
            out[-1] = (text.rstrip(" "), fmt)
        else:
            out.pop()
