"""Measure partnerkit against what a user would otherwise run, on the same files, in one run.

    python benchmarks/run.py                 # N = 1, 100, 1000, 10000; writes RESULTS.md
    python benchmarks/run.py --sizes 1 100   # a quick look

For each N: `partnerkit check` with one worker and with the default workers (all rules
and scoring on), `partnerkit review` and `partnerkit calendar` (default workers, the
same pass as check), `check-jsonschema --schemafile <partnerkit schema>`, and the
floor: parsing the same files with PyYAML's C loader in one process. For one file
(the pre-commit case), `yamllint` beside `partnerkit check` and what Pydantic alone
costs, run in turn so that load on the machine falls on all of them alike. Also
start-up (`partnerkit --version` and `--help` against `python -c pass`) and each
command's peak memory. Times are medians of several runs; ratios are taken within this
run. Commands run with Python's bytecode cache on, as an installed partnerkit does
(`PYTHONDONTWRITEBYTECODE` is dropped from their environment), after one warm-up run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

BIN = Path(sys.executable).parent
FLOOR = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
# The least a Pydantic-validated check of one file can cost: import Pydantic and the
# format, build the validator, validate the file (no rules, no scoring, no output).
PYDANTIC_ALONE = (
    "import sys, yaml\n"
    "from partnerkit.entry import _without_pydantic_plugins\n"
    "_without_pydantic_plugins()\n"  # as the command line does
    "from partnerkit.format.model import Partnership\n"
    "data = yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)\n"
    "try:\n"
    "    Partnership.model_validate(data)\n"
    "except ValueError:\n"
    "    pass\n"
)
# As an installed partnerkit runs: with compiled bytecode cached beside the modules.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    runs: int
    cpu: float = 0.0  # user + system seconds, worker processes included


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall time, peak resident memory (MB) and CPU seconds of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:3])}… exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def _summary(results: list[tuple[float, float, float]]) -> Measure:
    return Measure(
        statistics.median(r[0] for r in results),
        max(r[1] for r in results),
        len(results),
        statistics.median(r[2] for r in results),
    )


def measure(cmd: list[str], cwd: Path, runs: int) -> Measure:
    run_once(cmd, cwd)  # warm-up: bytecode written, files in the page cache
    return _summary([run_once(cmd, cwd) for _ in range(runs)])


def in_turn(cmds: dict[str, list[str]], cwd: Path, rounds: int) -> dict[str, Measure]:
    """Each command once per round, in turn, so that changing load falls on all alike."""
    for cmd in cmds.values():
        run_once(cmd, cwd)
    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label in cmds}
    for _ in range(rounds):
        for label, cmd in cmds.items():
            results[label].append(run_once(cmd, cwd))
    return {label: _summary(r) for label, r in results.items()}


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        mem = "unknown"
    import yaml

    versions = subprocess.run(
        [tool("check-jsonschema"), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    pk = subprocess.run([tool("partnerkit"), "--version"], capture_output=True, text=True).stdout
    return (
        f"{platform.system()} {platform.release()} on {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cores, {mem} memory; Python {platform.python_version()}, "
        f"PyYAML {yaml.__version__} (C loader: {yaml.__with_libyaml__}), {pk.strip()}, "
        f"{versions or 'check-jsonschema'}"
    )


def startup(runs: int) -> dict[str, float]:
    out = {}
    for label, cmd in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("partnerkit --version", [tool("partnerkit"), "--version"]),
        ("partnerkit --help", [tool("partnerkit"), "--help"]),
        ("partnerkit check --help", [tool("partnerkit"), "check", "--help"]),
    ):
        out[label] = measure(cmd, HERE, runs).seconds
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--cjs-max", type=int, default=10000, help="largest N to run check-jsonschema on"
    )
    args = parser.parse_args(argv)

    schema = args.data / "schema.json"
    args.data.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("partnerkit"), "schema", "-o", str(schema), "--force"], check=True)
    today = "2026-11-23"
    rows = []
    extra: dict[int, tuple[Measure, Measure, dict[str, Measure] | None]] = {}
    for n in args.sizes:
        folder = args.data / f"n{n}"
        if not folder.is_dir() or len(list(folder.glob("*.yaml"))) != n:
            shutil.rmtree(folder, ignore_errors=True)
            write(n, folder, seed=7)
        files = sorted(p.name for p in folder.glob("*.yaml"))
        runs = args.runs if n <= 1000 else max(1, args.runs - 1)
        print(f"N={n}: partnerkit…", flush=True)
        check = [tool("partnerkit"), "check", "--no-config", "--today", today, "."]
        pk1 = measure([*check, "--jobs", "1"], folder, runs)
        pkn = measure(check, folder, runs)
        print(f"N={n}: review, calendar…", flush=True)
        common = ["--today", today, "."]
        review = measure([tool("partnerkit"), "review", "-f", "json", *common], folder, runs)
        calendar = measure([tool("partnerkit"), "calendar", *common], folder, runs)
        lint = None
        if n == 1 and shutil.which(tool("yamllint")):  # pip install yamllint to compare
            print("N=1: yamllint, partnerkit check, Pydantic alone, in turn…", flush=True)
            lint = in_turn(
                {
                    "yamllint": [tool("yamllint"), *files],
                    "check": [*check, "--jobs", "1"],
                    "pydantic": [sys.executable, "-c", PYDANTIC_ALONE, *files],
                    "python": [sys.executable, "-c", "import yaml"],
                },
                folder,
                max(15, runs * 5),
            )
            pk1 = lint["check"]
        print(f"N={n}: floor…", flush=True)
        floor = measure([sys.executable, "-c", FLOOR, "."], folder, runs)
        cjs = None
        if n <= args.cjs_max:
            print(f"N={n}: check-jsonschema…", flush=True)
            cjs = measure(
                [tool("check-jsonschema"), "--schemafile", str(schema), *files],
                folder,
                runs if n <= 1000 else 1,
            )
        rows.append((n, pk1, pkn, floor, cjs))
        extra[n] = (review, calendar, lint)
    print("start-up…", flush=True)
    start = startup(max(9, args.runs * 3))
    report = render(rows, start, machine(), extra) + kept_sections(args.output)
    args.output.write_text(report, "utf-8")
    print(report)
    return 0


def kept_sections(path: Path) -> str:
    """Sections other scripts write into RESULTS.md (benchmarks/pdf_batch.py), kept as they are."""
    from pdf_batch import HEADING

    text = path.read_text("utf-8") if path.exists() else ""
    start = text.find(HEADING)
    return "" if start < 0 else "\n" + text[start:]


def _s(m: Measure | None) -> str:
    return "—" if m is None else f"{m.seconds:.2f} s"


def render(rows: list, start: dict[str, float], description: str, extra: dict) -> str:
    from partnerkit.commands.common import default_jobs

    lines = [
        "# partnerkit benchmark results",
        "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/run.py` on: {description}.",
        "",
        "Files come from `benchmarks/generate.py` (seed 7): varied kinds, stages and sizes",
        "(about 4.7 KB each), a fifth incomplete and a few with schema errors. `check` runs",
        "every rule and the scoring. The floor parses the same files with PyYAML's C loader",
        f"in one process. Times are medians; default workers here: {default_jobs()}.",
        "",
        "| N | partnerkit, 1 worker | partnerkit, default workers | check-jsonschema | floor (C-loader parse) | pk 1 worker / floor | pk default / floor | check-jsonschema / pk default |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, pk1, pkn, floor, cjs in rows:
        ratio = f"{cjs.seconds / pkn.seconds:.1f}×" if cjs else "—"
        lines.append(
            f"| {n:,} | {_s(pk1)} | {_s(pkn)} | {_s(cjs)} | {_s(floor)} | "
            f"{pk1.seconds / floor.seconds:.2f} | {pkn.seconds / floor.seconds:.2f} | {ratio} |"
        )
    lines += ["", "Peak memory (resident, MB; for the parallel run, the largest process):", ""]
    lines.append(
        "| N | partnerkit, 1 worker | partnerkit, default workers | check-jsonschema | floor |"
    )
    lines.append("|---:|---:|---:|---:|---:|")
    for n, pk1, pkn, floor, cjs in rows:
        c = f"{cjs.peak_mb:.0f}" if cjs else "—"
        lines.append(
            f"| {n:,} | {pk1.peak_mb:.0f} | {pkn.peak_mb:.0f} | {c} | {floor.peak_mb:.0f} |"
        )
    lines += [
        "",
        "The same pass for every command (default workers; CPU is user + system time of",
        "all processes):",
        "",
        "| N | check | review | calendar | check CPU | review CPU | calendar CPU | review / check (CPU) | calendar / check (CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, _pk1, pkn, _floor, _cjs in rows:
        review, calendar, _lint = extra[n]
        lines.append(
            f"| {n:,} | {_s(pkn)} | {_s(review)} | {_s(calendar)} | {pkn.cpu:.2f} s | "
            f"{review.cpu:.2f} s | {calendar.cpu:.2f} s | {review.cpu / pkn.cpu:.2f} | "
            f"{calendar.cpu / pkn.cpu:.2f} |"
        )
    if 1 in extra and extra[1][2] is not None:
        lines += one_file(extra[1][2])
    base = start["python -c pass"]
    lines += [
        "",
        "Start-up (median wall time):",
        "",
        "| command | time | over `python -c pass` |",
        "|---|---:|---:|",
    ]
    for label, seconds in start.items():
        lines.append(f"| `{label}` | {seconds * 1000:.0f} ms | {(seconds - base) * 1000:+.0f} ms |")
    by_n = {n: (pk1, pkn, floor, cjs) for n, pk1, pkn, floor, cjs in rows}
    lines += ["", "## Targets", ""]
    lines += targets(by_n, start, extra)
    lines += ["", NOTES]
    return "\n".join(lines) + "\n"


NOTES = """## Reading the numbers

