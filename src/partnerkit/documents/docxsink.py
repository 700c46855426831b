"""Where a Word document's paragraphs and tables go (`Sink`), how a run of text looks
(`Fmt`), and what the parts of a document need of the builder that walks it (`Walker`).

Below both the builder (`docxbuild`) and the parts (`docxparts`), so that each can use
these without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from partnerkit.documents.docxhtml import Node


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


class Styles:
    """Style ids by name, looked up once: python-docx searches every style each time a
    paragraph's style is set by name or object."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.found: dict[str, str | None] = {}

    def __getitem__(self, name: str) -> str | None:
        if name not in self.found:
            self.found[name] = None if name == "Normal" else self.doc.styles[name].style_id
        return self.found[name]

    def apply(self, para: Paragraph, name: str) -> None:
        para._p.style = self[name]


class Sink:
    """Where paragraphs and tables go: the document body or a table cell."""

    def __init__(
        self, target: Any, style: str, styles: Styles, first: Paragraph | None = None
    ) -> None:
        self.target, self.style, self.styles, self.first = target, style, styles, first
        self.made: list[Paragraph] = []

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self.first is not None:
            para, self.first = self.first, None
        else:
            para = self.target.add_paragraph()
        self.styles.apply(para, style or self.style)
        self.made.append(para)
        return para

    def table(self, rows: int, cols: int, *, lead_in: bool = True) -> Table:
        if self.made and lead_in:
            self.made[-1].paragraph_format.keep_with_next = True  # a table's lead-in stays
        table: Table = self.target.add_table(rows, cols)
        return table


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
    for para in paragraphs:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
