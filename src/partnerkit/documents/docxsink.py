"""Where a Word document's paragraphs and tables go (`Sink`), how a run of text looks
(`Fmt`), and what the parts of a document need of the builder that walks it (`Walker`).

Below both the builder (`docxbuild`) and the parts (`docxparts`), so that each can use
these without importing the other.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from partnerkit.documents.docxhtml import Node
from partnerkit.documents.docxstyle import p_pr, sub


@dataclass(frozen=True)
class Fmt:
    """How a run of text looks."""

    bold: bool = False
    italic: bool = False
    mono: bool = False
    muted: bool = False
    alert: bool = False
    change: str = ""  # "", "ins" or "del"
    nowrap: bool = False  # amounts and dates: never broken over two lines


_FOUND: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


class Styles:
    """Style ids by name, looked up once per styles part (which the documents of a
    process share): python-docx searches every style each time a paragraph's style is
    set by name or object."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.found = _FOUND.setdefault(doc.part._styles_part, {})
        self._width: int | None = None

    @property
    def text_width(self) -> int:
        """The width between the margins, which tables take (python-docx searches the
        whole document for its section each time it is asked)."""
        if self._width is None:
            section = self.doc.sections[0]
            width = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
            self._width = int(width)
        return self._width

    def __getitem__(self, name: str) -> str | None:
        if name not in self.found:
            self.found[name] = None if name == "Normal" else self.doc.styles[name].style_id
        return self.found[name]

    def numbering(self, name: str) -> int | None:
        """The numbering a list style carries (the stock `List Bullet` has one)."""
        key = f"{name}\0numbering"
        if key not in self.found:
            try:
                ppr = self.doc.styles[name].element.pPr
            except KeyError:
                ppr = None
            numpr = ppr.numPr if ppr is not None else None
            found = numpr is not None and numpr.numId is not None
            self.found[key] = int(numpr.numId.val) if found else None  # type: ignore[union-attr]
        return self.found[key]  # type: ignore[no-any-return]

    def apply(self, para: Paragraph, name: str) -> None:
        """Set the paragraph's style (`w:pStyle` comes first in its properties)."""
        found, p = self[name], para._p
        ppr = p.pPr
        old = ppr.find(_P_STYLE) if ppr is not None else None
        if old is not None:
            ppr.remove(old)
        if found is None:
            return
        ppr = p_pr(p)
        ppr.insert(0, sub(ppr, "w:pStyle", {_VAL: found}))

    def new(self, container: Any, name: str) -> Any:
        """A new `w:p` in the style `name` (Normal's paragraphs name none), the last
        of `container` (the body's ends with its section, which stays last)."""
        p = sub(container, "w:p")
        last = p.getprevious()
        if last is not None and last.tag == _SECT_PR:
            last.addprevious(p)
        found = self[name]
        if found is not None:
            sub(sub(p, "w:pPr"), "w:pStyle", {_VAL: found})
        return p


class Sink:
    """Where paragraphs and tables go: the document body or a table cell."""

    def __init__(
        self, target: Any, style: str, styles: Styles, first: Paragraph | None = None
    ) -> None:
        self.target, self.style, self.styles, self.first = target, style, styles, first
        self.made: list[Paragraph] = []
        body = isinstance(target, DocxDocument)
        self._parent = target._body if body else target  # what python-docx gives a paragraph
        self._container = target.element.body if body else target._element

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self.first is not None:
            para, self.first = self.first, None
            self.styles.apply(para, style or self.style)
        else:  # appended in order: no search for where it goes
            para = Paragraph(self.styles.new(self._container, style or self.style), self._parent)
        self.made.append(para)
        return para

    def table(self, rows: int, cols: int, *, lead_in: bool = True) -> Table:
        if self.made and lead_in:
            keep_next(self.made[-1])  # a table's lead-in stays
        if isinstance(self.target, DocxDocument):  # as python-docx does, its width known
            return self._parent.add_table(rows, cols, Emu(self.styles.text_width))
        table: Table = self.target.add_table(rows, cols)
        return table


_SECT_PR = qn("w:sectPr")


