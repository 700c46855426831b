"""Measure `partnerkit site` against `partnerkit review -f html` on the same files.

    python benchmarks/site.py              # 100 generated partnerships, 1 round
    python benchmarks/site.py --size 20 --rounds 3

Each round runs, on the files of `generate.py` (seed 7): the dashboard
(`review DIR -f html --force`), a first build of the site without PDFs into an empty
folder, a second build with nothing changed, and a rebuild after one file changed. CPU
(user + system, worker processes included) is the measure to read on a shared machine;
a ratio is taken within each round, then the median over rounds.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "files"
        folder.mkdir()
        write(args.size, folder, 7)
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
