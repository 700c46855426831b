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
command's peak memory. The commands of every size run in rounds, one run each per
round; times are medians, and a ratio is the median of its ratios within a round, so
that the machine's drift falls on both sides. Commands run with Python's bytecode cache on, as an installed partnerkit does
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


Runs = dict[tuple[int, str], list[tuple[float, float, float]]]
"""Every run of each (N, command), in round order: (wall, peak MB, CPU)."""


def rounds(cmds: dict[tuple[int, str], tuple[list[str], Path]], count: int) -> Runs:
    """Every command once per round, all sizes in the same round, after one warm-up
    round: a ratio (partnerkit over the floor, 10,000 files over 1,000) is taken between
    runs of the same round, so that the machine's drift falls on both sides alike."""
    for key, (cmd, cwd) in cmds.items():
        print(f"warm-up: N={key[0]} {key[1]}…", flush=True)
        run_once(cmd, cwd)
    runs: Runs = {key: [] for key in cmds}
    for number in range(count):
        print(f"round {number + 1} of {count}…", flush=True)
        for key, (cmd, cwd) in cmds.items():
            runs[key].append(run_once(cmd, cwd))
    return runs


def paired(runs: Runs, a: tuple[int, str], b: tuple[int, str], field: int = 0) -> float:
    """The median over rounds of a's figure over b's in the same round (0 wall, 2 CPU)."""
    return statistics.median(x[field] / y[field] for x, y in zip(runs[a], runs[b], strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="rounds of measurement (median)")
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
    cmds: dict[tuple[int, str], tuple[list[str], Path]] = {}
    folders = {}
    for n in args.sizes:
        folder = folders[n] = args.data / f"n{n}"
        if not folder.is_dir() or len(list(folder.glob("*.yaml"))) != n:
            shutil.rmtree(folder, ignore_errors=True)
            write(n, folder, seed=7)
        check = [tool("partnerkit"), "check", "--no-config", "--today", today, "."]
        common = ["--today", today, "."]
        for label, cmd in (
            ("pk1", [*check, "--jobs", "1"]),
            ("pkn", check),
            ("review", [tool("partnerkit"), "review", "-f", "json", *common]),
            ("calendar", [tool("partnerkit"), "calendar", *common]),
            ("floor", [sys.executable, "-c", FLOOR, "."]),
        ):
            cmds[(n, label)] = (cmd, folder)
    runs = rounds(cmds, args.runs)
    measured = {key: _summary(r) for key, r in runs.items()}
    lint = None
    if 1 in folders and shutil.which(tool("yamllint")):  # pip install yamllint to compare
        print("N=1: yamllint, partnerkit check, Pydantic alone, in turn…", flush=True)
        files = sorted(p.name for p in folders[1].glob("*.yaml"))
        lint = in_turn(
            {
                "yamllint": [tool("yamllint"), *files],
                "check": [*cmds[(1, "pk1")][0]],
                "pydantic": [sys.executable, "-c", PYDANTIC_ALONE, *files],
                "python": [sys.executable, "-c", "import yaml"],
            },
            folders[1],
            max(15, args.runs * 5),
        )
        measured[(1, "pk1")] = lint["check"]
    cjs: dict[int, Measure] = {}
    for n in args.sizes:
        if n <= args.cjs_max:
            print(f"N={n}: check-jsonschema…", flush=True)
            files = sorted(p.name for p in folders[n].glob("*.yaml"))
            cjs[n] = measure(
                [tool("check-jsonschema"), "--schemafile", str(schema), *files],
                folders[n],
                args.runs if n <= 1000 else 1,
            )
    print("start-up…", flush=True)
    start = startup(max(9, args.runs * 3))
    results = Results(args.sizes, measured, runs, cjs, lint)
    report = render(results, start, machine()) + kept_sections(args.output)
    args.output.write_text(report, "utf-8")
    print(report)
    return 0


@dataclass
class Results:
    """What one run measured: medians by (N, command), every round, and the extras."""

    sizes: list[int]
    measured: dict[tuple[int, str], Measure]
    runs: Runs
    cjs: dict[int, Measure]
    lint: dict[str, Measure] | None

    @property
    def runs_count(self) -> int:
        return len(next(iter(self.runs.values())))

    def of(self, n: int, label: str) -> Measure:
        return self.measured[(n, label)]

    def over(self, n: int, a: str, b: str, field: int = 0, m: int | None = None) -> float:
        """a at N over b at M (default: the same N), paired by round."""
        return paired(self.runs, (n, a), (n if m is None else m, b), field)


def kept_sections(path: Path) -> str:
    """Sections other scripts write into RESULTS.md (benchmarks/pdf_batch.py), kept as they are."""
    from pdf_batch import HEADING

    text = path.read_text("utf-8") if path.exists() else ""
    start = text.find(HEADING)
    return "" if start < 0 else "\n" + text[start:]


def _s(m: Measure | None) -> str:
    return "—" if m is None else f"{m.seconds:.2f} s"


def render(r: Results, start: dict[str, float], description: str) -> str:
    from partnerkit.commands.common import default_jobs

    lines = [
        "# partnerkit benchmark results",
        "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/run.py` on: {description}.",
        "",
        "Files come from `benchmarks/generate.py` (seed 7): varied kinds, stages and sizes",
        "(about 4.7 KB each), a fifth incomplete and a few with schema errors. `check` runs",
        "every rule and the scoring. The floor parses the same files with PyYAML's C loader",
        "in one process. Every command below runs once per round, all sizes in the same",
        f"round, after a warm-up round; rounds: {r.runs_count}. Times are medians; a ratio is the",
        "median of the ratios within each round, so that the machine's drift falls on both",
        f"sides alike. Default workers here: {default_jobs()}.",
        "",
        "| N | partnerkit, 1 worker | partnerkit, default workers | check-jsonschema | floor (C-loader parse) | pk 1 worker / floor | pk default / floor | check-jsonschema / pk default |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in r.sizes:
        cjs = r.cjs.get(n)
        ratio = f"{cjs.seconds / r.of(n, 'pkn').seconds:.1f}×" if cjs else "—"
        lines.append(
            f"| {n:,} | {_s(r.of(n, 'pk1'))} | {_s(r.of(n, 'pkn'))} | {_s(cjs)} | "
            f"{_s(r.of(n, 'floor'))} | {r.over(n, 'pk1', 'floor'):.2f} | "
            f"{r.over(n, 'pkn', 'floor'):.2f} | {ratio} |"
        )
    lines += ["", "Peak memory (resident, MB; for the parallel run, the largest process):", ""]
    lines.append(
        "| N | partnerkit, 1 worker | partnerkit, default workers | check-jsonschema | floor |"
    )
    lines.append("|---:|---:|---:|---:|---:|")
    for n in r.sizes:
        cjs = r.cjs.get(n)
        c = f"{cjs.peak_mb:.0f}" if cjs else "—"
        lines.append(
            f"| {n:,} | {r.of(n, 'pk1').peak_mb:.0f} | {r.of(n, 'pkn').peak_mb:.0f} | {c} | "
            f"{r.of(n, 'floor').peak_mb:.0f} |"
        )
    lines += [
        "",
        "The same pass for every command (default workers; CPU is user + system time of",
        "all processes):",
        "",
        "| N | check | review | calendar | check CPU | review CPU | calendar CPU | review / check (CPU) | calendar / check (CPU) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in r.sizes:
        check, review, calendar = r.of(n, "pkn"), r.of(n, "review"), r.of(n, "calendar")
        lines.append(
            f"| {n:,} | {_s(check)} | {_s(review)} | {_s(calendar)} | {check.cpu:.2f} s | "
            f"{review.cpu:.2f} s | {calendar.cpu:.2f} s | {r.over(n, 'review', 'pkn', 2):.2f} | "
            f"{r.over(n, 'calendar', 'pkn', 2):.2f} |"
        )
    if r.lint is not None:
        lines += one_file(r.lint)
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
    lines += ["", "## Targets", ""]
    lines += targets(r, start)
    lines += ["", NOTES]
    return "\n".join(lines) + "\n"


NOTES = """## Reading the numbers

- One file is a fixed cost, and most of it is Pydantic's: importing it (about half of
  it `pydantic_core` and the typing modules it pulls in, `uuid`, `secrets`, `zoneinfo`,
  `decimal`), creating the format's 30-odd model classes, and building their validator
  at first use. "Pydantic alone" above is exactly that and nothing of partnerkit's
  checking. `python -c "from pydantic import BaseModel"` by itself, timed in turn with
  yamllint, costs about 0.9× yamllint's whole run; 1.3× would leave 0.4× for reading
  YAML, creating the models, building the validator, the rules and the report. So the
  1.3× target cannot be met while the format is validated by Pydantic, a fixed choice
  of the project. What was cut on this path: Typer, Click and Rich are not imported (a
  plainly written `check` is parsed from the options' one declaration,
  `partnerkit.commands.options`, and output to a pipe is plain); the models build one
  validator at first use instead of one per model at import; Pydantic's plugin lookup,
  which imports `importlib.metadata` with `email`, `zipfile` and `socket` and reads
  every installed package's metadata, is switched off in the command line (about 13% of
  a one-file run); `multiprocessing`, `tempfile`, `pathspec` and the JUnit format's
  `xml.sax.saxutils` (which imports `urllib.request`) load only when needed.
  `tests/test_startup.py` pins the modules a one-file check loads, so an import added at
  the top of a module cannot quietly undo this.
- Per file, `check` with one worker costs 1.1-1.3× a bare C-loader parse of the same
  files: the document is composed once by the C parser and positions are read from that
  node tree only when a finding needs one. In a profile of 1,000 files, parsing is about
  half of the pass, validation a tenth, and the 70-odd rules with the scoring about a
  third. Costs found while measuring and gone: every file's terms fingerprint was
  computed even when no signature recorded one to compare with; each rule asked the
  configuration whether it is enabled, for every file (now once per code); a plain
  `check` worked out each file's next actions, which only `--format json` and the
  one-file commands (`score`, `render`, `review FILE`) show (about 6% of the pass); each file was read through a buffered read
  of the 5 MB size limit, which allocated 5 MB per file (now one read of the size
  `fstat` gives); each report line went through the escaping table even when Python
  calls it printable; the calendar scored every file, though it shows no readiness
  (about 6% of the pass); a regular expression looked for the
  line breaks only YAML counts in every file (3%); the comma-trap search walked every
  file that had a `[`, though most only had `[]`; and the YAML resolver built its tags
  anew for each of a file's 370-odd nodes.
- Memory: a run keeps every file's result (its findings, about fifteen per generated
  file) until the report is written: about 5 MB per 1,000 files. Most of the 185 MB
  that 10,000 files used to peak at was the report itself: it was written into an
  `io.StringIO`, which stores the whole text four bytes a character once one character
  (a `…`) is outside ASCII, and taking it out copied it twice more. It is now kept as
  UTF-8 chunks (`partnerkit.support.spool`) and written out a chunk at a time.
- `--jobs` splits the files into ordered chunks over worker processes (fork); the output
  is byte-identical to a serial run (tested). Each worker pays the fixed cost once; a
  parallel run builds the validator before the workers fork. Results come back in the
  files' order as each chunk finishes, and the parent finishes each file (selection,
  severities, suppressions, the portfolio's duplicate ids) while the workers go on, so
  little is left for it when the last chunk is back.
- `review` and `calendar` go through the same pass as `check`; what they add is what
  they keep of each file (the dashboard's score digest and facts, the calendar's dated
  items) and their own output (the calendar writes RFC 5545 text itself,
  `partnerkit.documents.ics`). Results cross from the workers as each record's class
  and field values (`partnerkit.support.records`): pickle's default for a slotted
  record, a dictionary of its slots set back one by one, cost a parallel `review` of
  1,000 files about a sixth of its CPU.
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


def targets(r: Results, start: dict[str, float]) -> list[str]:
    out = []
    base = start["python -c pass"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    for label in ("partnerkit --version", "partnerkit --help"):
        over = (start[label] - base) * 1000
        out.append(
            f"- `{label}` within 60 ms of `python -c pass`: {over:+.0f} ms — {verdict(over <= 60)}."
        )
    if r.lint is not None:
        m = r.lint
        wall = m["check"].seconds / m["yamllint"].seconds
        cpu = m["check"].cpu / m["yamllint"].cpu
        floor = m["pydantic"].cpu / m["yamllint"].cpu
        out.append(
            f"- One-file check within 1.3× of yamllint on the same file: {wall:.2f}× wall, "
            f"{cpu:.2f}× CPU — {verdict(max(wall, cpu) <= 1.3)} (Pydantic alone: {floor:.2f}× CPU)."
        )
    if 1000 in r.sizes:
        for label in ("review", "calendar"):
            x = r.over(1000, label, "pkn", 2)
            out.append(
                f"- 1,000 files, `{label}` costs at most 1.2× `check` (CPU): {x:.2f}× — {verdict(x <= 1.2)}."
            )
        r1, rn = r.over(1000, "pk1", "floor"), r.over(1000, "pkn", "floor")
        out.append(
            f"- 1,000 files, one worker, within 1.5× the floor: {r1:.2f}× — {verdict(r1 <= 1.5)}."
        )
        out.append(
            f"- 1,000 files, default workers, faster than the floor: {rn:.2f}× — {verdict(rn < 1)}."
        )
        if 1000 in r.cjs:
            x = r.cjs[1000].seconds / r.of(1000, "pkn").seconds
            out.append(
                f"- 1,000 files, at least 10× faster than check-jsonschema: {x:.1f}× — {verdict(x >= 10)}."
            )
    if 1000 in r.sizes and 10000 in r.sizes:
        for key, label in (("pk1", "one worker"), ("pkn", "default workers")):
            scale = r.over(10000, key, key, m=1000)
            out.append(
                f"- 10,000 files take at most 11× the time of 1,000 ({label}): {scale:.1f}× — {verdict(scale <= 11)}."
            )
        peak = max(r.of(10000, "pk1").peak_mb, r.of(10000, "pkn").peak_mb)
        out.append(
            f"- Peak memory at 10,000 files under 150 MB: {peak:.0f} MB — {verdict(peak < 150)}."
        )
    return out


if __name__ == "__main__":
    sys.exit(main())
