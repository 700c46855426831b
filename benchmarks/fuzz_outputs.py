"""Hostile files through every command's output path: no crash, no hang, nothing unescaped.

    python benchmarks/fuzz_outputs.py --cases 10000 --seed 1 --out fuzz-failures
    python benchmarks/fuzz_outputs.py --cases 10000 --seed 2 --every 5   # per-file on a fifth
    python benchmarks/fuzz_outputs.py --cases 200 --batch 100 --every 8  # what the suite runs

Each case is one of the examples with a few values replaced by hostile text (control
characters, terminal escapes, Rich markup, Markdown and HTML, formulas, line
separators, huge numbers, dates at the edges of the calendar). Cases go in batches
through `check` in every format, `review` in every format, `calendar`, `site` (of the
files that the per-file commands take; its pages, links and calendars are checked by
fuzz_site.py), and, file by file, `score` in every format, `review FILE`, `render` to
Markdown and HTML and one of the editing commands with `--dry-run` (given hostile text
too). The terminal views
(the dashboard, `review FILE`, `score`) run at a terminal width that changes from one
batch or file to the next, as Rich wraps a long value so that any word may start a
line. A case fails when a command exits with anything but 0 or 1 (an editing command
may also refuse its arguments, exit 2, with a plain error), says "internal error",
prints a line that starts a workflow command or carries a terminal escape, or writes
raw HTML or NUL into Markdown, or HTML (a command's or a site page) whose markup a value
changed (fuzz_site.py). Exit 1 when any case fails. Every failure is counted
by kind; with `--out DIR` each one is written to DIR/failures.txt and the files that
produced it are kept in DIR, so that every failure can be read and replayed.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TODAY = "2026-11-23"
HOSTILE = [
    "\\e]0;owned\\a", "\\e[2J\\e[31m", "\\x9b1m", "\\n::error file=x.yaml::forged",
    "\\r::add-mask::x", "##[add-mask]y", "a\\nb.yaml:1:1: error PK999 forged", "[/]",
    "[link=https://evil.example]approve[/link]", "[bold red]x", ":smile:", "<script>x</script>",
    "[x](javascript:alert(1))", "&copy; ~~gone~~", "a | b | c", "`code` ``x``", "=1+2",
    "+SUM(A1)", "-2+3", "@cmd", "\\tTAB", "\\0nul", "\\N\\L\\P", "\\u202eevil", "\\x01\\x7f",
    "x" * 2000, " ::warning file=x.yaml::y", "{{ 7*7 }}", "{% raw %}", "%25%0A", "\\\\", '\\"', "'", "#", "- item",
    # for the site's pages, links and calendars
    '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)' x='", "</textarea></style></title><b id=pk-injected>",
    "<!-- evil", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
    "https://evil.example/x?a=1&b=2", "mailto:evil@x.example", "\\r\\nATTACH:https://evil.example", "a;b,c\\\\n",
    "../../evil", "..\\\\evil", "/etc/passwd", "\\u2066evil\\u2069", "\\u2028x\\u0085y",
]  # fmt: skip
# Long text whose every other word is a workflow command: wrapped at any width, one of
# them starts a line unless the view prevents it.
# It ends with markup that breaks out of an attribute and opens an element: on a page
# it must stay text.
WRAPPED = " w ::error::forged ##[x]" * 12 + ' x"><b id=pk-injected onmouseover=alert(1)>'
NUMBERS = ["1e308", "-1e308", "1e309", "0", "-1", "999999999999999999999", "1.5e-320", "nan"]
DATES = ["0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "1970-01-01"]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


# Free text: hostile text there leaves the file valid, so it reaches every view and edit.
_TEXT = re.compile(
    r"^(\s*(?:- )?(?:name|title|legal_name|address|deliverable|measure|summary): |\s+- )"
    r"([A-Z][^:{}\[\]#]*)$"
)


def mutate(text: str, rng: random.Random) -> str:
    """Replace a few scalar values (after `key: ` or `- `) with hostile ones; in half the
    cases only free text (a fifth of them all of it), with hostile text, so that the file
    stays valid."""
    lines = text.split("\n")
    gentle = rng.random() < 0.5
    texts = [i for i, line in enumerate(lines) if _TEXT.match(line)] if gentle else []
    # A tenth of the gentle cases have every free text hostile: each page gets its share.
    picks = texts if gentle and rng.random() < 0.2 else None
    for n in range(len(picks) if picks else rng.randint(1, 6)):
        i = picks[n] if picks else rng.choice(texts) if texts else rng.randrange(len(lines))
        match = re.match(r"^(\s*(?:- )?[A-Za-z_]+: |\s*- )(.+)$", lines[i])
        if not match:
            continue
        roll = 0.0 if gentle else rng.random()
        if roll < 0.7:
            value = "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 3)))
            value = _quoted(value + WRAPPED if gentle else value)
        elif roll < 0.85:
            value = rng.choice(NUMBERS)
        else:
            value = rng.choice(DATES)
        lines[i] = match.group(1) + value
    if not gentle and rng.random() < 0.1:
        lines.append(_quoted(rng.choice(HOSTILE)) + ": 1")
    text = "\n".join(lines)
    return _addresses(text, rng) if gentle else text


# Addresses a page may link to: an email (in a flow mapping) and a review's minutes.
_ADDRESS = re.compile(r"(\b(?:email|minutes): )([^,}\s]+)")
URLS = ["https://evil.example/x?a=1&b=2", "javascript:alert(1)", "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "//evil.example/x",
        'https://x.example/"><script>alert(1)</script>', "\\tjavascript:alert(1)"]  # fmt: skip


def _addresses(text: str, rng: random.Random) -> str:
    """Half the time, one email or minutes value made hostile, still a valid value."""
    found = list(_ADDRESS.finditer(text))
    if not found or rng.random() < 0.5:
        return text
    at = rng.choice(found)
    if at.group(1).startswith("email"):  # no blank or second @: it stays an address
        value = re.sub(r"[\s@]", "", rng.choice(HOSTILE + URLS)) + "@evil.example"
    else:
        value = rng.choice(URLS + HOSTILE)
    return text[: at.start(2)] + _quoted(value) + text[at.end(2) :]


def _call(args: list[str]) -> tuple[int, str, str]:
    from partnerkit.entry import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    if code in (130, 143):  # Ctrl-C or SIGTERM reached the command: stop the run, as asked
        raise KeyboardInterrupt
    return code, out.getvalue(), err.getvalue()


_OWN_ANNOTATION = re.compile(r"^::(error|warning|notice) file=")


def problems(args: list[str], code: int, out: str, err: str) -> list[str]:
    found = []
    plain = err.startswith(("partnerkit: error: ", "Usage: "))  # ours, or Click's usage
    refused = code == 2 and "--dry-run" in args and plain
    if code not in (0, 1) and not refused:
        found.append(f"exit {code}: {err.strip()[-200:]}")
    if "internal error" in err or "Traceback" in err:
        found.append(f"crash: {err.strip()[-200:]}")
    for line in (out + err).splitlines():
        if line.lstrip().startswith("::") and not _OWN_ANNOTATION.match(line):
            found.append(f"forged line: {line[:120]!r}")
        if "##[" in line:
            found.append(f"workflow command: {line[:120]!r}")
    if "\x1b" in out or "\x1b" in err or "\x9b" in out:
        found.append("terminal escape in output")
    if args[0] == "calendar" and code == 0:
        from fuzz_site import calendar_problems

        found += calendar_problems(out.encode("utf-8"), "the calendar")
    fmt = args[args.index("-f") + 1] if "-f" in args else ""
    if fmt == "html" and code in (0, 1) and out.lstrip().startswith("<"):
        from fuzz_site import html_problems

        found += html_problems(out, f"{args[0]} -f html")
    document = fmt in ("markdown", "md", "html") or "calendar" in args
    if document and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out):
        found.append("control character in a document")
    if fmt in ("markdown", "md") and code == 0:  # else findings are printed, as text
        prose = re.sub(r"(`+).*?\1", "", out)  # code spans show text as it is
        for bad in re.findall(r"(?<!\\)<script.{0,40}|(?<!\\)\]\(javascript.{0,40}", prose):
            found.append(f"raw HTML or link in Markdown: {bad!r}")
    return found


def kind_of(failure: str) -> str:
    """`check --no-config ['--today', …]: forged line: '::x'` → `check: forged line`."""
    command, _, problem = failure.partition(": ")
    return f"{command.split()[0]}: {problem.split(':')[0].split(' (in ')[0]}"


def _keep(source: Path, out: Path | None) -> str:
    """Copy the failing file or batch folder into `out`; its name there, for the log."""
    if out is None:
        return str(source)
    target = out / source.parent.name / source.name if source.is_file() else out / source.name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    return str(target)


WIDTHS = (40, 57, 80, 101, 133, 200)  # terminal columns for the views Rich wraps


def _edits(path: str, rng: random.Random) -> list[str]:
    """One editing command on `path` with `--dry-run`, given hostile text of its own."""
    text = _UNESCAPE.sub(lambda m: _ESCAPES[m.group()], rng.choice(HOSTILE) + rng.choice(HOSTILE))
    return [*rng.choice([
        ["record", path, "--date", "2026-11-20", "--win", text, "--concern", text],
        ["sign", path, "--partner", "riverside", "--by", text, "--force"],
        ["renew", path, "--until", "2031-12-31"],
        ["amend", path, "--summary", text, "--section", "terms"],
        ["measure", path, "--roi", "--date", "2026-11-20"],
        ["choose", path, text],
    ]), "--dry-run"]  # fmt: skip


# The YAML escapes of HOSTILE as the characters an argument would hold (NUL cannot).
_ESCAPES = {"\\e": "\x1b", "\\a": "\x07", "\\n": "\n", "\\r": "\r", "\\t": "\t",
            "\\N": "\x85", "\\L": "\u2028", "\\P": "\u2029", "\\u202e": "\u202e",
            "\\x9b": "\x9b", "\\x01": "\x01", "\\x7f": "\x7f"}  # fmt: skip
_UNESCAPE = re.compile("|".join(re.escape(k) for k in _ESCAPES))


def _commands(
    folder: Path, files: list[str], every: int, rng: random.Random
) -> list[tuple[int | None, list[str]]]:
    """(terminal width or None, arguments) of each command a batch runs."""
    common = ["--no-config", "--today", TODAY]
    commands = [["check", *common, "-f", f, str(folder)]
                for f in ("text", "json", "github", "sarif", "junit")]  # fmt: skip
    commands += [["review", "--today", TODAY, "-f", f, str(folder)]
                 for f in ("json", "csv", "markdown", "html")]  # fmt: skip
    commands.append(["calendar", "--today", TODAY, str(folder)])
    widths: list[int | None] = [None] * len(commands)
    commands.append(["review", "--today", TODAY, "-f", "table", str(folder)])
    widths.append(rng.choice(WIDTHS))
    site = folder.with_name(f"site-{folder.name}")  # the per-file ones: its pages cost most
    commands.append(["site", *common, "--no-pdf", "-o", str(site), *files[::every]])
    widths.append(None)
    for path in files[::every]:
        width = rng.choice(WIDTHS)
        commands += [["score", "--today", TODAY, "-f", f, path]
                     for f in ("text", "json", "markdown")]  # fmt: skip
        commands.append(["review", "--today", TODAY, "-f", "table", path])
        commands += [["render", "--today", TODAY, "-f", f, path, "-o", "-"]
                     for f in ("md", "html")]  # fmt: skip
        commands.append(_edits(path, rng))
        widths += [width, None, None, width, None, None, None]
    return list(zip(widths, commands, strict=True))


def _site_problems(site: Path, files: list[str]) -> list[str]:
    """What is wrong in the site `site` command built (its pages, links and calendars), and
    anything it wrote beside its folder and the batch's."""
    from fuzz_site import site_problems

    found = site_problems(site, [Path(f) for f in files])
    beside = {p.name for p in site.parent.iterdir()} - {site.name, Path(files[0]).parent.name}
    found += [f"wrote {name!r} outside the site's folder" for name in sorted(beside)]
    shutil.rmtree(site, ignore_errors=True)
    return found


