"""Human output: `path:line:col: severity CODE message`, grouped by file, then a summary."""

from __future__ import annotations

from typing import IO

from partnerkit.check.finding import Finding, Severity
from partnerkit.check.result import CheckReport, FileResult
from partnerkit.support.sanitize import WrappedLines, printable, printable_path
from partnerkit.support.words import plural

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def line(f: Finding) -> str:
    """One finding as one line: nothing in the path or message can break or forge a line."""
    return f"{_where(f)} {f.severity.value} {f.code} {printable(f.message)}"


def _where(f: Finding) -> str:
    return f"{printable_path(f.path)}:{f.line}:{f.column}:"


def summary(report: CheckReport) -> str:
    parts = [plural(report.errors, "error"), plural(report.warnings, "warning")]
    text = f"Checked {plural(len(report.files), 'file')}: {', '.join(parts)}."
    below = report.below_min_score()
    if below:
        text += f" {len(below)} below the minimum readiness of {report.min_score:g}."
    return text


def report(report: CheckReport, out: IO[str], *, color: bool, quiet: bool = False) -> None:
    """Every finding, grouped by file, then the summary; `quiet`: only what fails the check."""
    shown = _failing_only(report) if quiet else report
    if not color:
        for file in shown.files:
            for f in file.findings:
                out.write(line(f) + "\n")
        for file in report.below_min_score():
            out.write(_below(file, report) + "\n")
        out.write(summary(report) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=WrappedLines(out),
        highlight=False,
        soft_wrap=True,
        force_terminal=True,
        no_color=False,
        markup=False,
        emoji=False,
    )
    for file in shown.files:
        if not file.findings:
            continue
        lines = [Text(printable_path(file.path), style="bold underline")]
        lines += (
            Text.assemble(
                (_where(f), "dim"),
                " ",
                (f"{f.severity.value:<7}", _STYLE[f.severity]),
                " ",
                (f.code, "bold"),
                " ",
                printable(f.message),
            )
            for f in file.findings
        )
        # One print a file: Rich's cost is mostly per call (a check of 1,000 files at a
        # terminal took twice as long as to a pipe when each finding was printed alone).
        console.print(Text("\n").join(lines))
        console.print()
    for file in report.below_min_score():
        console.print(Text(_below(file, report), style="red"))
    style = "bold red" if report.failed() else ("yellow" if report.warnings else "bold green")
    mark = "✗" if report.failed() else "✓"
    console.print(Text(f"{mark} {summary(report)}", style=style))


def _failing_only(report: CheckReport) -> CheckReport:
    """The report with only the findings that fail it (errors; warnings too when strict)."""
    from dataclasses import replace

    failing = {Severity.ERROR, Severity.WARNING} if report.strict else {Severity.ERROR}
    files = tuple(
        replace(file, findings=tuple(f for f in file.findings if f.severity in failing))
        for file in report.files
    )
    return replace(report, files=files)


def _below(file: FileResult, report: CheckReport) -> str:
    return (
        f"{printable_path(file.path)}: readiness {file.readiness or 0:.0f} is below the "
        f"minimum of {report.min_score:g} (--min-score)"
    )
