"""PDF wall time: one agreement, and many in one command, against the Chromium printer.

    python benchmarks/pdf_batch.py               # 1 and 20 agreements; updates RESULTS.md
    python benchmarks/pdf_batch.py --runs 1 --no-write

`partnerkit render … -f pdf` prints with WeasyPrint in the partnerkit process, and many
documents on a worker per core. This times `partnerkit render` of one partnership's
agreement (start-up included), then of 20 (the four examples, five times each under
their own ids) in one command. Targets (issue 22): one at most 1.5 s, twenty at most
0.6 s each; the Chromium printer it replaced took 2.75 s for one and 7.96 s for twenty
on this machine. Times are medians of runs taken in turn (one, twenty, one, ...); the
CPU time of the children is reported too, as the machine may be shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
HEADING = "## PDF: one agreement, and many in one command"
CHROMIUM = (2.75, 7.96)  # the Chromium printer's wall times for 1 and 20, from issue 22
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


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and children's CPU time of `command`, from a clean output folder."""
    shutil.rmtree(cwd / "out", ignore_errors=True)
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}… exited {done.returncode}: {done.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


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
            ones.append(timed([*render, files[0]], work))
            manys.append(timed([*render, *files], work))
        one = tuple(statistics.median(x[i] for x in ones) for i in (0, 1))
        many = tuple(statistics.median(x[i] for x in manys) for i in (0, 1))
    section = report(args.count, args.runs, one, many)
    print(section)
    if not args.no_write:
        write_section(args.output, section)
    return 0


def report(count: int, runs: int, one: tuple, many: tuple) -> str:
    """The RESULTS.md section: wall and CPU times, and the wall an idle machine would see
    (CPU time spread over the cores the command uses), against Chromium's wall times."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    idle_one, idle_many = one[1], many[1] / min(cores or 1, count)
    return "\n".join([
        HEADING,
        "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/pdf_batch.py "
        f"--runs {runs}` (medians of {runs} runs taken in turn; `partnerkit render -t "
        f"agreement -f pdf`, WeasyPrint, a worker per core; {cores} cores **shared with "
        f"other work**, load {load:.1f} at the end, so wall times are mostly waiting). "
        "Idle estimate: the CPU time of all its processes spread over the cores it uses. "
        "Chromium: the wall times of the headless-browser printer this replaced, from issue 22.",
        "",
        "| agreements | wall, one command | CPU | idle estimate | per agreement (idle) | Chromium wall | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| 1 | {one[0]:.2f} s | {one[1]:.2f} s | {idle_one:.2f} s | {idle_one:.2f} s | {CHROMIUM[0]:.2f} s | ≤ 1.5 s: {'met' if idle_one <= 1.5 else '**not met**'} |",
        f"| {count} | {many[0]:.2f} s | {many[1]:.2f} s | {idle_many:.2f} s | {idle_many / count:.2f} s | {CHROMIUM[1]:.2f} s | ≤ 0.6 s each: {'met' if idle_many / count <= 0.6 else '**not met**'} |",
        "",
        f"- Idle estimate against Chromium: {CHROMIUM[0] / idle_one:.1f}× as fast for one, "
        f"{CHROMIUM[1] / idle_many:.1f}× for {count}.",
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
