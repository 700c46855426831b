"""Read a partnership file from disk into a validated model, or located findings.

Nothing here raises for bad content: a file that cannot be read, decoded, parsed or
validated becomes findings, so one broken file never stops a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from partnerkit.check.finding import Finding, Severity
from partnerkit.check.validation import validate
from partnerkit.format.model import Partnership
from partnerkit.format.thresholds import DEFAULT_MAX_BYTES
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited
from partnerkit.yamlio import Document, Problem, YamlProblems, locate, parse


@dataclass(slots=True)
class Loaded:
    """One file after loading: the model when valid, and every finding so far."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    doc: Document | None = None
    model: Partnership | None = None


def display_path(path: str | Path) -> str:
    """The path as the user gave it: absolute stays absolute, relative stays relative.

    A string is kept as written (`./x` stays `./x`: see `partnerkit.check.files.scan`); a `Path`
    has already lost a leading `./`, and nothing else.
    """
    return str(path)


def _fail(result: Loaded, code: str, message: str, line: int = 1, column: int = 1) -> Loaded:
    result.findings.append(Finding(result.path, line, column, code, Severity.ERROR, message))
    return result


def load_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None
) -> Loaded:
    """Load and validate one partnership file (read from `stream` when given: `check -`)."""
    shown = display_path(path)
    result = Loaded(shown)

    try:
        if stream is None:
            raw = read_limited(Path(path), max_bytes)
        else:
            raw = stream.read(max_bytes + 1)
            if len(raw) > max_bytes:
                raise TooLarge(None)
    except TooLarge as exc:
        return _fail(
            result,
            "PK105",
            f"the file {exc.size_text} over the {max_bytes / 1048576:.1f} MB "
            "limit (`max_file_size` in the configuration)",
        )
    except NotRegular as exc:
        return _fail(result, "PK100", f"cannot read the file: {exc}")
    except OSError as exc:
        return _fail(result, "PK100", f"cannot read the file: {exc.strerror or exc}")
    return load_bytes(raw, shown, result)


def load_bytes(raw: bytes, shown: str, result: Loaded | None = None) -> Loaded:
    """Load and validate content already read (used by tests and stdin)."""
    result = result or Loaded(shown)

    if b"\x00" in raw[:8192]:
        return _fail(
            result, "PK106", "this is a binary file, not YAML text; exclude it from the check"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return _fail(
            result,
            "PK106",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            column,
        )
    result.text = text
    if not text.strip():
        return _fail(
            result, "PK107", "the file is empty; a partnership file starts with `partnerkit: 1`"
        )
    try:
        doc, problems = parse(text)
    except YamlProblems as exc:
        for p in exc.problems:
            _fail(result, p.code, p.message, p.line, p.column)
        return result
    for p in problems:
        _fail(result, p.code, p.message, p.line, p.column)
    result.doc = doc
    if "partnerkit" not in doc.data:
        return _fail(
            result,
            "PK102",
            "not a partnership file: it has no `partnerkit: 1` line. Add that line at the "
            "top, or leave the file out with `exclude` in the configuration",
        )
    version = doc.data["partnerkit"]
    if version != 1 or isinstance(version, bool):
        line, column, _ = locate(doc.root, ("partnerkit",))
        return _fail(
            result,
            "PK114",
            f"format version `{version}` is not one this partnerkit reads; use `partnerkit: 1`",
            line,
            column,
        )
    if any(p.code == "PK103" for p in problems):
        return result  # duplicate keys: the data is not what the author meant; stop here
    return _validated(result, doc, problems)


def _validated(result: Loaded, doc: Document, problems: list[Problem]) -> Loaded:
    """The model, or the findings of validation, with the reader's problems reported once."""
    model, findings = validate(doc, result.path)
    # An impossible date is reported once, by the YAML reader, with every other error.
    reported = {(p.line, p.column) for p in problems if p.code == "PK109"}
    result.findings.extend(
        f for f in findings if not (f.code == "PK109" and (f.line, f.column) in reported)
    )
    result.model = model if not reported else None  # text where a date was meant
    return result
