"""The parts of a Word document that are more than paragraphs: tables that never split a
row, signature blocks held on one page, the DRAFT box, the title block."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt
from docx.table import Table, _Row

from partnerkit.documents import docxstyle as st
from partnerkit.documents.docxhtml import Node, width_share
from partnerkit.documents.docxsink import (
    Fmt,
    Sink,
    Walker,
    cell_width,
    cells_of,
    first_paragraph,
    keep_next,
    line_parts,
    right_aligned,
    row_paragraphs,
    text_run,
)

_SECTIONS = ("thead", "tbody", "tfoot")
_RULE = "D5DBE3"
_HEAD_FILL = "E9F0F7"
MAX_KEPT_ROWS, MAX_KEPT_CHARS = 12, 1200
CHAR_EMU = 6 * 12700  # a character of 9-point table text, generously (fonts differ)
CELL_PAD_EMU = 12 * 12700


def table(b: Walker, node: Node, sink: Sink) -> None:
    """An HTML table as a Word table: header rows repeat, rows never split, and the table
    is kept on one page where it fits."""
    rows = _rows(node)
    cols = max((sum(_span(c) for c in cells) for _, cells in rows), default=0)
    if not cols:
        return
    grid = sink.table(len(rows), cols)
    _borders(grid, "single", "single", pad=28 if b.compact else 57)
    widths = _widths(rows, cols, _text_width(b))
    _columns(grid, widths)
    made = list(grid.rows)  # python-docx lists every row for each `rows[i]`: once here
    for (head, cells), row in zip(rows, made, strict=True):
        _row_props(row, head)
        at = 0
        row_cells = cells_of(row, grid)
        for cell_node in cells:
            span = min(_span(cell_node), cols - at)
            if span <= 0:
                break
            cell = row_cells[at]
            if span > 1:
                cell = cell.merge(row_cells[at + span - 1])
            cell_width(cell, sum(widths[at : at + span]))
            inner = Sink(cell, "Table Text", b.styles, first_paragraph(cell))
            b.blocks(cell_node, inner, Fmt(bold=head, nowrap=cell_node.has("num")))
            if head:
                _shade(cell, _HEAD_FILL)
            if cell_node.has("num"):
                right_aligned(inner.made)
            at += span
    if node.has("keep") or _short(rows):
        _keep_together(grid)
    else:  # a long table flows from page to page; its header stays with the first row
        for (head, _), row in zip(rows, made, strict=True):
            for para in row_paragraphs(row._tr) if head else ():
                keep_next(para)


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


def _short(rows: list[tuple[bool, list[Node]]]) -> bool:
    """Short enough to move whole to the next page rather than leave a page half empty."""
    text = sum(len(c.plain()) for _, cells in rows for c in cells)
    return len(rows) <= MAX_KEPT_ROWS and text <= MAX_KEPT_CHARS


def _span(cell: Node) -> int:
    try:
        return max(1, min(int(cell.attrs.get("colspan", "1")), 50))
    except ValueError:
        return 1


def _text_width(b: Walker) -> int:
    return b.styles.text_width


def _widths(rows: list[tuple[bool, list[Node]]], cols: int, total: int) -> list[int]:
    """Column widths: the first row's `width:NN%` styles where given, otherwise by content
    (as a browser lays out a table); every column at least as wide as its longest word,
    and amounts and dates as wide as their whole text."""
    shares: list[float | None] = [None] * cols
    at = 0
    for cell in rows[0][1] if rows else []:
        if at < cols and _span(cell) == 1:
            shares[at] = width_share(cell)
        at += _span(cell)
    low, high = _content(rows, cols)
    need = [n * CHAR_EMU + CELL_PAD_EMU for n in low]
    if all(s is None for s in shares):
        room = max(0, total - sum(need))
        wants = [max(0, h - n) for h, n in zip(high, low, strict=True)]
        spread = sum(wants) or len(wants)
        widths = [
            w + room * (x if sum(wants) else 1) // spread for w, x in zip(need, wants, strict=True)
        ]
    else:
        given = sum(s for s in shares if s is not None)
        free = [i for i, s in enumerate(shares) if s is None]
        rest = max(0.0, 1.0 - given) / len(free) if free else 0.0
        final = [s if s is not None else rest for s in shares]
        widths = [int(total * s / (sum(final) or 1.0)) for s in final]
    return _at_least(widths, need)


def _content(rows: list[tuple[bool, list[Node]]], cols: int) -> tuple[list[int], list[int]]:
    """Per column, in characters: the longest unbreakable text and the longest text."""
    low, high = [1] * cols, [1] * cols
    for _, cells in rows:
        at = 0
        for cell in cells:
            if _span(cell) == 1 and at < cols:
                text = cell.plain()
                words = [text] if cell.has("num") else text.split()
                low[at] = max(low[at], min(30, max((len(w) for w in words), default=1)))
                high[at] = max(high[at], min(80, len(text)))
            at += _span(cell)
    return low, high


def _at_least(widths: list[int], need: list[int]) -> list[int]:
    """Give each column too narrow for its text room from the column with most to spare."""
    for i in range(len(widths)):
        while widths[i] < need[i]:
            spare = [(widths[j] - need[j], j) for j in range(len(widths)) if j != i]
            most, donor = max(spare, default=(0, -1))
            if most <= 0:
                break
            give = min(need[i] - widths[i], most)
            widths[i] += give
            widths[donor] -= give
    return widths


def _columns(grid: Table, widths: list[int]) -> None:
    """Fixed column widths (the grid, which LibreOffice reads, and each cell, which Word
    reads)."""
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=False):
        column.width = Emu(width)


def _row_props(row: _Row, head: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    st.sub(trpr, "w:cantSplit")
    if head:
        st.sub(trpr, "w:tblHeader")


def _keep_together(grid: Table) -> None:
    """Every row keeps with the next: Word then moves a table that fits onto one page."""
    for row in grid._tbl.tr_lst[:-1]:
        for para in row_paragraphs(row):
            keep_next(para)


def _borders(grid: Table, outer: str, inner: str, color: str = _RULE, pad: int = 57) -> None:
    sides = {"top": outer, "bottom": outer, "insideH": inner}
    xml = "".join(
        f'<w:{side} w:val="{sides.get(side, "nil")}" w:sz="4" w:space="0" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{xml}</w:tblBorders>")
    st.put(grid._tbl.tblPr, borders, "tblPr")
    margins = (
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{pad}" w:type="dxa"/><w:left w:w="85" '
        f'w:type="dxa"/><w:bottom w:w="{pad}" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar>"
    )
    st.put(grid._tbl.tblPr, parse_xml(margins), "tblPr")


def _shade(cell: object, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    st.put(tcpr, shd, "tcPr")


def signatures(b: Walker, node: Node, sink: Sink) -> None:
    """Signature blocks two to a row, without rules: the parties' names, the lines to sign
    on and the name, title and date each in a row of their own, so the lines align."""
    blocks = [c for c in node.children if c.tag]
    if not blocks:
        return
    pairs = [blocks[i : i + 2] for i in range(0, len(blocks), 2)]
    grid = sink.table(3 * len(pairs), 2)
    _borders(grid, "nil", "nil")
    half = _text_width(b) // 2
    _columns(grid, [half, half])
    made = list(grid.rows)  # python-docx lists every row for each `rows[i]`: once here
    for at, pair in enumerate(pairs):
        for col, block in enumerate(pair):
            for part, nodes in enumerate(_signature_parts(block)):
                cell = cells_of(made[3 * at + part], grid)[col]
                inner = Sink(cell, "Table Text", b.styles, first_paragraph(cell))
                b.blocks(Node("div", children=nodes), inner)
    for i, row in enumerate(made):
        _row_props(row, False)
        for cell in row.cells:
            cell_width(cell, half)
            for para in cell.paragraphs:  # the blocks and the note under them stay together
                keep_next(para)
                para.paragraph_format.space_after = Pt(2)
            cell.paragraphs[-1].paragraph_format.space_after = Pt(14 if i % 3 == 2 else 2)


def _signature_parts(block: Node) -> tuple[list[Node], list[Node], list[Node]]:
    """(for whom, the line to sign on, name/title/date and status) of one block."""
    org = [c for c in block.children if c.has("sig-org")]
    line = [c for c in block.children if c.has("sig-line")]
    if not org and not line:
        return block.children, [], []
    placed = {id(c) for c in org + line}
    return org, line, [c for c in block.children if id(c) not in placed]


def kept(b: Walker, node: Node, sink: Sink, fmt: Fmt) -> None:
    """A block that must not break across pages (the signing page: the last clauses, the
    signature blocks and the note under them) as one borderless cell whose row never splits:
    a page then never holds a lone signature block or the fingerprint note alone."""
    grid = sink.table(1, 1, lead_in=False)
    _borders(grid, "nil", "nil")
    flush = (
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
    )
    st.put(grid._tbl.tblPr, parse_xml(flush), "tblPr")
    _columns(grid, [_text_width(b)])
    _row_props(grid.rows[0], False)
    cell = grid.rows[0].cells[0]
    cell_width(cell, _text_width(b))
    b.blocks(node, Sink(cell, "Normal", b.styles, cell.paragraphs[0]), fmt)


def callout(b: Walker, node: Node, sink: Sink) -> None:
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
    cell_width(cell, _text_width(b))
    _shade(cell, "FDF3F2")
    inner = Sink(cell, "Normal", b.styles, cell.paragraphs[0])
    b.blocks(node, inner)
    for para in inner.made:
        keep_next(para)
    sink.paragraph().paragraph_format.space_after = Pt(0)  # room between box and text


def header_part(b: Walker, node: Node, sink: Sink) -> None:
    """The kicker above the title, the meta line under it, a signature's line."""
    para = sink.paragraph()
    if node.has("sig-line"):
        para.paragraph_format.space_before = Pt(26)
        st.border(para, "bottom")
        if node.plain().strip():  # a conformed copy: `/s/ Name` on the line
            text_run(para._p, st.xml_text(node.plain().strip()))
        return
    muted = ("w:color", {qn("w:val"): str(st.MUTED)})
    if node.has("kicker"):
        caps = [("w:b", {}), ("w:caps", {}), muted, ("w:sz", {qn("w:val"): "18"})]
        text_run(para._p, st.xml_text(node.plain()), caps)
        para.paragraph_format.space_after = Pt(2)
        return
    small = [muted, ("w:sz", {qn("w:val"): "19"})]
    text_run(para._p, st.xml_text(" · ".join(line_parts(node))), small)
    para.paragraph_format.space_after = Pt(12)
    st.border(para, "bottom", _RULE, 4)
