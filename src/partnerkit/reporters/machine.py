"""Machine formats for `check`: JSON, GitHub annotations, SARIF 2.1.0, JUnit XML.

All are written as plain text (never through Rich). Paths are shown as the user gave
them, positions 1-based; SARIF's URIs are relative to the repository (`%SRCROOT%`), as
code scanning reads them, or absolute `file:` URIs for files outside it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections import Counter
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from partnerkit import __version__
from partnerkit.check.finding import Severity
from partnerkit.check.result import CheckReport
from partnerkit.check.rules import all_rules
from partnerkit.reporters.text import line as text_line
from partnerkit.reporters.text import report as text_report
from partnerkit.support.sanitize import json_text, printable

INFO_URI = "https://github.com/partnerkit/partnerkit"
# Not a rule of the file's content: the readiness threshold a team sets for CI.
MIN_SCORE_RULE: dict[str, Any] = {
    "id": "min-score",
    "name": "readiness-below-minimum",
    "shortDescription": {"text": "Readiness is below the minimum score the team set"},
    "help": {"text": "Raise readiness (see `partnerkit score FILE`) or lower `min_score`."},
    "helpUri": f"{INFO_URI}#readiness-and-health",
    "defaultConfiguration": {"level": "error"},
}


def to_dict(report: CheckReport) -> dict[str, Any]:
    """The documented JSON structure (see README, "JSON output")."""
    return {
        "format": "partnerkit-check",
        "version": 1,
        "tool": {"name": "partnerkit", "version": __version__},
        "summary": {
            "files": len(report.files),
            "errors": report.errors,
            "warnings": report.warnings,
            "failed": report.failed(),
            "strict": report.strict,
            "min_score": report.min_score,
            "below_min_score": [f.path for f in report.below_min_score()],
        },
        "files": [
            {
                "path": f.path,
                "id": f.id,
                "title": f.title,
                "valid": f.valid,
                "failed": report.file_fails(f),
                "below_min_score": f in report.below_min_score(),
                "errors": f.errors,
                "warnings": f.warnings,
                "score": f.score.as_dict() if f.score else None,
                "findings": [
                    {
                        "code": x.code,
                        "severity": x.severity.value,
                        "line": x.line,
                        "column": x.column,
                        "field": x.field,
                        "message": x.message,
                    }
                    for x in f.findings
                ],
            }
            for f in report.files
        ],
    }


def write_json(report: CheckReport, out: IO[str], *, color: bool = False) -> None:
    out.write(json_text(to_dict(report)))


def _gh_data(value: str) -> str:
    return printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write_github(report: CheckReport, out: IO[str], *, color: bool = False) -> None:
    """Workflow commands, then the full text report (GitHub shows only ten of each level)."""
    for f in report.findings:
        props = (
            f"file={_gh_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.line},title={_gh_prop(f.code)}"
        )
        out.write(f"::{_GH_LEVEL[f.severity]} {props}::{_gh_data(f.code + ' ' + f.message)}\n")
    for file in report.below_min_score():
        out.write(
            f"::error file={_gh_prop(file.path)},line=1,title=min-score::"
            f"{_gh_data(f'readiness {file.readiness or 0:.0f} is below {report.min_score:g}')}\n"
        )
    text_report(report, out, color=False)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def repository_root() -> Path:
    """The top of the git repository around the current folder, else the current folder."""
    return _top(Path.cwd())


@functools.lru_cache(maxsize=8)
def _top(here: Path) -> Path:
    return next((p for p in (here, *here.parents) if (p / ".git").exists()), here)


def locate(shown: str, root: Path | None = None) -> dict[str, str]:
    """A SARIF artifactLocation: relative to `%SRCROOT%` (the repository) when inside it."""
    root = root or repository_root()
    full = Path(os.path.abspath(shown))
    try:
        relative = full.relative_to(root)
    except ValueError:
        return {"uri": full.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def _location(path: str, line: int, column: int) -> list[dict[str, Any]]:
    region = {"startLine": line, "startColumn": column}
    return [{"physicalLocation": {"artifactLocation": locate(path), "region": region}}]


def _results(report: CheckReport, index: dict[str, int]) -> list[dict[str, Any]]:
    """One SARIF result per finding, then one per file below the minimum score."""
    results = []
    seen: Counter[str] = Counter()
    for f in report.findings:
        # the same alert wherever the check runs from: the path from the repository's top
        key = f"{locate(f.path)['uri']}\0{f.field}\0{f.code}"
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": _location(f.path, f.line, f.column),
            "partialFingerprints": {"partnerkitFieldHash/v1": fingerprint},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    for file in report.below_min_score():  # the threshold fails a file: say so, not only by exit
        text = (
            f"readiness {file.readiness or 0:.0f} is below the minimum of "
            f"{report.min_score:g} (--min-score or min_score)"
        )
        results.append(
            {
                "ruleId": MIN_SCORE_RULE["id"],
                "ruleIndex": len(index),
                "level": "error",
                "message": {"text": text},
                "locations": _location(file.path, 1, 1),
            }
        )
    return results


def sarif_dict(report: CheckReport) -> dict[str, Any]:
    rules = all_rules()
    results = _results(report, {code: i for i, code in enumerate(rules)})
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "partnerkit",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.doc.split("\n\n")[0]},
                                "help": {"text": r.doc, "markdown": r.doc},
                                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                                "properties": {"tags": [r.area]},
                                "helpUri": f"{INFO_URI}#finding-codes",
                            }
                            for r in rules.values()
                        ]
                        + [MIN_SCORE_RULE],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "results": results,
            }
        ],
    }


def write_sarif(report: CheckReport, out: IO[str], *, color: bool = False) -> None:
    out.write(json_text(sarif_dict(report)))


def write_junit(report: CheckReport, out: IO[str], *, color: bool = False) -> None:
    """One test case per file: failed when the file fails the check, findings in the body."""
    # Here, not at the top: `xml.sax.saxutils` imports `urllib.request` (with `tempfile`,
    # `shutil`, `email`), which would cost every other format's run about 30 ms.
    from xml.sax.saxutils import escape, quoteattr

    failures = sum(report.file_fails(f) for f in report.files)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<testsuites name="partnerkit" tests="{len(report.files)}" failures="{failures}">\n'
        f'  <testsuite name="partnerkit check" tests="{len(report.files)}" '
        f'failures="{failures}" errors="0">\n'
    )
    for f in report.files:
        out.write(
            f"    <testcase classname={quoteattr(printable(f.path))} "
            f"name={quoteattr(printable(f.title or f.path))}>\n"
        )
        body = "\n".join(text_line(x) for x in f.findings)
        if report.file_fails(f):
            message = f"{f.errors} error(s), {f.warnings} warning(s)"
            if f in report.below_min_score():
                message += f"; readiness {f.readiness or 0:.0f} below {report.min_score:g}"
            out.write(
                f'      <failure message={quoteattr(message)} type="partnerkit">'
                f"{escape(body)}</failure>\n"
            )
        elif body:
            out.write(f"      <system-out>{escape(body)}</system-out>\n")
        out.write("    </testcase>\n")
    out.write("  </testsuite>\n</testsuites>\n")
