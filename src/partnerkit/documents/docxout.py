"""Word (.docx) output: a rendered HTML document rebuilt as a Word document, or a user's
own `NAME.docx` template filled through docxtpl in Jinja's sandbox.

python-docx builds the document (headings, numbering, tables, tracked changes); docxtpl
fills user templates. Output is reproducible: the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from partnerkit.documents.render import TEMPLATE_FAILURES, DocumentMeta
from partnerkit.documents.templates import template_message
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited

MAX_DOCX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a zip bomb is refused before it is opened
ONE_PAGE = frozenset({"one-pager"})  # set tighter, to fit one page as the HTML does
DRAFT_MARK = "DRAFT — for discussion, not for signature"


def from_html(
    html: str,
    meta: DocumentMeta,
    title: str,
    *,
    redline: str | None = None,
    when: dt.date | None = None,
) -> bytes:
    """The Word document of a rendered HTML document; with `redline` (the revision it is
    compared with), its `<ins>`/`<del>` marks become tracked changes dated `when`."""
    from partnerkit.documents import docxstyle, docxzip
    from partnerkit.documents.docxbuild import Builder, Changes
    from partnerkit.documents.docxhtml import parse
    from partnerkit.documents.docxsink import Sink

    compact = meta.template in ONE_PAGE
    doc = docxstyle.new_document(meta.paper, compact=compact)
    changes = None
    if redline is not None:
        changes = Changes(f"Changes since {redline}", when or meta.date or dt.date(1980, 1, 1))
    builder = Builder(doc, changes, compact)
    builder.blocks(parse(html), Sink(doc, "Normal", builder.styles))
    builder.refs.link(doc.element.body)
    docxstyle.footer(
        doc, builder.footer_text or f"partnerkit · {meta.source} · sha256 {meta.sha_short}"
    )
    if meta.draft:
        docxstyle.header(doc, DRAFT_MARK, builder.styles)
    if changes is not None:
        docxstyle.track_revisions(doc)
    docxstyle.properties(doc, title, f"{meta.source} · sha256 {meta.sha256}", meta.date)
    return docxzip.package(doc)


def from_template(path: Path, variables: dict[str, Any], meta: DocumentMeta, title: str) -> bytes:
    """A user's DOCX template filled with the same variables as the HTML templates.

    Its Jinja tags run in the immutable sandbox with every value XML-escaped, so nothing
    in a partnership file can add markup to the document.
    """
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    from partnerkit.documents import docxstyle, docxzip
    from partnerkit.documents.sandbox import time_limit

    data = _template_bytes(path)
    try:
        template = DocxTemplate(io.BytesIO(data))
        with time_limit():  # one limit for the document, its headers and footers
            template.render(variables, jinja_env=_environment(), autoescape=True)
        docx = template.docx
    except SecurityError as exc:
        raise UsageError(f"{path}: template refused by the sandbox: {exc}") from None
    except TemplateError as exc:
        raise UsageError(f"{path}: template error: {template_message(exc)}") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UsageError(f"{path}: not a Word document that can be read ({exc})") from None
    except TEMPLATE_FAILURES as exc:
        raise UsageError(
            f"{path}: template error: {type(exc).__name__}: {template_message(exc)}"
        ) from None
    docxstyle.properties(docx, title, f"{meta.source} · sha256 {meta.sha256}", meta.date)
    return docxzip.package(docx)


def _template_bytes(path: Path) -> bytes:
    """The template's bytes, refusing one too large to read or to unpack."""

    try:
        data = read_limited(path, MAX_DOCX_TEMPLATE_BYTES)
    except TooLarge:
        raise UsageError(
            f"{path}: a Word template of more than {MAX_DOCX_TEMPLATE_BYTES // 1048576} MB"
        ) from None
    except (NotRegular, OSError) as exc:
        raise UsageError(f"{path}: cannot read the template ({exc})") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile:
        raise UsageError(f"{path}: not a Word document that can be read (not a zip)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UsageError(
            f"{path}: unpacks to {unpacked // 1048576} MB; a Word template may unpack to "
            f"{MAX_UNPACKED_BYTES // 1048576} MB"
        )
    return data


def _finalize(clean: Any) -> Any:
    """Every value a tag prints, without characters XML forbids (Markup stays Markup)."""
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return Markup(clean(value))
        return value if value is None or isinstance(value, int | float) else clean(value)

    return finalize


def _environment() -> Any:
    """The sandbox of the HTML templates, with the filters that make plain text."""
    from jinja2 import StrictUndefined

    from partnerkit.documents.docxstyle import xml_text
    from partnerkit.documents.filters import FILTERS
    from partnerkit.documents.sandbox import LimitedSandbox
    from partnerkit.documents.templates import template_globals

    env = LimitedSandbox(undefined=StrictUndefined, autoescape=True, finalize=_finalize(xml_text))
    markup = {"ticks", "css_string", "sparksvg", "md", "mdmsg"}
    # partnerkit's own filters and globals only: the sandbox's limited `range`, `format`
    # and the like stay (the HTML templates' environment has Jinja's plain ones)
    env.filters.update({k: v for k, v in FILTERS.items() if k not in markup})
    env.globals.update(template_globals())
    return env
