"""The frame of every Word document: page, styles, clause numbering, header and footer,
tracked-change runs, and a package whose bytes depend only on its content."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from partnerkit.documents.docxzip import keep_serialised

INK = RGBColor(0x1D, 0x27, 0x33)
MUTED = RGBColor(0x5B, 0x66, 0x75)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
BAD = RGBColor(0xB3, 0x26, 0x1E)
BODY_FONT = "Cambria"
HEAD_FONT = "Calibri"
MONO_FONT = "Consolas"
PAPER = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}


@dataclass(frozen=True)
class Sizes:
    """Type sizes and spacing in points: body, paragraph spacing, line height, headings
    (size, space before), table text."""

    body: float
    after: float
    line: float
    headings: tuple[tuple[float, float], ...]
    table: float


REGULAR = Sizes(10.5, 6, 1.15, ((20, 0), (13, 14), (11, 10)), 9)
COMPACT = Sizes(9, 2, 1.0, ((16, 0), (11, 6), (10, 4)), 8)

# Clauses number as 1. / 1.1 (a heading, then its clauses), parties as (a), lists as 1.
_CLAUSES, _LETTERS, _DECIMAL = 901, 902, 903
_LEVEL = (
    '<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
    '<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr></w:lvl>'
)


def sub(parent: Any, tag: str, attrs: dict[str, str] | None = None) -> Any:
    """A new last child `tag` (`w:r`) of `parent`, made inside its document: python-docx's
    `OxmlElement` makes each element in a document of its own, moved on `append`, which
    costs three times as much."""
    return etree.SubElement(parent, _CLARK.get(tag) or _clark(tag), attrs or {})


def _clark(tag: str) -> str:
    _CLARK[tag] = qn(tag)
    return _CLARK[tag]


_CLARK: dict[str, str] = {}


def p_pr(p: Any) -> Any:
    """A paragraph's properties (`w:pPr`, its first child), made if it has none."""
    ppr = p.pPr
    if ppr is None:
        ppr = sub(p, "w:pPr")
        p.insert(0, ppr)
    return ppr


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text Word can hold: characters XML forbids (controls, U+FFFE) shown as U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(value))


def font(rpr_owner: Any, name: str) -> None:
    """Set a font on a style or run for every script, dropping theme fonts that override it."""
    rpr = rpr_owner.element.get_or_add_rPr() if hasattr(rpr_owner, "element") else rpr_owner
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), name)


_BASES: dict[tuple[str, bool], DocxDocument] = {}


def new_document(paper: str, *, compact: bool = False) -> DocxDocument:
    """A document set up as `setup` does, to build in. The stock template is parsed and
    set up once per process for each paper and compactness; each document is a copy that
    shares the styles part, which building only reads (it is 350 kB of XML)."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE

    base = _BASES.get((paper, compact))
    if base is None:
        base = Document()
        setup(base, paper, compact=compact)
        _lean(base)
        _footer_frame(base)
        rels = base.part.package.rels
        for rid in [k for k, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
            del rels[rid]  # python-docx's stock thumbnail shows another document
        _BASES[paper, compact] = base
        keep_serialised(base.part._styles_part)
    styles = base.part._styles_part
    shared = {id(styles): styles}
    return copy.deepcopy(base, shared)


def _lean(doc: DocxDocument) -> None:
    """Leave out what no partnerkit document uses and Word knows without it: the stock
    template's hundred table styles (Light Shading to Colorful Grid, 80 % of its styles
    part: Word adds a built-in style's definition when one is applied), and the copy of
    every style that only Word 2010 reads (`stylesWithEffects`; Word 2013 and later do not
    write it, and Word 2010 reads the styles part without it)."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1":
            styles.remove(style)
    rels = doc.part.rels
    for rid in [k for k, rel in rels.items() if rel.reltype.endswith("/stylesWithEffects")]:
        del rels[rid]




