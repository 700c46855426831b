"""`partnerkit render`: documents from partnership files."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerkit.commands import options
from partnerkit.commands.common import (
    configure,
    default_jobs,
    file_failed,
    load_sound,
    parse_today,
    partnership_files,
    tell,
)
from partnerkit.commands.documents import document, facts_of
from partnerkit.commands.options import argument, flag, option
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import write_atomic
from partnerkit.support.sanitize import printable

if TYPE_CHECKING:
    import datetime as dt

    from partnerkit.check.config import Config
    from partnerkit.check.record import Record
    from partnerkit.commands.common import Sound
    from partnerkit.documents.pdfmeta import PrintJob


class RenderFormat(options.Choice):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"


@dataclass(frozen=True)
class RenderOptions:
    """Everything `render` can be asked: the one declaration of its options."""

    files: list[str] = argument(
        "Partnership files, or folders to search for them (as `check` does)."
    )
    template: str = option(
        "--template",
        "-t",
        metavar="NAME",
        help="Template name (see `partnerkit templates`).",
        default="agreement",
        complete="templates",
    )
    format: RenderFormat = option("--format", "-f", help="Output format.", default=RenderFormat.md)
    output: Path | None = options.output(
        "Folder (default: here), file, or - for stdout.", metavar="PATH"
    )
    final: bool = flag("--final", help="Refuse partnerships below the ready band.")
    date: str | None = option(
        metavar="DATE", help="Print this date on the document (default: none)."
    )
    paper: str = option(
        metavar="[a4|letter]", help="Page size for HTML, PDF and DOCX: a4 or letter.", default="a4"
    )
    templates: Path | None = option(
        metavar="FOLDER", help="Folder of your own templates (adds or overrides)."
    )
    redline: str | None = option(
        metavar="REV",
        help="Mark insertions and deletions against this git revision, or `signed`.",
    )
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    force: bool = options.force()
    quiet: bool = options.quiet("Print only errors (not the files written).")
    verbose: bool = options.verbose()


def _destination(opts: RenderOptions) -> tuple[str, Path]:
    """('stdout' | 'file' | 'folder', path)."""
    out = opts.output
    if out is not None and str(out) == "-":
        if opts.format in ("pdf", "docx"):
            raise UsageError(
                f"{opts.format.upper()} cannot be written to standard output; name a file or folder"
            )
        if len(opts.files) > 1:
            raise UsageError("-o - takes one file; name a folder to render several")
        return "stdout", out
    if out is None:
        return "folder", Path(".")
    if out.exists() and not out.is_dir() and not out.is_file():  # /dev/null, a FIFO
        if len(opts.files) > 1:
            raise UsageError(f"{out} is not a folder; name a folder to render several files")
        return "file", out
    if out.suffix and not out.is_dir():
        if len(opts.files) > 1:
            raise UsageError(f"{out} is a file name; name a folder to render several files")
        if out.suffix.lstrip(".") != opts.format:
            raise UsageError(
                f"{out}: the file name should end in .{opts.format} for --format {opts.format}"
            )
        return "file", out
    return "folder", out


def run_render(opts: RenderOptions) -> int:
    from partnerkit.documents import render, templates

    if opts.format not in render.FORMATS:
        raise UsageError(f"--format {opts.format}: use md, html, pdf or docx")
    if opts.paper not in ("a4", "letter"):
        raise UsageError(f"--paper {opts.paper}: use a4 or letter")
    config = configure(opts.config, no_config=opts.no_config)
    files = partnership_files(opts.files, config, verbose=opts.verbose, quiet=opts.quiet)
    opts = replace(opts, files=files)
    user_dir = opts.templates or config.templates
    if user_dir is not None and not user_dir.is_dir():
        raise UsageError(f"templates folder {user_dir}: no such folder")
    today = parse_today(opts.today)
    stamp = parse_today(opts.date, "--date") if opts.date else None
    _destination(opts)  # a bad -o is refused before any work
    env = templates.environment(user_dir)
    if opts.format == "pdf":  # a missing Pango stops the run before any work
        from partnerkit.documents.pdf import weasyprint

        weasyprint()
    return _render_all(opts, env, config, today, stamp, user_dir)


def _render_all(
    opts: RenderOptions,
    env: Any,
    config: Config,
    today: dt.date,
    stamp: dt.date | None,
    user_dir: Path | None,
) -> int:
    """Render every file of `opts`; the exit status."""
    from partnerkit.documents import render

    kind, dest = _destination(opts)
    status, ready = _load_all(opts, config, today, kind)
    pending: list[tuple[Path, str, PrintJob]] = []  # PDFs to print, all at once
    for path, sound in ready:
        model, assessment, shown = sound.model, sound.assessment, sound.result.path
        facts = facts_of(path, sound, today)
        draft = facts.draft
        if opts.final and draft:
            _refuse_final(shown, sound, facts, config)
            status = 1
            continue
        try:
            text, _, data = document(
                opts, env, config, (today, stamp), (path, sound, facts), user_dir
            )
        except UsageError:  # a template error, or a revision git does not know: exit 2
            raise
        except Exception as exc:  # a bug met on this file: its finding; the others go on
            status = file_failed(sound.result, exc, "rendering")
            continue
        if kind == "stdout":
            sys.stdout.write(text)
            continue
        target = (
            dest
            if kind == "file"
            else render.inside(dest, _name(model, opts))
        )
        said = _shown(dest, target, kind)
        said += (" (DRAFT: below the ready band)" if draft and assessment.band != "ready"
                  else " (DRAFT)" if draft else "")  # fmt: skip
        said = "" if opts.quiet else said
        if isinstance(data, str | bytes):
            _write(target, said, data, opts.force)
        else:
            pending.append((target, said, data))
    _print(pending, opts.force)
    return status


def _print(pending: list[tuple[Path, str, PrintJob]], force: bool) -> None:
    """Print the PDFs in one go (a worker per core), writing each as it is done."""
    from partnerkit.documents.pdf import print_all

    jobs = [job for _, _, job in pending]
    for (target, said, job), printed in zip(pending, print_all(jobs, default_jobs()), strict=True):
        for url in printed.refused:
            sys.stderr.write(
                f"partnerkit: note: {printable(job.source)}: the template asks for "
                f"{printable(url[:80])}; PDFs load nothing from outside partnerkit, so it "
                "was left out\n"
            )
        _write(target, said, printed.pdf, force)


def _refuse_final(shown: str, sound: Sound, facts: Record, config: Config) -> None:
    """Say why --final refuses a draft: below the ready band, or a renewal whose term ended."""
    a, period = sound.assessment, sound.model.period
    why = (
        f"the term ended on {period.end} and the renewed term's dates are not agreed"
        if facts.renewal_lapsed and period
        else a.short_of_ready
    )
    tell(shown, f"{why}; --final refuses to render it. `partnerkit score {shown}` shows what "
         "is missing")  # fmt: skip


def _write(target: Path, said: str, data: str | bytes, force: bool) -> None:
    """Write one document and say so."""
    write_atomic(target, data, force=force)
    if said:  # nothing under --quiet
        sys.stderr.write(f"Wrote {printable(said)}\n")


def _load_all(
    opts: RenderOptions, config: Config, today: dt.date, kind: str
) -> tuple[int, list[tuple[str, Sound]]]:
    """Every file that loads soundly (status 1 if one did not), refusing two with one id."""

    status = 0
    ready = []
    targets: dict[str, str] = {}
    for path in opts.files:
        sound = load_sound(path, config, today)
        if sound is None:
            status = 1
            continue
        if kind == "folder":  # two files with one id would write one document: refuse first
            name = _name(sound.model, opts)
            if name in targets:
                raise UsageError(
                    f"{targets[name]} and {sound.result.path} both render to {name} (the same "
                    "id); nothing was written. Give each partnership its own id"
                )
            targets[name] = sound.result.path
        ready.append((path, sound))
    return status, ready


def _name(model: Any, opts: RenderOptions) -> str:
    """The document's file name in a folder: a redline's own, never the clean copy's."""
    from partnerkit.documents.render import output_name

    return output_name(model, opts.template, opts.format, opts.redline)


def _shown(dest: Path, target: Path, kind: str) -> str:
    """The file written, as the user named it: `-o FILE`, or the folder they gave and the name."""
    if kind == "file" or dest == Path("."):
        return str(dest) if kind == "file" else target.name
    return str(dest / target.name)
