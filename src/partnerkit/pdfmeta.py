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

FONTS = Path(__file__).parent / "fonts"
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
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()
