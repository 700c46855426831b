"""One partnership's files for `partnerkit site`: its page, documents, calendar and rating
form, made in a worker process (or in the command's own, for one) and handed back to be
written: the command alone writes into the site's folder, so every write stays atomic,
inside the folder and in the manifest's order, and Ctrl-C leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerkit.check.config import Config
from partnerkit.check.pipeline import examine_one, failed
from partnerkit.check.result import FileResult
from partnerkit.commands.common import Sound
from partnerkit.support.errors import UsageError

_ENVIRONMENTS: dict[Path | None, Any] = {}


@dataclass(frozen=True)
class Asked:
    """What every partnership of one build is made with."""

    config: Config
    today: dt.date
    pdf: bool


@dataclass
class Built:
    """A partnership's files (its path in the site, and the text, the bytes, or the job
    its PDF is printed from), or `failure`, the finding of a bug met while making them."""

    files: list[tuple[str, Any]] = field(default_factory=list)
    failure: FileResult | None = None
    ok: bool = True


def environment(templates: Path | None) -> Any:
    """The templates' environment, made once per process (a worker forked after the
    command made it has its compiled templates)."""
    from partnerkit.documents.templates import environment as make

    if templates not in _ENVIRONMENTS:
        _ENVIRONMENTS[templates] = make(templates)
    return _ENVIRONMENTS[templates]


def warm(asked: Asked) -> None:
    """Make here, before workers are forked, what each would otherwise make for itself:
    the site's compiled templates and the styled Word document (and their imports)."""
    from partnerkit.documents import docxstyle
    from partnerkit.documents.templates import builtin_dir
    from partnerkit.reporters.site import DOCUMENTS

    env = environment(asked.config.templates)
    names = [f"{name}.html.j2" for name, _ in DOCUMENTS]
    names += sorted(p.name for p in builtin_dir().glob("_*.html.j2"))  # the site's, partials
    for name in names:
        env.get_template(name)
    for compact in (False, True):
        docxstyle.new_document("a4", compact=compact)


def build(task: tuple[FileResult, str], asked: Asked) -> Built:
    """Make one partnership's files for its folder; a bug is its file's finding only."""
    from partnerkit.commands.calendar import build_calendar
    from partnerkit.reporters import site

    result, folder = task
    env = environment(asked.config.templates)
    examined = examine_one(result.path, asked.config, asked.today)
    if examined.model is None or examined.assessment is None or examined.doc is None:
        return Built(ok=False)
    sound = Sound(examined.result, examined.model, examined.assessment, examined.doc,
                  examined.text)  # fmt: skip
    built = Built()
    try:
        documents, variables = _documents(sound, folder, asked, env, built)
        built.files.append((f"{folder}/index.html",
                            site.partnership_page(env, variables, documents)))  # fmt: skip
        built.files.append((f"{folder}/rate.html", site.rate_page(env, sound.model)))
        feed = build_calendar([result], asked.today, source=False)  # no file named: as the page
        built.files.append((f"{folder}/calendar.ics", feed))
    except UsageError:
        raise
    except Exception as exc:  # a bug met on this file: its finding; the others go on
        return Built(failure=failed(sound.result, exc, "building the site for"), ok=False)
    return built


def _documents(
    sound: Sound, folder: str, asked: Asked, env: Any, built: Built
) -> tuple[list[dict[str, str]], Any]:
    """Each document as HTML, Word and PDF (its job), as `render` makes them; the links
    of the page, and the variables of the agreement for the page itself."""
    from partnerkit.commands.documents import facts_of, variables
    from partnerkit.documents import render
    from partnerkit.reporters.site import DOCUMENTS
    from partnerkit.support.fsutil import read_limited

    path = sound.result.path
    facts = facts_of(path, sound, asked.today)
    memo: dict[Any, Any] = {}  # what its documents share: variables, each text
    links: list[dict[str, str]] = []
    formats = ("html", "docx", *(("pdf",) if asked.pdf else ()))
    for template, label in DOCUMENTS if sound.result.sound else ():  # as render refuses
        link = {"label": label}
        for fmt in formats:
            data = _made(template, fmt, None, (sound, facts), asked, env, memo)
            built.files.append((f"{folder}/{template}.{fmt}", data))
            link[fmt] = f"{template}.{fmt}"
        links.append(link)
    redline = _redline(sound, facts, folder, formats, (asked, env, memo), built)
    content = read_limited(Path(path), asked.config.max_file_size)
    meta = render.DocumentMeta(
        source=render.document_source(path), sha256=render.sha256_of(content),
        template="site", format="html", draft=facts.draft, final=False, date=None,
    )  # fmt: skip
    return links, variables(memo, sound, asked.today, facts, meta) | {"redline": redline}


def _made(
    template: str,
    fmt: str,
    redline: str | None,
    loaded: tuple[Sound, Any],
    asked: Asked,
    env: Any,
    memo: dict[Any, Any],
) -> Any:
    """One document in one format, as `render` makes it."""
    from partnerkit.commands.documents import document
    from partnerkit.commands.render import RenderOptions

    sound, facts = loaded
    path = sound.result.path
    ask = RenderOptions(files=[path], template=template, format=fmt, redline=redline)  # type: ignore[arg-type]
    _, _, data = document(ask, env, asked.config, (asked.today, None), (path, sound, facts),
                          asked.config.templates, memo)  # fmt: skip
    return data


def _redline(
    sound: Sound,
    facts: Any,
    folder: str,
    formats: tuple[str, ...],
    made_with: tuple[Asked, Any, dict[Any, Any]],
    built: Built,
) -> dict[str, str] | None:
    """A pending amendment's agreement marked against the version every partner signed,
    as `render --redline signed` makes it; None without one, or when git cannot tell
    that version."""
    if not facts.pending:
        return None
    asked, env, memo = made_with
    link = {"label": "The agreement with the pending amendment's changes marked"}
    files = []
    for fmt in formats:
        try:
            data = _made("agreement", fmt, "signed", (sound, facts), asked, env, memo)
        except UsageError:  # not in git, or no version every partner signed
            return None
        files.append((f"{folder}/agreement-redline.{fmt}", data))
        link[fmt] = f"agreement-redline.{fmt}"
    built.files.extend(files)
    return link
