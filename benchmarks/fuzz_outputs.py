"""Hostile files through every command's output path: no crash, no hang, nothing unescaped.

    python benchmarks/fuzz_outputs.py --cases 10000 --seed 1 --out fuzz-failures
    python benchmarks/fuzz_outputs.py --cases 200            # what the test suite runs

Each case is one of the examples with a few values replaced by hostile text (control
characters, terminal escapes, Rich markup, Markdown and HTML, formulas, line
separators, huge numbers, dates at the edges of the calendar). Cases go in batches
through `check` in every format, `review` in every format, `calendar`, and, file by
file, `score` in every format, `review FILE` and `render` to Markdown and HTML. A
case fails when a command exits with anything but 0 or 1, says "internal error",
prints a line that starts a workflow command or carries a terminal escape, or writes
raw HTML or NUL into Markdown. Exit 1 when any case fails. Every failure is counted
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
    "x" * 2000, "{{ 7*7 }}", "{% raw %}", "%25%0A", "\\\\", '\\"', "'", "#", "- item",
]  # fmt: skip
NUMBERS = ["1e308", "-1e308", "1e309", "0", "-1", "999999999999999999999", "1.5e-320", "nan"]
DATES = ["0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "1970-01-01"]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def mutate(text: str, rng: random.Random) -> str:
    """Replace a few scalar values (after `key: ` or `- `) with hostile ones."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        match = re.match(r"^(\s*(?:- )?[A-Za-z_]+: |\s*- )(.+)$", lines[i])
        if not match:
            continue
        roll = rng.random()
        if roll < 0.7:
            value = _quoted("".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 3))))
        elif roll < 0.85:
            value = rng.choice(NUMBERS)
        else:
            value = rng.choice(DATES)
        lines[i] = match.group(1) + value
    if rng.random() < 0.1:
        lines.append(_quoted(rng.choice(HOSTILE)) + ": 1")
    return "\n".join(lines)


def _call(args: list[str]) -> tuple[int, str, str]:
    from partnerkit.entry import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    return code, out.getvalue(), err.getvalue()


_OWN_ANNOTATION = re.compile(r"^::(error|warning|notice) file=")


def problems(args: list[str], code: int, out: str, err: str) -> list[str]:
    found = []
    if code not in (0, 1):
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
    fmt = args[args.index("-f") + 1] if "-f" in args else ""
    document = fmt in ("markdown", "md", "html") or "calendar" in args
    if document and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out):
        found.append("control character in a document")
    if fmt in ("markdown", "md") and code == 0:  # else findings are printed, as text
        prose = re.sub(r"(`+).*?\1", "", out)  # code spans show text as it is
        for bad in re.findall(r"(?<!\\)<script.{0,40}|(?<!\\)\]\(javascript.{0,40}", prose):
            found.append(f"raw HTML or link in Markdown: {bad!r}")
    return found


def kind_of(failure: str) -> str:
    """`check --no-config --today 2026-11-23: forged line: '::x'` → `check: forged line`."""
    command, _, problem = failure.partition(": ")
    return f"{command.split()[0]}: {problem.split(':')[0]}"


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


def _commands(folder: Path, files: list[str], every: int) -> list[list[str]]:
    common = ["--no-config", "--today", TODAY]
    commands = [["check", *common, "-f", f, str(folder)]
                for f in ("text", "json", "github", "sarif", "junit")]  # fmt: skip
    commands += [["review", "--today", TODAY, "-f", f, str(folder)]
                 for f in ("table", "json", "csv", "markdown", "html")]  # fmt: skip
    commands.append(["calendar", "--today", TODAY, str(folder)])
    for path in files[::every]:
        commands += [["score", "--today", TODAY, "-f", f, path]
                     for f in ("text", "json", "markdown")]  # fmt: skip
        commands.append(["review", "--today", TODAY, "-f", "table", path])
        commands += [["render", "--today", TODAY, "-f", f, path, "-o", "-"]
                     for f in ("md", "html")]  # fmt: skip
    return commands


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
                path.write_text(mutate(rng.choice(seeds), rng), "utf-8")
                files.append(str(path))
            for args in _commands(folder, files, every):
                for problem in problems(args, *_call(args)):
                    where = _keep(Path(args[-1] if args[-1] != "-" else args[-3]), out)
                    problem = problem.replace("\n", " ⏎ ")  # one failure, one line of the log
                    failures.append(f"{' '.join(args[:4])} {args[-3:]}: {problem} [{where}]")
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
    args = parser.parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "failures.txt").write_text("", "utf-8")
    failures = run(args.cases, args.seed, out=args.out)
    kinds = collections.Counter(kind_of(f) for f in failures)
    for kind, count in kinds.most_common():
        example = next(f for f in failures if kind_of(f) == kind)
        print(f"{count:6}  {kind}\n        e.g. {example[:300]}")
    print(f"{args.cases} cases, seed {args.seed}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
