"""`partnerkit site`: the portfolio as a static site of plain files, for the people who
never open a terminal.

The index is `review -f html`'s dashboard with pages built for each filter; each
partnership gets a page, its documents as `render` makes them (HTML, Word and, unless
`--no-pdf`, PDF), its calendar as `calendar` writes it and a rating form. A manifest in
the folder keeps a content hash per partnership: a file whose bytes (and partnerkit's
version, the date and the options) did not change is not rendered again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit import __version__
from partnerkit.check.config import Config
from partnerkit.check.pipeline import Keep, examine_paths
from partnerkit.check.portfolio import Sort, row_of
from partnerkit.check.result import CheckReport, FileResult
from partnerkit.commands import options
from partnerkit.commands.common import configure, parse_today, partnership_files
from partnerkit.commands.options import argument, flag
from partnerkit.commands.sitework import Asked, Built, build, environment, warm
from partnerkit.reporters.text import report
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import read_limited, write_atomic
from partnerkit.support.parallel import map_ordered, workers
from partnerkit.support.sanitize import printable

MANIFEST = ".partnerkit-site.json"
_SYNC = getattr(os, "sync", None)
"""The site's thousand files are not each forced to disk as written (that was a third of
a build's time): one sync before the manifest does it for all, where there is one."""


@dataclass(frozen=True)
class SiteOptions:
    """Everything `site` can be asked: the one declaration of its options."""

    paths: list[str] = argument("Files or folders (default: configured paths).", default=[])
    output: Path | None = options.output("The folder to build the site in.", metavar="DIR")
    pdf: bool = flag("--pdf/--no-pdf", help="Print each document as PDF too.", default=True)
    jobs: int | None = options.jobs()
    today: str | None = options.today()
    config: Path | None = options.config()
    no_config: bool = options.no_config()
    quiet: bool = options.quiet("Print only errors (not what was built).")
    verbose: bool = options.verbose()


def run_site(opts: SiteOptions) -> int:
    """Build (or bring up to date) the site in `-o DIR`; 1 when a file has errors."""
    if opts.output is None or str(opts.output) == "-":
        raise UsageError("name the folder to build the site in: -o DIR")
    out = opts.output
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is not a folder; name a folder for the site")
    config = configure(opts.config, no_config=opts.no_config)
    files = partnership_files(opts.paths, config, verbose=opts.verbose, quiet=opts.quiet)
    today = parse_today(opts.today)
    if opts.pdf:  # a missing Pango stops the run before any work
        from partnerkit.documents.pdf import weasyprint

        weasyprint()
    out.mkdir(parents=True, exist_ok=True)
    keep = Keep.SCORE | Keep.ACTIONS | Keep.FACTS | Keep.EVENTS  # index: next steps
    report = examine_paths(files, config, today, keep=keep, jobs=workers(opts.jobs or config.jobs))
    env = environment(config.templates)
    site = _Site(out.resolve(), env, config, today, opts)
    status = site.build(report.files)
    if not opts.quiet:
        sys.stderr.write(
            f"Built {printable(str(out))}: {site.rendered} partnership(s) rendered, "
            f"{site.kept} unchanged\n"
        )
    return 1 if status or report.errors else 0


