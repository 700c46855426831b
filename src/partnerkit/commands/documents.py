"""One partnership's document as `render` makes it, in any format, and what the documents
of one partnership share when `site` makes them all (`memo`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from partnerkit.check.loader import load_bytes
from partnerkit.check.rules import run as run_rules
from partnerkit.judge.scoring import assess
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import read_limited

if TYPE_CHECKING:
    import datetime as dt

    from partnerkit.check.config import Config
    from partnerkit.check.record import Record
    from partnerkit.commands.common import Sound
    from partnerkit.documents.pdfmeta import PrintJob
    from partnerkit.documents.render import DocumentMeta


class Asked(Protocol):
    """What a document is asked to be (`render`'s options)."""

    template: str
    format: str
    final: bool
    paper: str
    redline: str | None


def document(
    opts: Asked,
    env: Any,
    config: Config,
    dates: tuple[dt.date, dt.date | None],
    loaded: tuple[str, Sound, Record],
    user_dir: Path | None,
    memo: dict[Any, Any] | None = None,
) -> tuple[str, DocumentMeta, str | bytes | PrintJob]:
    """One partnership's rendered text (marked up with `--redline`), its meta, and what
    is written for it: the text, the Word document, or what its PDF is printed from.

    `memo` is what the documents of one partnership share (`site` makes them all): the
    file's bytes, the template variables, the version a redline compares with, and, for
    the built-in templates (which do not read `doc.format`), the text each template
    renders to, so that its HTML, Word and PDF are made from one rendering."""
    from partnerkit.documents import pdfmeta, render

    (today, stamp), (path, sound, facts) = dates, loaded
    memo = {} if memo is None else memo
    if "content" not in memo:
        memo["content"] = read_limited(Path(path), config.max_file_size)
    content = memo["content"]
    meta = render.DocumentMeta(
        source=render.document_source(sound.result.path),
        sha256=render.sha256_of(content),
        template=opts.template,
        format=opts.format,
        draft=facts.draft,
        final=opts.final,
        date=stamp,
        paper=opts.paper,
    )
    old = None
    if opts.redline is not None:  # the footer of both renders names both versions
        if ("compared", opts.redline) not in memo:
            memo["compared", opts.redline] = _compared(path, opts, sound.model)
        old, compared = memo["compared", opts.redline]
        meta = replace(meta, compared=compared)
    given = variables(memo, sound, today, facts, meta)
    docx_template = _docx_template(opts, user_dir)
    text = ""
    if docx_template is None:
        text = _text(opts, env, (config, today), given, old, memo, user_dir is None)
    sources = [pdfmeta.Source(Path(path).name, content, "The partnership file this document "
                              "was made from")]  # fmt: skip
    if old is not None:
        sources = pdfmeta.redline_sources(Path(path).name, content, old.label, old.text)
    if opts.format == "docx":
        return text, meta, _docx(opts, text, docx_template, given, today)
    if opts.format == "pdf":
        return text, meta, pdfmeta.PrintJob(
            text, sound.model.title, meta.source, meta.sha256, given["terms_fingerprint"],
            stamp, tuple(sources), data_urls(user_dir),
        )  # fmt: skip
    return text, meta, text


def _text(
    opts: Asked,
    env: Any,
    at: tuple[Config, dt.date],
    given: dict[str, Any],
    old: Any,
    memo: dict[Any, Any],
    built_in: bool,
) -> str:
    """The template's text (marked against `old` for a redline); with the built-in
    templates, rendered once for every format made from the same template file."""
    from partnerkit.documents import render

    meta = given["doc"]
    template_file = render.FORMATS[opts.format]  # pdf and docx are made from the html
    same = (opts.template, opts.redline, template_file, repr(replace(meta, format="")))
    if built_in and ("text", same) in memo:
        return memo["text", same]  # type: ignore[no-any-return]
    text = render.render_text(env, opts.template, opts.format, given)
    if old is not None:
        text = _redline(old, opts, text, env, meta, at[0], at[1])
    if built_in:
        memo["text", same] = text
    return text


def variables(
    memo: dict[Any, Any], sound: Sound, today: dt.date, facts: Record, meta: DocumentMeta
) -> dict[str, Any]:
    """The template variables: made once per partnership, with each document's `doc`."""
    from partnerkit.documents import render

    if "context" not in memo:
        findings = list(sound.result.findings)
        inp = render.RenderInput(sound.model, sound.assessment, findings, today, facts)
        memo["context"] = render.context(inp, meta)
    return memo["context"] | {"doc": meta}  # type: ignore[no-any-return]


def facts_of(path: str, sound: Sound, today: dt.date) -> Record:
    """The facts of the record; what changed since the signatures is read from git only
    when a signature covers an earlier version of the terms."""
    from partnerkit.check.record import Signed, record_for
    from partnerkit.history.git import InvalidVersion, changed_since

    findings = sound.result.findings
    facts = record_for(sound.model, today, sound.assessment, findings)
    if not any(s.state is Signed.EARLIER for s in facts.signing):
        return facts
    try:
        signed = changed_since(Path(path), sound.model).version.model
    except (UsageError, InvalidVersion, OSError):
        return facts  # no git, or no fully signed version: what changed is not known
    return record_for(sound.model, today, sound.assessment, findings, signed_version=signed)


def data_urls(user_dir: Path | None) -> frozenset[str]:
    from partnerkit.documents.pdf import template_data_urls
    from partnerkit.documents.templates import builtin_dir

    return template_data_urls([builtin_dir(), *([user_dir] if user_dir else [])])


def _redline(
    old: Any, opts: Asked, text: str, env: Any, meta: Any, config: Any, today: Any
) -> str:
    """The document marked with what changed since the earlier version `old`."""
    from partnerkit.documents import redline, render

    loaded = load_bytes(old.text.encode("utf-8"), f"{meta.source} ({old.label})")
    assert loaded.model is not None and loaded.doc is not None
    findings = list(run_rules(loaded.model, loaded.doc, loaded.path, today, config.enabled))
    assessment = assess(loaded.model, today, config.bands)
    inp = render.RenderInput(loaded.model, assessment, findings, today)
    fmt = "md" if opts.format == "md" else "html"
    before = render.render_text(env, opts.template, opts.format, render.context(inp, meta))
    return redline.mark(before, text, fmt)


def _compared(path: str, opts: Asked, model: Any) -> tuple[Any, Any]:
    """The version a redline compares with (the one `diff --since`, `amend` and PK520
    compare against), and how its footer names both versions."""
    from partnerkit.documents.render import Compared
    from partnerkit.history.fingerprint import fingerprint
    from partnerkit.history.git import changed_since

    assert opts.redline is not None
    old = changed_since(Path(path), model, opts.redline, option="--redline").version
    if opts.redline == "signed":
        label = "the version every partner signed"
    else:
        label = f"revision {opts.redline}"
    if old.label != "working tree" and old.label != opts.redline:
        label += f" (commit {old.label})"
    return old, Compared(label, fingerprint(old.model), fingerprint(model))


def _docx_template(opts: Asked, user_dir: Path | None) -> Path | None:
    """The user's NAME.docx, for --format docx; a redline is always built from HTML."""
    from partnerkit.documents.templates import user_template

    if opts.format != "docx":
        return None
    found = user_template(user_dir, opts.template)
    if found is not None and opts.redline is not None:
        raise UsageError(
            f"--redline with your Word template {found}: a redline is made from the HTML "
            f"template; move {found.name} aside or render without --redline"
        )
    return found


def _docx(
    opts: Asked, html: str, template: Path | None, variables: dict[str, Any], today: Any
) -> bytes:
    """The Word document: the user's DOCX template filled, or the HTML rebuilt in Word."""
    from partnerkit.documents import docxout

    meta, title = variables["doc"], variables["p"].title
    if template is not None:
        return docxout.from_template(template, variables, meta, title)
    return docxout.from_html(html, meta, title, redline=opts.redline, when=meta.date or today)