def setup(doc: DocxDocument, paper: str, *, compact: bool = False) -> None:
    """Page size and margins, the styles the builder uses, and the numbering definitions;
    `compact` sets type smaller and tighter (a document meant to fit one page)."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAPER.get(paper, PAPER["a4"])
    side, top, bottom = (Mm(16), Mm(14), Mm(16)) if compact else (Mm(20), Mm(18), Mm(20))
    section.left_margin = section.right_margin = side
    section.top_margin, section.bottom_margin = top, bottom
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    _styles(doc, COMPACT if compact else REGULAR)
    _numbering(doc)


def _styles(doc: DocxDocument, sizes: Sizes) -> None:
    normal = doc.styles["Normal"]
    font(normal, BODY_FONT)
    normal.font.size = Pt(sizes.body)
    normal.font.color.rgb = INK
    fmt = normal.paragraph_format
    fmt.space_after, fmt.line_spacing = Pt(sizes.after), sizes.line
    for level, (size, before) in enumerate(sizes.headings, start=1):
        style = doc.styles[f"Heading {level}"]
        font(style, HEAD_FONT)
        style.font.size, style.font.bold = Pt(size), True
        style.font.color.rgb = ACCENT
        style.font.italic = False
        pf = style.paragraph_format
        pf.space_before, pf.space_after, pf.keep_with_next = Pt(before), Pt(4), True
    for name, points in (("Table Text", sizes.table), ("Small Print", 8.5)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(points)
        pf = style.paragraph_format
        space = Pt(1) if sizes is REGULAR else Pt(0)
        pf.space_before, pf.space_after, pf.line_spacing = space, space, 1.0
    for name in ("Header", "Footer"):
        style = doc.styles[name]
        font(style, HEAD_FONT)
        style.font.size = Pt(8)
        style.font.color.rgb = MUTED


def _abstract(num_id: int, levels: list[tuple[str, str, int]]) -> Any:
    body = "".join(
        _LEVEL.format(ilvl=i, fmt=fmt, text=text, left=left, hang=min(left, 567))
        for i, (fmt, text, left) in enumerate(levels)
    )
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>'
    )


def _numbering(doc: DocxDocument) -> None:
    numbering = doc.part.numbering_part.element
    definitions = {
        _CLAUSES: [("decimal", "%1.", 567), ("decimal", "%1.%2", 567)],
        _LETTERS: [("lowerLetter", "(%1)", 567)],
        _DECIMAL: [("decimal", "%1.", 425)],
    }
    first_num = numbering.find(qn("w:num"))
    for num_id, levels in definitions.items():
        element = _abstract(num_id, levels)
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)


def new_list(doc: DocxDocument, kind: str) -> int:
    """A fresh numbering instance (`clauses`, `letters` or `decimal`) that starts at 1."""
    abstract = {"clauses": _CLAUSES, "letters": _LETTERS, "decimal": _DECIMAL}[kind]
    numbering = doc.part.numbering_part.element
    num = numbering.add_num(abstract)
    override = parse_xml(
        f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    )
    num.append(override)
    return int(num.numId)


def number(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Give the paragraph real Word numbering (`w:numPr`, after the properties the schema
    puts first)."""
    ppr = p_pr(paragraph._p)
    old = ppr.find(_NUM_PR)
    if old is not None:
        ppr.remove(old)
    at = 0
    while at < len(ppr) and ppr[at].tag in _BEFORE_NUMBERING:
        at += 1
    numpr = sub(ppr, "w:numPr")
    sub(numpr, "w:ilvl", {qn("w:val"): str(level)})
    sub(numpr, "w:numId", {qn("w:val"): str(num_id)})
    ppr.insert(at, numpr)


_NUM_PR = qn("w:numPr")
_BEFORE_NUMBERING = frozenset(
    qn(f"w:{name}")
    for name in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
)


_AFTER = {
    "pPr": (
        "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
        "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
        "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
        "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    "tblPr": ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"),
    "tcPr": ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
}  # fmt: skip


def put(parent: Any, child: Any, kind: str) -> Any:
    """Insert `child` into a properties element where the schema wants it, replacing
    an element of the same name (Word refuses properties out of order)."""
    old = parent.find(child.tag)
    if old is not None:
        parent.remove(old)
    later = {qn(f"w:{name}") for name in _AFTER[kind]}
    if kind == "pPr" and child.tag == qn("w:shd"):
        later.discard(qn("w:shd"))
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def border(paragraph: Paragraph, side: str, color: str = "1D2733", size: int = 6) -> None:
    """A rule on one side of the paragraph (a signature line, a separator)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = put(ppr, OxmlElement("w:pBdr"), "pPr")
    pbdr.append(
        parse_xml(
            f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" w:space="1" w:color="{color}"/>'
        )
    )


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word updates when it lays out the page (PAGE, NUMPAGES)."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.add_run("1")
    paragraph.add_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def footer(doc: DocxDocument, text: str) -> None:
    """The traceability line on every page, above the `Page N of M` line that
    `new_document`'s base already has in its footer."""
    doc.sections[0].footer.paragraphs[0].add_run(xml_text(text))


def _footer_frame(doc: DocxDocument) -> None:
    """Every document's footer but its traceability line: an empty first paragraph for
    it, then `Page N of M` on its own line at the right. On one line, with a tab stop the
    text ran past, a long source name ran the hash into the page number (the Footer
    style's tab stops, set for Letter, are cleared)."""
    style = doc.styles["Footer"]
    style.paragraph_format.tab_stops.clear_all()
    section = doc.sections[0]
    section.footer.paragraphs[0].style = style
    page = section.footer.add_paragraph(style=style)
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page.add_run("Page ")
    _field(page, "PAGE")
    page.add_run(" of ")
    _field(page, "NUMPAGES")


def header(doc: DocxDocument, text: str, styles: Any) -> None:
    """A marking on every page (the DRAFT line), right-aligned in red."""
    para = doc.sections[0].header.paragraphs[0]
    para._p.style = styles["Header"]
    para.alignment = 2
    run = para.add_run(xml_text(text))
    run.bold = True
    run.font.color.rgb = BAD


def track(run_element: Any, kind: str, change_id: int, author: str, when: dt.date) -> None:
    """Wrap a run in `w:ins` or `w:del` so Word shows it as a tracked change."""
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(change_id))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), f"{when.isoformat()}T00:00:00Z")
    run_element.addprevious(wrapper)
    wrapper.append(run_element)
    if kind == "del":
        for t in run_element.findall(qn("w:t")):
            t.tag = qn("w:delText")


def track_revisions(doc: DocxDocument) -> None:
    """Turn on Track Changes, so counsel's own edits to a redline are tracked too."""
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is None:
        settings.insert(0, OxmlElement("w:trackRevisions"))


def properties(doc: DocxDocument, title: str, subject: str, date: dt.date | None) -> None:
    """Core properties from the document alone: no wall-clock time unless a date is given."""
    props = doc.core_properties
    props.title, props.subject = xml_text(title)[:255], xml_text(subject)[:255]
    props.author = "partnerkit"
    props.comments, props.keywords, props.last_modified_by = "", "", "partnerkit"
    props.revision = 1
    element = props._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        found = element.find(qn(tag))
        if found is not None:
            element.remove(found)
    if date is not None:
        stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        props.created = props.modified = stamp
    description = element.find(qn("dc:description"))
    if description is not None:
        description.text = ""