- One file is a fixed cost, and most of it is Pydantic's: importing it (about half of
  it `pydantic_core` and the typing modules it pulls in, `uuid`, `secrets`, `zoneinfo`,
  `decimal`), creating the format's 30-odd model classes, and building their validator
  at first use. "Pydantic alone" above is exactly that and nothing of partnerkit's
  checking, and it already costs more than all of yamllint, so the 1.3× target cannot
  be met while the format is validated by Pydantic (a fixed choice of the project);
  `partnerkit check` adds rules, scoring, positions and the report to it. What was cut
  on this path: Typer, Click and Rich are not imported (a plainly written `check` is
  parsed from the options' one declaration, `partnerkit.commands.options`, and output to a pipe
  is plain); the models build one validator at first use instead of one per model at
  import; Pydantic's plugin lookup, which imports `importlib.metadata` with `email`,
  `zipfile` and `socket` and reads every installed package's metadata, is switched off
  in the command line (about 13% of a one-file run); `multiprocessing`, `tempfile`,
  `pathspec` and the JUnit format's `xml.sax.saxutils` (which imports `urllib.request`)
  load only when needed. `tests/test_startup.py` pins the modules a one-file check
  loads, so an import added at the top of a module cannot quietly undo this.
- Per file, `check` with one worker costs 1.1-1.3× a bare C-loader parse of the same
  files: the document is composed once by the C parser and positions are read from that
  node tree only when a finding needs one. In a profile of 1,000 files, parsing is about
  half of the pass, validation a tenth, and the 70-odd rules with the scoring about a
  third. Two costs found while measuring are gone: every file's terms fingerprint was
  computed even when no signature recorded one to compare with, and each rule asked the
  configuration whether it is enabled, for every file (now asked once per code).
