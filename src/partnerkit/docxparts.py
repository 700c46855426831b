"""The parts of a Word document that are more than paragraphs: tables that never split a
row, signature blocks held on one page, the DRAFT box, the title block."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Emu, Pt
from docx.table import Table, _Row

from partnerkit import docxstyle as st
from partnerkit.docxbuild import Fmt, Sink, right_aligned
from partnerkit.docxhtml import Node, width_share

if TYPE_CHECKING:
    from partnerkit.docxbuild import Builder

_SECTIONS = ("thead", "tbody", "tfoot")
_RULE = "D5DBE3"
_HEAD_FILL = "E9F0F7"


def table(b: Builder, node: Node, sink: Sink) -> None:
    """An HTML table as a Word table: header rows repeat, rows never split, and the table
    is kept on one page where it fits."""
    rows = _rows(node)
    cols = max((sum(_span(c) for c in cells) for _, cells in rows), default=0)
    if not cols:
        return
    grid = sink.table(len(rows), cols)
    _borders(grid, "single", "single")
    widths = _widths(rows, cols, _text_width(b))
    for i, (head, cells) in enumerate(rows):
        row = grid.rows[i]
        _row_props(row, head)
        at = 0
        for cell_node in cells:
            span = min(_span(cell_node), cols - at)
            if span <= 0:
                break
            cell = row.cells[at]
            if span > 1:
                cell = cell.merge(row.cells[at + span - 1])
            cell.width = Emu(sum(widths[at : at + span]))
            inner = Sink(cell, "Table Text", b.styles, cell.paragraphs[0])
            b.blocks(cell_node, inner, Fmt(bold=head, muted=False))
            if head:
                _shade(cell, _HEAD_FILL)
            if cell_node.has("num"):
                right_aligned(inner.made)
            at += span
    _keep_together(grid)


def _rows(node: Node) -> list[tuple[bool, list[Node]]]:
    """(is a header row, cells) in order; text outside any cell (a redline's deleted words)
    joins the nearest cell, so nothing is lost."""
    out: list[tuple[bool, list[Node]]] = []
    stray: list[Node] = []

    def visit(parent: Node, head: bool) -> None:
        for child in parent.children:
            if child.tag in _SECTIONS:
                visit(child, child.tag == "thead")
            elif child.tag == "tr":
                cells = [c for c in child.children if c.tag in ("td", "th")]
                loose = [c for c in child.children if c.tag not in ("td", "th") and c.plain()]
                if not cells:
                    stray.extend(loose)
                    continue
                cells[-1].children.extend(loose)
                if stray:
                    cells[0].children[:0] = stray[:]
                    stray.clear()
                out.append((head or all(c.tag == "th" for c in cells), cells))
            elif child.plain() and child.tag != "caption":
                if out:
                    out[-1][1][-1].children.append(child)
                else:
                    stray.append(child)

    visit(node, False)
    return out


def _span(cell: Node) -> int:
    try:
        return max(1, min(int(cell.attrs.get("colspan", "1")), 50))
    except ValueError:
        return 1


def _text_width(b: Builder) -> int:
    section = b.doc.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)  # type: ignore[operator]


def _widths(rows: list[tuple[bool, list[Node]]], cols: int, total: int) -> list[int]:
    """Column widths from the first row's `width:NN%` styles; the rest share what is left."""
    shares: list[float | None] = [None] * cols
    if rows:
        at = 0
        for cell in rows[0][1]:
            if at < cols and _span(cell) == 1:
                shares[at] = width_share(cell)
            at += _span(cell)
    given = sum(s for s in shares if s is not None)
    free = [i for i, s in enumerate(shares) if s is None]
    rest = max(0.0, 1.0 - given) / len(free) if free else 0.0
    final = [s if s is not None else rest for s in shares]
    scale = sum(final) or 1.0
    return [int(total * s / scale) for s in final]


def _row_props(row: _Row, head: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if head:
        trpr.append(OxmlElement("w:tblHeader"))


def _keep_together(grid: Table) -> None:
    """Every row keeps with the next: Word then moves a table that fits onto one page."""
    for row in grid.rows[:-1]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True


def _borders(grid: Table, outer: str, inner: str, color: str = _RULE) -> None:
    sides = {"top": outer, "bottom": outer, "insideH": inner}
    xml = "".join(
        f'<w:{side} w:val="{sides.get(side, "nil")}" w:sz="4" w:space="0" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{xml}</w:tblBorders>")
    st.put(grid._tbl.tblPr, borders, "tblPr")
    margins = (
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="57" w:type="dxa"/><w:left w:w="85" '
        'w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar>"
    )
    st.put(grid._tbl.tblPr, parse_xml(margins), "tblPr")


def _shade(cell: object, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    st.put(tcpr, shd, "tcPr")


def signatures(b: Builder, node: Node, sink: Sink) -> None:
    """Signature blocks two to a row, without rules, every row held with the next."""
    blocks = [c for c in node.children if c.tag]
    if not blocks:
        return
    rows = (len(blocks) + 1) // 2
    grid = sink.table(rows, 2)
    _borders(grid, "nil", "nil")
    half = _text_width(b) // 2
    for i, block in enumerate(blocks):
        row = grid.rows[i // 2]
        if i % 2 == 0:
            _row_props(row, False)
        cell = row.cells[i % 2]
        cell.width = Emu(half)
        inner = Sink(cell, "Table Text", b.styles, cell.paragraphs[0])
        b.blocks(block, inner)
        for para in inner.made:
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.space_after = Pt(2)
    for row in grid.rows:
        for cell in row.cells:
            cell.width = Emu(half)
            for para in cell.paragraphs:  # the note under the blocks stays with them
                para.paragraph_format.keep_with_next = True


def callout(b: Builder, node: Node, sink: Sink) -> None:
    """The DRAFT box: one shaded cell with a red rule at its left."""
    grid = sink.table(1, 1)
    xml = "".join(
        f'<w:{side} w:val="{"single" if side == "left" else "nil"}" w:sz="24" w:space="0" '
        f'w:color="B3261E"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{xml}</w:tblBorders>")
    st.put(grid._tbl.tblPr, borders, "tblPr")
    _row_props(grid.rows[0], False)
    cell = grid.rows[0].cells[0]
    cell.width = Emu(_text_width(b))
    _shade(cell, "FDF3F2")
    inner = Sink(cell, "Normal", b.styles, cell.paragraphs[0])
    b.blocks(node, inner)
    for para in inner.made:
        para.paragraph_format.keep_with_next = True
    sink.paragraph().paragraph_format.space_after = Pt(0)  # room between box and text


def header_part(b: Builder, node: Node, sink: Sink) -> None:
    """The kicker above the title, the meta line under it, a signature's line."""
    para = sink.paragraph()
    if node.has("sig-line"):
        para.paragraph_format.space_before = Pt(26)
        st.border(para, "bottom")
        return
    if node.has("kicker"):
        run = para.add_run(node.plain())
        run.font.all_caps, run.bold = True, True
        run.font.size = Pt(9)
        run.font.color.rgb = st.MUTED
        para.paragraph_format.space_after = Pt(2)
        return
    from partnerkit.docxbuild import _parts

    run = para.add_run(" · ".join(_parts(node)))
    run.font.size = Pt(9.5)
    run.font.color.rgb = st.MUTED
    para.paragraph_format.space_after = Pt(12)
    st.border(para, "bottom", _RULE, 4)
