"""Many agreements to PDF in one run against one, with the same browser.

    python benchmarks/pdf_batch.py               # 1 and 20 agreements; updates RESULTS.md
    python benchmarks/pdf_batch.py --runs 1 --no-write

`partnerkit render … -f pdf` starts one headless Chromium for the whole run and prints
every document through its DevTools pipe, so a folder of agreements costs the start
once. This renders the agreement of one partnership, then of 20 (the four examples,
five times each under their own ids), each as one `partnerkit render` command, and
for reference 20 commands of one file each (what a browser per document cost).
Target: 20 agreements take at most 3x the time of one. Times are medians of runs taken
in turn (one, twenty, one, twenty, ...), the ratio within the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
HEADING = "## PDF: many documents, one browser"
TODAY = "2026-11-23"


def partnerships(folder: Path, count: int) -> list[Path]:
    """`count` partnership files: the examples in turn, each copy under its own id."""
    examples = sorted(EXAMPLES.glob("*.yaml"))
    made = []
    for n in range(count):
        source = examples[n % len(examples)]
        text = source.read_text("utf-8")
        text = re.sub(r"^id: (\S+)", rf"id: \1-{n:02d}", text, count=1, flags=re.M)
        path = folder / f"{source.stem}-{n:02d}.yaml"
        path.write_text(text, "utf-8")
        made.append(path)
    return made


def timed(commands: list[list[str]], cwd: Path) -> float:
    """Wall time of running `commands` one after another, from a clean output folder."""
    shutil.rmtree(cwd / "out", ignore_errors=True)
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command[:4])}… exited {done.returncode}: {done.stderr}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20, help="agreements in the batch")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    exe = str(Path(sys.executable).parent / "partnerkit")
    render = [exe, "render", "-t", "agreement", "-f", "pdf", "--today", TODAY, "-o", "out"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = [str(p) for p in partnerships(work, args.count)]
        ones, manys = [], []
        for _ in range(args.runs):  # taken in turn, so both see the machine's load alike
            ones.append(timed([[*render, files[0]]], work))
            manys.append(timed([[*render, *files]], work))
        one, many = statistics.median(ones), statistics.median(manys)
        each = timed([[*render, f] for f in files], work)
    section = report(args.count, args.runs, one, many, each)
    print(section)
    if not args.no_write:
        write_section(args.output, section)
    return 0 if many <= 3 * one else 1


def report(count: int, runs: int, one: float, many: float, each: float) -> str:
    """The RESULTS.md section."""
    ratio = many / one
    verdict = "met" if ratio <= 3 else "**not met**"
    return "\n".join([
        HEADING,
        "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/pdf_batch.py` "
        f"(medians of {runs} runs taken in turn; the last column once; "
        "`partnerkit render -t agreement -f pdf`, Chromium headless).",
        "",
        "| agreements | one `render` command | per agreement | one command per agreement (one browser each) |",
        "|---:|---:|---:|---:|",
        f"| 1 | {one:.2f} s | {one:.2f} s | {one:.2f} s |",
        f"| {count} | {many:.2f} s | {many / count:.2f} s | {each:.2f} s |",
        "",
        f"- {count} agreements take at most 3× the time of one: {ratio:.2f}× — {verdict}.",
        f"- A browser per agreement would take {each / one:.1f}× the time of one.",
        "",
    ])  # fmt: skip


def write_section(path: Path, section: str) -> None:
    """Put `section` in RESULTS.md in place of an earlier one (or at the end)."""
    text = path.read_text("utf-8") if path.exists() else ""
    start = text.find(HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    path.write_text(text, "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
