"""A Word document's package: python-docx's parts in a zip whose bytes depend only on
its content (fixed member times and attributes), deflated once at a fast level."""

from __future__ import annotations

import io
import weakref
import zipfile
from typing import Any

from docx.document import Document as DocxDocument

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DEFLATE_LEVEL = 1  # level 6 took twice as long for a third less

_BLOBS: weakref.WeakKeyDictionary[Any, bytes] = weakref.WeakKeyDictionary()


def keep_serialised(part: Any) -> None:
    """Serialise `part` (one that many documents share, unchanged) once, for them all."""
    _BLOBS[part] = part.blob


def package(doc: DocxDocument) -> bytes:
    """The .docx bytes with fixed zip timestamps and order, so one input gives one output:
    python-docx's package writer, writing into a zip of fixed member times and attributes
    (once, at a fast deflate level, rather than saved and then rewritten)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    rels = package.rels
    for rid in [k for k, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[rid]  # python-docx's stock thumbnail shows another document
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as out:
        sink = _FixedZip(out)
        PackageWriter._write_content_types_stream(sink, parts)
        PackageWriter._write_pkg_rels(sink, rels)
        for part in parts:  # as python-docx writes them, a shared part's XML made once
            blob = _BLOBS.get(part)
            sink.write(part.partname, part.blob if blob is None else blob)
            if len(part.rels):
                sink.write(part.partname.rels_uri, part.rels.xml)
    return raw.getvalue()


class _FixedZip:
    """Where python-docx's package writer puts each member: a zip entry whose time and
    attributes are fixed."""

    def __init__(self, out: zipfile.ZipFile) -> None:
        self.out = out

    def write(self, uri: Any, blob: bytes) -> None:
        fixed = zipfile.ZipInfo(uri.membername, date_time=FIXED_ZIP_TIME)
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = 0o644 << 16
        fixed.create_system = 3
        self.out.writestr(fixed, blob, compresslevel=DEFLATE_LEVEL)
