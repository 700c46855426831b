"""What makes two prints of the same document the same bytes, on any machine.

Chromium stamps each PDF with the wall-clock time and its own version; partnerkit
rewrites the document information with fixed values (title, subject with the source
hash, no dates unless `--date` gives one) and a file identifier computed from the
content. Fonts ship inside the package (DejaVu, under the Bitstream Vera licence in
`fonts/LICENSE-DejaVu.txt`) and are embedded in the page, so the printer does not
depend on what fonts a machine has.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from functools import cache
from pathlib import Path
from typing import Any

FONTS = Path(__file__).parents[1] / "fonts"  # partnerkit/fonts, above documents/
# family, file, weight, style
FACES = (
    ("DejaVu Serif", "DejaVuSerif.ttf", 400, "normal"),
    ("DejaVu Serif", "DejaVuSerif-Bold.ttf", 700, "normal"),
    ("DejaVu Serif", "DejaVuSerif-Italic.ttf", 400, "italic"),
    ("DejaVu Sans", "DejaVuSans.ttf", 400, "normal"),
    ("DejaVu Sans", "DejaVuSans-Bold.ttf", 700, "normal"),
)


@cache
def font_faces() -> str:
    """`@font-face` rules for the shipped fonts, as data: URIs (the print page loads
    nothing from outside itself)."""
    rules = []
    for family, name, weight, style in FACES:
        path = FONTS / name
        if not path.is_file():
            continue
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f"font-style: {style}; src: url(data:font/ttf;base64,{data}) format('truetype'); }}"
        )
    return "<style>" + "\n".join(rules) + "</style>"


def _pdf_date(day: dt.date) -> str:
    return f"D:{day:%Y%m%d}000000Z"


def fix_metadata(pdf: bytes, *, title: str, subject: str, date: dt.date | None) -> bytes:
    """The PDF with fixed document information and a content-derived file identifier."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        info = pikepdf.Dictionary(
            Title=pikepdf.String(title),
            Subject=pikepdf.String(subject),
            Creator=pikepdf.String("partnerkit"),
            Producer=pikepdf.String("partnerkit"),
        )
        if date is not None:
            info.CreationDate = pikepdf.String(_pdf_date(date))
            info.ModDate = pikepdf.String(_pdf_date(date))
        doc.trailer.Info = doc.make_indirect(info)
        if "/Metadata" in doc.Root:
            del doc.Root.Metadata
        _stable_ids(doc)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def _stable_ids(doc: Any) -> None:
    """Renumber the structure tree's element IDs in reading order.

    Chromium names tagged elements after its internal DOM node numbers, which can differ
    between two prints of the same page (on a busy machine, for one); the IDs are only
    cross-references (the ID tree, table cells' `/Headers`), so numbering them in the
    order the tree is read keeps every reference and makes the bytes the same."""
    import pikepdf

    root = doc.Root.get("/StructTreeRoot")
    if root is None or "/IDTree" not in root:
        return
    elements = _struct_elements(root)
    renamed: dict[str, str] = {}
    for element in elements:
        if "/ID" in element:
            renamed[str(element.ID)] = f"id{len(renamed) + 1:06d}"
            element.ID = pikepdf.String(renamed[str(element.ID)])
    for element in elements:
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array(
                    [pikepdf.String(renamed.get(str(h), str(h))) for h in attribute.Headers]
                )
    by_id = {str(e.ID): e for e in elements if "/ID" in e}
    flat: list[Any] = []
    for name in sorted(by_id):
        flat += [pikepdf.String(name), by_id[name]]
    root.IDTree = doc.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _struct_elements(root: Any) -> list[Any]:
    """Every structure element under `root`, depth first, in reading order."""
    import pikepdf

    found: list[Any] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            key = node.objgen
            if key != (0, 0) and key in seen:
                continue
            seen.add(key)
            found.append(node)
            stack.append(node.get("/K"))
    return found
