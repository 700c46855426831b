"""Measure `partnerkit site` against `partnerkit review -f html` on the same files.

    python benchmarks/site.py              # 100 generated partnerships, 1 round
    python benchmarks/site.py --size 20 --rounds 3
    python benchmarks/site.py --size 20 --parts   # where a partnership's build goes

Each round runs, on the files of `generate.py` (seed 7): the dashboard
(`review DIR -f html --force`), a first build of the site without PDFs into an empty
folder, a second build with nothing changed, and a rebuild after one file changed. CPU
(user + system, worker processes included) is the measure to read on a shared machine;
a ratio is taken within each round, then the median over rounds.

`--parts` builds each partnership's files in this one process, twice (the second is
timed), and shows the CPU of each part of one partnership's build: the floor of the
design is there, whatever the workers spread.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402
from run import BIN, run_once  # noqa: E402

TODAY = "2026-11-23"


def _has_documents(file: Path, site: Path) -> bool:
    """A partnership whose page has documents (a file with errors gets none)."""
    found = re.search(r"^id: (\S+)", file.read_text("utf-8"), re.M)
    return found is not None and (site / "p" / found.group(1) / "agreement.html").is_file()


def _round(folder: Path, work: Path) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of each step of one round."""
    pk = str(BIN / "partnerkit")
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    common = ["--today", TODAY, "--no-config"]
    steps = {
        "review -f html": [pk, "review", str(folder), "-f", "html", "--force",
                           "-o", str(work / "dash.html"), *common],
        "site, first build": [pk, "site", str(folder), "-o", str(site), "--no-pdf", "-q",
                              *common],
        "site, nothing changed": [pk, "site", str(folder), "-o", str(site), "--no-pdf", "-q",
                                  *common],
    }  # fmt: skip
    out = {}
    for label, cmd in steps.items():
        wall, _, cpu = run_once(cmd, work)
        out[label] = (wall, cpu)
    changed = next(f for f in sorted(folder.glob("*.yaml")) if _has_documents(f, site))
    changed.write_text(changed.read_text("utf-8") + "\n# changed\n", "utf-8")
    wall, _, cpu = run_once(steps["site, first build"], work)
    out["site, one file changed"] = (wall, cpu)
    return out


def _parts(folder: Path) -> None:
    """CPU per partnership of each part of its build, in this process."""
    import datetime as dt
    import functools
    import time
    from collections import Counter

    from partnerkit.check.config import Config
    from partnerkit.check.pipeline import Keep, examine_paths
    from partnerkit.commands import calendar, documents, sitework
    from partnerkit.documents import docxhtml, docxout, docxstyle, docxzip, render
    from partnerkit.reporters import site

    spent: Counter[str] = Counter()

    def timed(owner: object, name: str, label: str) -> None:
        real = getattr(owner, name)

        @functools.wraps(real)
        def measured(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start

        setattr(owner, name, measured)

    parts = (
        (sitework, "build", "one partnership, in all"),
        (sitework, "examine_one", "load, rules and score"),
        (documents, "facts_of", "the record's facts"),
        (documents, "variables", "template variables (once)"),
        (render, "render_text", "HTML of the documents (5 renders)"),
        (docxout, "from_html", "Word documents (5)"),
        (docxhtml, "parse", "  of which: reading their HTML"),
        (docxstyle, "new_document", "  of which: copying the styled base"),
        (docxzip, "package", "  of which: zipping"),
        (site, "partnership_page", "the partnership's page"),
        (site, "rate_page", "the rating form"),
        (calendar, "build_calendar", "the calendar"),
    )
    for owner, name, label in parts:
        timed(owner, name, label)
    config, today = Config(), dt.date.fromisoformat(TODAY)
    files = sorted(str(f) for f in folder.glob("*.yaml"))
    found = examine_paths(files, config, today, keep=Keep.SCORE | Keep.FACTS | Keep.EVENTS)
    tasks = [(r, site.folder_of(r.id)) for r in found.files if r.valid and r.id]
    asked = sitework.Asked(config, today, pdf=False)
    for task in tasks:  # imports, compiled templates, the Word base: once a process
        sitework.build(task, asked)
    spent.clear()
    for task in tasks:
        sitework.build(task, asked)
    total = spent["one partnership, in all"]
    print(f"{len(tasks)} partnerships built in one process; CPU per partnership")
    print("| part | CPU | share |")
    print("|---|---:|---:|")
    for _, _, label in parts:
        share = spent[label] / total if total else 0.0
        print(f"| {label} | {spent[label] / len(tasks) * 1000:.1f} ms | {share:.0%} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--parts", action="store_true", help="Where a partnership's build goes.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "files"
        folder.mkdir()
        write(args.size, folder, 7)
        if args.parts:
            _parts(folder)
            return 0
        rounds = [_round(folder, work) for _ in range(args.rounds)]
    labels = list(rounds[0])
    print(f"{args.size} partnerships, {args.rounds} round(s); medians; CPU = user + system")
    print("| step | wall | CPU | CPU / review's |")
    print("|---|---:|---:|---:|")
    for label in labels:
        wall = statistics.median(r[label][0] for r in rounds)
        cpu = statistics.median(r[label][1] for r in rounds)
        ratio = statistics.median(r[label][1] / r["review -f html"][1] for r in rounds)
        print(f"| {label} | {wall:.2f} s | {cpu:.2f} s | {ratio:.1f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
