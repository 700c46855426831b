"""What a PDF carries beside its pages, written and read back.

Written (`describe`, `attachments`, `finish`): the title; a subject naming the source,
its sha256 and the terms fingerprint; no dates unless `--date` gives one; the
partnership file the document was made from, attached as its PDF/A-3 source (a
redline attaches both versions, labelled); the PDF/UA identification and the title
shown as the window's title. Nothing depends on the clock or the machine.

Read (`read`): the same, for `partnerkit verify`.

Fonts ship inside the package (DejaVu, under the Bitstream Vera licence in
`fonts/LICENSE-DejaVu.txt`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from partnerkit import __version__

YAML = "application/yaml"
# PDF/UA-1 identification, added to the XMP packet WeasyPrint writes for PDF/A-3b.
UA_XMP = (
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
    b"<pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF>"
)
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*\.)(?=\S)")  # a clause number run into its title
SUBJECT = re.compile(r"^(?P<source>.*) · sha256 (?P<sha256>[0-9a-f]{64}) · terms (?P<terms>\S+)$")


@dataclass(frozen=True)
class Source:
    """A file attached to the PDF: its name, bytes and what it is."""

    name: str
    data: bytes
    description: str


@dataclass(frozen=True)
class PrintJob:
    """Everything one PDF is made from (picklable: it may go to a worker process)."""

    html: str
    title: str
    source: str  # the partnership file as the user named it
    sha256: str
    terms: str  # the terms fingerprint
    date: dt.date | None = None
    sources: tuple[Source, ...] = ()
    allowed_data: frozenset[str] = field(default_factory=frozenset)

    @property
    def subject(self) -> str:
        return f"{self.source} · sha256 {self.sha256} · terms {self.terms}"


def redline_sources(name: str, now: bytes, label: str, before: str) -> list[Source]:
    """Both versions a redline compares, labelled: the earlier one (at `label`) first."""
    stem, dot, suffix = name.rpartition(".")
    tag = re.sub(r"[^\w.-]+", "-", label)
    earlier = f"{stem}@{tag}.{suffix}" if dot else f"{name}@{tag}"
    return [
        Source(earlier, before.encode("utf-8"),
               f"Earlier version ({label}): what the redline marks changes against"),
        Source(name, now, "Later version: the partnership file this document was made from"),
    ]  # fmt: skip


def describe(metadata: Any, job: PrintJob) -> None:
    """Set WeasyPrint's document metadata from the job alone (nothing from the template)."""
    metadata.title = job.title
    metadata.description = job.subject
    metadata.generator = f"partnerkit {__version__}"
    metadata.authors, metadata.keywords, metadata.attachments = [], [], []
    when = job.date.isoformat() if job.date else None
    metadata.created = metadata.modified = when
    metadata.custom = {}
    metadata.xmp_metadata = [UA_XMP]


def attachments(weasyprint: Any, job: PrintJob) -> list[Any]:
    """The job's sources as WeasyPrint attachments (relationship Source, PDF/A-3)."""
    stamp = dt.datetime.combine(job.date or dt.date(2000, 1, 1), dt.time())  # see `finish`
    made = []
    for source in job.sources:
        made.append(weasyprint.Attachment(
            file_obj=io.BytesIO(source.data), name=source.name, description=source.description,
            created=stamp, modified=stamp, relationship="Source",
        ))  # fmt: skip
    return made


def finish(document: Any, pdf: Any, *, job: PrintJob) -> None:
    """Last touches on the PDF before it is written (WeasyPrint's `finisher`).

    The attached files are YAML; their dates are the document's `--date`, or none
    (an attachment's dates are optional, and the clock would change the bytes).
    The viewer shows the title, not the file name (PDF/UA); a bookmark keeps the space
    the page shows between a clause's number and its title.
    """
    for obj in pdf.objects:
        extra = getattr(obj, "extra", None)
        if isinstance(extra, dict) and extra.get("Type") == "/EmbeddedFile":
            extra["Subtype"] = "/" + YAML.replace("/", "#2f")
            if job.date is None:
                for key in ("CreationDate", "ModDate"):
                    extra["Params"].pop(key, None)
    import pydyf

    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    if "AF" in pdf.catalog:  # WeasyPrint lists each attachment twice
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
    for obj in pdf.objects:  # bookmarks: "1. Background", as the heading reads
        if isinstance(obj, dict) and "Dest" in obj and isinstance(obj.get("Title"), pydyf.String):
            obj["Title"] = pydyf.String(NUMBERED.sub(r"\1 ", obj["Title"].string))


@dataclass(frozen=True)
class Carried:
    """What `read` finds in a PDF partnerkit printed."""

    source: str
    sha256: str
    terms: str
    files: list[tuple[str, str, bytes]]  # (name, description, bytes), in the PDF's order


def read(data: bytes) -> Carried | None:
    """The source, hashes and attached files of a partnerkit PDF; None if it is none."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = SUBJECT.match(str(pdf.docinfo.get("/Subject", "")))
        files = [
            (name, str(spec.description or ""), spec.get_file().read_bytes())
            for name, spec in pdf.attachments.items()
        ]
    if found is None:
        return None
    return Carried(found["source"], found["sha256"], found["terms"], files)