def run(
    cases: int,
    seed: int,
    batch: int = 50,
    log: Callable[[str], None] = print,
    every: int = 1,
    out: Path | None = None,
) -> list[str]:
    """Fuzz `cases` files; the per-file commands run on every `every`-th file.

    Each failure is `command: problem [file or folder]`; with `out`, the inputs are kept.
    """
    rng = random.Random(seed)
    seeds = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))]
    failures: list[str] = []
    os.environ["NO_COLOR"] = "1"
    os.environ.pop("GITHUB_ACTIONS", None)
    done, start = 0, time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        while done < cases:
            folder = Path(tmp) / f"b{done}"
            folder.mkdir()
            files = []
            for i in range(min(batch, cases - done)):
                path = folder / f"p{i}.yaml"
                text = mutate(rng.choice(seeds), rng)  # an id of its own: a page of its own
                text = re.sub(
                    r"^id: ([a-z0-9-]+)$", rf"id: \1-{done + i}", text, count=1, flags=re.M
                )
                path.write_text(text, "utf-8")
                files.append(str(path))
            for width, args in _commands(folder, files, every, rng):
                if width is None:
                    os.environ.pop("COLUMNS", None)
                else:
                    os.environ["COLUMNS"] = str(width)
                found = problems(args, *_call(args))
                if args[0] == "site":
                    found += _site_problems(Path(args[args.index("-o") + 1]), files)
                for problem in found:
                    named = [a for a in args if a.startswith(str(folder))]
                    where = _keep(folder if args[0] == "site" else Path(named[0]), out)
                    problem = problem.replace("\n", " ⏎ ")  # one failure, one line of the log
                    said = (
                        args[2:] if args[0] != "site" else [*args[2:8], f"+{len(args) - 8} files"]
                    )
                    shown = f"{' '.join(args[:2])} {said!r}" + (f" at {width}" if width else "")
                    failures.append(f"{shown}: {problem} [{where}]")
                    if out is not None:  # as it happens: a long run can be read while it runs
                        with (out / "failures.txt").open("a", encoding="utf-8") as log_file:
                            log_file.write(failures[-1] + "\n")
            done += len(files)
            log(f"{done} cases, {len(failures)} failures, {time.perf_counter() - start:.0f} s")
            shutil.rmtree(folder)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write every failure and its inputs here")
    parser.add_argument("--every", type=int, default=1, help="per-file commands on every Nth")
    parser.add_argument("--batch", type=int, default=50, help="cases per folder")
    args = parser.parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "failures.txt").write_text("", "utf-8")
    try:
        failures = run(args.cases, args.seed, batch=args.batch, every=args.every, out=args.out)
    except KeyboardInterrupt:  # what was found so far is in --out's failures.txt
        print(f"interrupted (seed {args.seed})", file=sys.stderr)
        return 130
    kinds = collections.Counter(kind_of(f) for f in failures)
    for kind, count in kinds.most_common():
        example = next(f for f in failures if kind_of(f) == kind)
        print(f"{count:6}  {kind}\n        e.g. {example[:300]}")
    print(f"{args.cases} cases, seed {args.seed}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