class _Site:
    """One build of the site in `root`: what changed is rendered, the rest is kept."""

    def __init__(self, root: Path, env: Any, config: Config, today: dt.date, opts: SiteOptions):
        self.root, self.env, self.config, self.today, self.opts = root, env, config, today, opts
        self.rendered = self.kept = 0
        self.pending: list[tuple[Path, Any]] = []  # PDFs to print, all at once

    def path(self, rel: str) -> Path:
        """`root/rel`, refusing anything that would land outside the site's folder."""
        target = self.root / rel
        parent = target.parent.resolve()
        if parent != self.root and self.root not in parent.parents:
            raise UsageError(f"refusing to write {rel}: it is outside {self.root}")
        parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():  # a link in the site is replaced, never followed
            target.unlink()
        return target

    def write(self, rel: str, data: str | bytes) -> None:
        write_atomic(self.path(rel), data, force=True, durable=_SYNC is None)

    def build(self, results: tuple[FileResult, ...]) -> int:
        from partnerkit.reporters.site import folder_of

        old = self._manifest()
        entries: dict[str, dict[str, Any]] = {}
        hrefs: dict[str, str] = {}
        todo: list[tuple[FileResult, str, dict[str, Any]]] = []
        seen: set[str] = set()
        for result in results:
            if not result.valid or not result.id or result.id in seen:
                continue  # a broken file, or an id a file before it took: a row, no page
            seen.add(result.id)
            folder = folder_of(result.id)
            entry = {"key": self._key(result.path), "folder": folder}
            if old.get(result.id) == entry and (self.root / folder / "index.html").is_file():
                self.kept += 1
                entries[result.id], hrefs[result.path] = entry, f"{folder}/index.html"
            else:
                todo.append((result, folder, entry))
        status = 0
        for (result, folder, entry), built in zip(todo, self._made(todo), strict=True):
            if built.failure is not None:
                report(CheckReport((built.failure,)), sys.stdout, color=False)
            if not built.ok:
                status = 1
                continue
            for rel, data in built.files:
                if isinstance(data, str | bytes):
                    self.write(rel, data)
                else:  # a PDF's job: printed with the others, all at once
                    self.pending.append((self.path(rel), data))
            self.rendered += 1
            entries[result.id], hrefs[result.path] = entry, f"{folder}/index.html"
        self._print()
        for pid, entry in old.items():  # partnerships gone from the portfolio
            if pid not in entries and isinstance(entry, dict):
                gone = self.root / folder_of(pid)
                if gone.is_dir() and not gone.is_symlink():
                    shutil.rmtree(gone)
        self._portfolio(results, hrefs)
        if _SYNC is not None:  # every page on disk before the manifest says it is built
            _SYNC()
        manifest = json.dumps({"version": __version__, "partnerships": entries},
                              indent=1, sort_keys=True) + "\n"  # fmt: skip
        write_atomic(self.path(MANIFEST), manifest, force=True)
        return status

    def _made(self, todo: list[tuple[FileResult, str, Any]]) -> Iterator[Built]:
        """Each partnership's files, in order: made in worker processes (a worker per
        core, or `--jobs`) when there are several, as PDFs are printed."""
        asked = Asked(self.config, self.today, self.opts.pdf)
        work = functools.partial(build, asked=asked)
        tasks = [(result, folder) for result, folder, _ in todo]
        jobs = workers(self.opts.jobs or self.config.jobs)
        if jobs < 2 or len(tasks) < 2:
            yield from (work(task) for task in tasks)
            return
        warm(asked)  # the workers, forked, share it
        with contextlib.closing(map_ordered(work, tasks, jobs, size=1)) as made:
            yield from made

    def _key(self, path: str) -> str:
        """What a partnership's pages are made from: its bytes, partnerkit, date, options."""
        content = read_limited(Path(path), self.config.max_file_size)
        said = f"{__version__}\n{self.today}\n{self.opts.pdf}\n{self.config.templates}\n"
        return hashlib.sha256(said.encode() + content).hexdigest()

    def _manifest(self) -> dict[str, Any]:
        try:
            data = json.loads((self.root / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != __version__:
            return {}
        found = data.get("partnerships")
        return found if isinstance(found, dict) else {}

    def _print(self) -> None:
        """Print the queued PDFs in one go, a worker per core."""
        if not self.pending:
            return
        from partnerkit.commands.common import default_jobs
        from partnerkit.documents.pdf import print_all

        jobs = [job for _, job in self.pending]
        for (target, _), printed in zip(self.pending, print_all(jobs, default_jobs()), strict=True):
            write_atomic(target, printed.pdf, force=True, durable=_SYNC is None)
        self.pending = []

    def _portfolio(self, results: tuple[FileResult, ...], hrefs: dict[str, str]) -> None:
        """The dashboard and its filtered pages, and the portfolio's calendar."""
        from partnerkit.commands.calendar import build_calendar
        from partnerkit.reporters.site import dashboard_pages

        rows = [row_of(r) for r in results]
        for name, text in dashboard_pages(
            rows, self.today, self.env, hrefs, Sort.next_review
        ).items():
            self.write(name, text)
        valid = [r for r in results if r.valid]
        self.write("calendar.ics", build_calendar(valid, self.today, source=False))