def keep_next(paragraph: Paragraph | Any) -> None:
    """Keep the paragraph (or `w:p`) on the page of the next one (`w:keepNext`, which
    follows only `w:pStyle` in its properties): python-docx searches some thirty later
    names for it."""
    p = paragraph._p if isinstance(paragraph, Paragraph) else paragraph
    ppr = p_pr(p)
    if ppr.find(_KEEP_NEXT) is None:
        first = ppr[0] if len(ppr) else None
        at = 1 if first is not None and first.tag == _P_STYLE else 0
        ppr.insert(at, sub(ppr, "w:keepNext"))


def row_paragraphs(row: Any) -> Iterator[Any]:
    """The `w:p` of each cell of a table row (`w:tr`), as python-docx's `cells` and
    `paragraphs` give them, without working out the row's grid for each."""
    for cell in row.iterchildren(_TC):
        yield from cell.iterchildren(_P)


_TC, _P = qn("w:tc"), qn("w:p")
_KEEP_NEXT, _P_STYLE, _VAL = qn("w:keepNext"), qn("w:pStyle"), qn("w:val")


class Walker(Protocol):
    """What a part of the document needs of the builder: the document, its styles, whether
    it is set compact, and a way to write a node's blocks into a sink."""

    @property
    def doc(self) -> DocxDocument: ...

    @property
    def styles(self) -> Styles: ...

    @property
    def compact(self) -> bool: ...

    def blocks(self, node: Node, sink: Sink, fmt: Fmt | None = None) -> None: ...


def line_parts(node: Node) -> list[str]:
    """The texts of a footer's or meta line's parts."""
    parts = [c.plain() for c in node.children if c.tag and c.plain()]
    return parts or ([node.plain()] if node.plain() else [])


def right_aligned(paragraphs: list[Paragraph]) -> None:
    """Align each paragraph right (`w:jc`, before the properties the schema puts after
    it, as python-docx places it without searching for each of them)."""
    for para in paragraphs:
        ppr = p_pr(para._p)
        old = ppr.find(_JC)
        if old is not None:
            ppr.remove(old)
        later = next((child for child in ppr if child.tag in _AFTER_JC), None)
        jc = sub(ppr, "w:jc", {_VAL: "right"})
        if later is not None:
            later.addprevious(jc)
        else:
            ppr.append(jc)


_JC = qn("w:jc")
_AFTER_JC = frozenset(
    qn(f"w:{name}")
    for name in (
        "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
        "cnfStyle", "rPr", "sectPr", "pPrChange",
    )
)  # fmt: skip


def text_run(
    p: Any, text: str | None, props: list[tuple[str, dict[str, str]]] | None = None
) -> Any:
    """A new last run of `p` holding `text` (None: nothing yet), with run properties
    `props` (names and attributes, in the schema's order), made at once where
    python-docx searches for each element's place."""
    run = sub(p, "w:r")
    if props:
        rpr = sub(run, "w:rPr")
        for name, attrs in props:
            sub(rpr, name, attrs)
    if text is None:
        return run
    t = sub(run, "w:t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")
    return run


_SPACE = qn("xml:space")


def cells_of(row: Any, table: Table) -> list[_Cell]:
    """A new row's cells (none merged yet), as python-docx's `cells` gives them without
    working out the row's grid."""
    return [_Cell(tc, table) for tc in row._tr.iterchildren(_TC)]


def first_paragraph(cell: _Cell) -> Paragraph:
    """The paragraph a new cell holds, as python-docx's `paragraphs[0]`."""
    return Paragraph(cell._tc.find(_P), cell)


def cell_width(cell: Any, width: int) -> None:
    """A table cell's width in EMU, as python-docx sets it (`w:tcW` in twips, first in
    the cell's properties)."""
    tcpr = cell._tc.get_or_add_tcPr()
    old = tcpr.find(_TCW)
    if old is not None:
        tcpr.remove(old)
    tcw = sub(tcpr, "w:tcW", {_TYPE: "dxa", _W: str(Emu(width).twips)})
    first = tcpr[0] if len(tcpr) else None
    tcpr.insert(1 if first is not None and first.tag == _CNF_STYLE else 0, tcw)


_TCW, _TYPE, _W, _CNF_STYLE = qn("w:tcW"), qn("w:type"), qn("w:w"), qn("w:cnfStyle")