- Memory: a run keeps every file's findings until the report is written. With the rules
  added since the first table (agreement terms, life cycle, evaluation), a generated file
  has about fifteen findings, and 10,000 files peak at about 180 MB (78 MB with the first
  rules; the same 180 MB at the start of this round, so not a regression of it). Writing
  each file's findings as it finishes would bring it back under the target; not done.
- `--jobs` splits the files into ordered chunks over worker processes (fork); the output
  is byte-identical to a serial run (tested). Each worker pays the fixed cost once; a
  parallel run builds the validator before the workers fork. On this 2-core machine two
  workers check 1,000 files in about the floor's time (1.04×, the target is under 1×)
  and 10,000 in 0.72× of it.
- `review` and `calendar` go through the same pass as `check`; what they add is their
  own output (the calendar writes RFC 5545 text itself, `partnerkit.documents.ics`).
- `--format json` keeps each file's full score digest too, so it uses more memory still
  on very large portfolios.
"""


def one_file(m: dict[str, Measure]) -> list[str]:
    lint = m["yamllint"]
    labels = (
        ("python", "`python -c 'import yaml'` (the floor of any Python linter)"),
        ("yamllint", "`yamllint FILE`"),
        ("pydantic", "Pydantic alone: import it and the format, build the validator, validate"),
        ("check", "`partnerkit check --no-config FILE`"),
    )
    lines = [
        "",
        "One file, the pre-commit case: the same file, each command once per round in turn,",
        f"{lint.runs} rounds, medians (CPU is user + system time):",
        "",
        "| command | wall | CPU | wall over yamllint | CPU over yamllint |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, label in labels:
        r = m[key]
        lines.append(
            f"| {label} | {r.seconds * 1000:.0f} ms | {r.cpu * 1000:.0f} ms | "
            f"{r.seconds / lint.seconds:.2f}× | {r.cpu / lint.cpu:.2f}× |"
        )
    return lines


def targets(by_n: dict, start: dict[str, float], extra: dict) -> list[str]:
    out = []
    base = start["python -c pass"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    for label in ("partnerkit --version", "partnerkit --help"):
        over = (start[label] - base) * 1000
        out.append(
            f"- `{label}` within 60 ms of `python -c pass`: {over:+.0f} ms — {verdict(over <= 60)}."
        )
    if 1 in extra and extra[1][2] is not None:
        m = extra[1][2]
        r = m["check"].seconds / m["yamllint"].seconds
        rc = m["check"].cpu / m["yamllint"].cpu
        floor = m["pydantic"].cpu / m["yamllint"].cpu
        out.append(
            f"- One-file check within 1.3× of yamllint on the same file: {r:.2f}× wall, "
            f"{rc:.2f}× CPU — {verdict(max(r, rc) <= 1.3)} (Pydantic alone: {floor:.2f}× CPU)."
        )
    if 1000 in extra:
        check_cpu = by_n[1000][1].cpu
        for i, label in ((0, "review"), (1, "calendar")):
            r = extra[1000][i].cpu / check_cpu
            out.append(
                f"- 1,000 files, `{label}` costs at most 1.2× `check` (CPU): {r:.2f}× — {verdict(r <= 1.2)}."
            )
    if 1000 in by_n:
        pk1, pkn, floor, cjs = by_n[1000]
        r1, rn = pk1.seconds / floor.seconds, pkn.seconds / floor.seconds
        out.append(
            f"- 1,000 files, one worker, within 1.5× the floor: {r1:.2f}× — {verdict(r1 <= 1.5)}."
        )
        out.append(
            f"- 1,000 files, default workers, faster than the floor: {rn:.2f}× — {verdict(rn < 1)}."
        )
        if cjs:
            r = cjs.seconds / pkn.seconds
            out.append(
                f"- 1,000 files, at least 10× faster than check-jsonschema: {r:.1f}× — {verdict(r >= 10)}."
            )
    if 1000 in by_n and 10000 in by_n:
        for i, label in ((0, "one worker"), (1, "default workers")):
            scale = by_n[10000][i].seconds / by_n[1000][i].seconds
            out.append(
                f"- 10,000 files take at most 11× the time of 1,000 ({label}): {scale:.1f}× — {verdict(scale <= 11)}."
            )
        peak = max(by_n[10000][0].peak_mb, by_n[10000][1].peak_mb)
        out.append(
            f"- Peak memory at 10,000 files under 150 MB: {peak:.0f} MB — {verdict(peak < 150)}."
        )
    return out


if __name__ == "__main__":
    sys.exit(main())
