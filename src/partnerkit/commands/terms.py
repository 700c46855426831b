"""`partnerkit terms`: a set of standard terms alone, for counsel to review once."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from partnerkit.commands import options
from partnerkit.commands.options import argument, option
from partnerkit.commands.render import RenderFormat
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import write_atomic


@dataclass(frozen=True)
class TermsOptions:
    """Everything `terms` can be asked: the one declaration of its options."""

    kind: str = argument(
        "vendor, school, community or internal (or the name of a set).", metavar="KIND"
    )
    version: int | None = option(
        "--version", metavar="N", min=1, help="Version of the set (default: the latest)."
    )
    format: RenderFormat = option("--format", "-f", help="Output format.", default=RenderFormat.md)
    output: Path | None = options.output(
        "Write to this file (default: stdout; needed for pdf and docx)."
    )
    paper: str = option(
        metavar="[a4|letter]", help="Page size for HTML, PDF and DOCX: a4 or letter.", default="a4"
    )
    force: bool = options.force()


def run_terms(opts: TermsOptions) -> int:
    """Print or write one set of standard terms with a note of what each clause is for."""
    from partnerkit.format import standard

    name = standard.BY_KIND.get(opts.kind, opts.kind)
    have = standard.versions(name)
    if not have:
        kinds = ", ".join(standard.BY_KIND)
        raise UsageError(
            f"no standard terms for {opts.kind!r}: name a kind ({kinds}) or a set "
            f"({', '.join(standard.BY_KIND.values())})"
        )
    version = opts.version if opts.version is not None else have[-1]
    st = standard.load(name, version)
    if st is None:
        listed = ", ".join(str(v) for v in have)
        raise UsageError(f"--version {version}: {name} ships in version {listed}")
    if opts.paper not in ("a4", "letter"):
        raise UsageError(f"--paper {opts.paper}: use a4 or letter")
    out = opts.output
    binary = opts.format in ("pdf", "docx")
    if binary and (out is None or str(out) == "-"):
        raise UsageError(f"{opts.format.upper()} cannot be written to standard output; name a file")
    if out is not None and str(out) != "-" and out.suffix.lstrip(".") != opts.format:
        raise UsageError(
            f"{out}: the file name should end in .{opts.format} for --format {opts.format}"
        )
    data = _document(st, opts.format, opts.paper)
    if out is None or str(out) == "-":
        assert isinstance(data, str)
        sys.stdout.write(data)
        return 0
    write_atomic(out, data, force=opts.force)
    sys.stderr.write(f"Wrote {out}\n")
    return 0


def _document(st: object, fmt: str, paper: str) -> str | bytes:
    from partnerkit.documents.standardterms import render_set
    from partnerkit.format.standard import StandardTerms

    assert isinstance(st, StandardTerms)
    text, meta = render_set(st, "md" if fmt == "md" else "html", paper)
    title = f"{st.title} ({st.label})"
    if fmt == "docx":
        from partnerkit.documents import docxout

        return docxout.from_html(text, meta, title)
    if fmt == "pdf":
        from partnerkit.documents.pdf import print_pdf
        from partnerkit.documents.pdfmeta import PrintJob, Source
        from partnerkit.format.standard import shipped

        data = shipped()[(st.name, st.version)].read_bytes()
        source = Source(meta.source, data, "The standard terms this document prints")
        job = PrintJob(text, title, meta.source, meta.sha256, st.label, sources=(source,))
        return print_pdf(job).pdf
    return text
