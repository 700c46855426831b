"""Files at the size limit built to be slow, each checked under a time budget.

    python benchmarks/slow_files.py                # every shape, 5 MB, budget 20 s CPU each
    python benchmarks/slow_files.py --mb 1 --budget 5

A pull request can put any file in front of `partnerkit check` in CI, so every finding
must cost time linear in the file: this builds the shapes that once were not (many
unknown keys, many duplicate keys, long lists of everything a rule walks) and fails
when one takes longer than the budget. Exit 0 when every shape is within it.

The budget is on the check's CPU time (user + system): on a shared machine the wall
time measures the neighbours as much as partnerkit, so it is shown beside it but not
judged. A run that exceeds ten budgets of wall time is stopped and fails.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEAD = "partnerkit: 1\nid: slow\ntitle: Slow\nkind: vendor\nstatus: active\n"
PARTNERS = "partners:\n  - {id: a, name: A, role: lead}\n  - {id: b, name: B, role: provider}\n"


def _fill(size: int, head: str, item: Callable[[int], str], tail: str = "") -> str:
    parts, total, i = [head], len(head) + len(tail), 0
    while total < size:
        line = item(i)
        parts.append(line)
        total += len(line)
        i += 1
    parts.append(tail)
    return "".join(parts)


def shapes(size: int) -> dict[str, str]:
    """Each slow shape, just under `size` bytes."""
    limit = size - 200
    return {
        "unknown top-level keys": _fill(limit, HEAD + PARTNERS, lambda i: f"k{i}: 1\n"),
        "duplicate keys": _fill(limit, HEAD + PARTNERS, lambda i: "id: again\n"),
        "unknown keys in a partner": _fill(
            limit,
            HEAD + "partners:\n  - id: a\n    name: A\n    role: lead\n",
            lambda i: f"    k{i}: 1\n",
            "  - {id: b, name: B, role: provider}\n",
        ),
        "many partners": _fill(
            limit,
            HEAD + "partners:\n",
            lambda i: (
                f"  - {{id: p{i}, name: P{i}, role: member, strengths: [s], benefits: [b]}}\n"
            ),
        ),
        "many deliverables with bad owners": _fill(
            limit,
            HEAD + PARTNERS + "expectations:\n",
            lambda i: f"  - {{deliverable: D{i}, owner: x{i}, due: 2020-01-01, status: planned}}\n",
        ),
        "many duplicate deliverables": _fill(
            limit,
            HEAD + PARTNERS + "expectations:\n",
            lambda i: "  - {deliverable: Same, owner: a, due: 2020-01-01, status: late}\n",
        ),
        "many costs and criteria": _fill(
            limit,
            HEAD + PARTNERS + "costs:\n",
            lambda i: f"  - {{item: C{i}, type: real, amount: {i}, currency: USD, borne_by: z}}\n",
        ),
        "many reviews": _fill(
            limit,
            HEAD + PARTNERS + "reviews:\n  cadence: monthly\n  history:\n",
            lambda i: (
                f"    - {{date: 2026-01-{1 + i % 28:02d}, kind: periodic, attendees: [x], "
                "ratings: {commitment: 1, communication: 5}, partner_ratings: "
                "{a: {clarity: 1}, b: {clarity: 5}, z: {clarity: 3}}}\n"
            ),
        ),
        "many long strings": _fill(
            limit, HEAD + PARTNERS + "value:\n  goals:\n", lambda i: f"    - {'word ' * 200}\n"
        ),
        "many partners and bad references": _fill(
            limit,
            HEAD + "partners:\n",
            lambda i: f"  - {{id: p{i}, name: P{i}, role: member}}\n",
            "expectations:\n" + "".join(
                f"  - {{deliverable: D{i}, owner: x{i}, due: 2020-01-01}}\n"
                for i in range(limit // 2 // 48)
            ),
        ),
        "many suppressions": _fill(
            limit, HEAD + PARTNERS, lambda i: f"# partnerkit: ignore[PK{i % 999:03d}]\n"
        ),
        "aliases": _fill(
            limit,
            HEAD + PARTNERS + "value:\n  goals: &g [a, b, c]\n  needs:\n",
            lambda i: "    - *g\n",
        ),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="file size (default: the limit)")
    parser.add_argument(
        "--budget", type=float, default=20.0, help="CPU seconds allowed per file (default: 20)"
    )
    parser.add_argument("--only", help="run only shapes whose name contains this")
    args = parser.parse_args(argv)
    size = int(args.mb * 1024 * 1024)
    exe = Path(sys.executable).parent / "partnerkit"
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in shapes(size).items():
            if args.only and args.only not in name:
                continue
            path = Path(tmp) / "slow.yaml"
            path.write_text(text, "utf-8")
            start, before = time.perf_counter(), _children_cpu()
            try:
                done = subprocess.run(
                    [str(exe), "check", "--no-config", "-f", "json", "--jobs", "1", str(path)],
                    capture_output=True, timeout=args.budget * 10, check=False,
                )  # fmt: skip
                wall, cpu = time.perf_counter() - start, _children_cpu() - before
                status = f"exit {done.returncode}"
                ok = cpu <= args.budget and done.returncode in (0, 1)
            except subprocess.TimeoutExpired:
                wall = cpu = args.budget * 10
                status, ok = "timed out", False
            failed += not ok
            mark = "ok  " if ok else "SLOW"
            print(
                f"{mark} {cpu:6.2f} s CPU {wall:6.2f} s wall  {len(text) / 1048576:4.1f} MB  "
                f"{status:9}  {name}",
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
