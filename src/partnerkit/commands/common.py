"""Helpers shared by commands: configuration with overrides, dates, file lists."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from partnerkit.check.config import Config, load_config
from partnerkit.check.files import scan
from partnerkit.check.pipeline import examine_one, failed
from partnerkit.check.result import CheckReport, FileResult
from partnerkit.support.errors import UsageError
from partnerkit.support.parallel import cores
from partnerkit.support.sanitize import printable, printable_path

if TYPE_CHECKING:
    from partnerkit.format.model import Partnership
    from partnerkit.judge.scoring import Assessment
    from partnerkit.yamlio import Document


def parse_today(value: str | None, option: str = "--today") -> dt.date:
    """A date option (`--today`, `--date`) written YYYY-MM-DD; `--today` defaults to today."""
    if value is None:
        return dt.date.today()
    import re

    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise UsageError(f"{option} {value}: use a date written as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} {value}: not a real date ({exc})") from None


def filled(option: str, values: Sequence[str], what: str) -> list[str]:
    """Free text given to an option, stripped; an empty one is refused (exit 2) before
    the file is read, as `check` would refuse the empty entry it would write."""
    out = []
    for value in values:
        if not value.strip():
            raise UsageError(f"{option} is empty: {what}")
        out.append(value.strip())
    return out


def check_choice(option: str, value: str, choices: tuple[str, ...] | list[str]) -> None:
    """A value that must be one of `choices`: exit 2 with the nearest one and the list."""
    if value in choices:
        return
    import difflib

    close = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UsageError(f"{option} {value}{hint}: use one of {', '.join(choices)}")


def configure(config_path: Path | None, *, no_config: bool = False) -> Config:
    """The configuration from `--config`, or found upward, or defaults."""
    if config_path is not None and not config_path.is_file():
        raise UsageError(f"--config {config_path}: no such file")
    return load_config(config_path, search=not no_config)


def partnership_files(
    paths: Sequence[str | Path] | None,
    config: Config,
    *,
    verbose: bool = False,
    quiet: bool = False,
) -> list[str]:
    """Files to work on: the paths given, else the configured paths, else the current folder.

    Each is written as the user gave it (see `partnerkit.check.files.Discovery`).
    """
    if paths:
        names = [str(p) for p in paths]
    elif config.paths:
        names = [_shown(config.root / p) for p in config.paths]
    else:
        names = ["."]
    found = scan(names, config.exclude, config.root)
    if verbose:
        for path, reason in found.skipped:
            sys.stderr.write(f"partnerkit: skipped {printable(path)}: {reason}\n")
    if not found.files and not found.named:
        where = ", ".join(names)
        raise UsageError(
            f"no YAML files found in {where}; create one with `partnerkit init` or name the "
            "files to check"
        )
    if not found.files and not quiet:  # all left out on purpose: nothing to do is success
        sys.stderr.write(
            f"partnerkit: nothing to check: {len(found.skipped)} YAML file(s) left out "
            "(excluded, ignored or not partnership files; -v lists them)\n"
        )
    return found.files


def tell(path: str | Path, message: str, *, out: IO[str] | None = None) -> None:
    """The one way a command writes a line about one file: `PATH: MESSAGE` on stderr (or
    `out`), both escaped, as a file's name and the values in a message come from a pull
    request: a name holding a line break and `::error …` must not start a line of its own.
    """
    (out or sys.stderr).write(f"{printable_path(str(path))}: {printable(message)}\n")


def _shown(path: Path) -> str:
    return os.path.relpath(path)


@dataclass(frozen=True, slots=True)
class Sound:
    """A file fit to score, render or edit: valid, with no finding at error level."""

    result: FileResult
    model: Partnership
    assessment: Assessment
    doc: Document  # the parsed data and its node tree, for editing commands
    text: str


def load_sound(
    path: str | Path, config: Config, today: dt.date, *, errors_ok: bool = False
) -> Sound | None:
    """The one way a command gets a single partnership to work on.

    Runs the same pass as `check` (load, validate, references, rules, score, then the
    configuration and the file's suppressions) and refuses a file that has findings at
    error level: they are printed as `check` prints them, with a note on stderr, and
    None is returned, so that the command exits 1. `score` and `render` call it, and so
    must every command that edits a partnership file (sign, amend, renew, record,
    measure, choose): a file with errors is never scored, rendered or rewritten.

    `errors_ok` lets a read-only view (`review FILE`) show a valid file whose
    references or rules have errors; an invalid file is refused all the same.

    A path that does not exist or is a folder is a `UsageError` (exit 2).
    """

    if not Path(path).exists():
        raise UsageError(f"{path}: no such file")
    if Path(path).is_dir():
        raise UsageError(f"{path} is a folder; name one partnership file")
    examined = examine_one(path, config, today)
    result = examined.result
    model, assessment, doc = examined.model, examined.assessment, examined.doc
    if model is None or assessment is None or doc is None or not (result.sound or errors_ok):
        from partnerkit.reporters.text import report

        report(CheckReport((result,)), sys.stdout, color=False)
        tell(result.path, "fix the errors above first (see `partnerkit check`)")
        return None
    return Sound(result, model, assessment, doc, examined.text)


def file_failed(result: FileResult, exc: Exception, doing: str) -> int:
    """A bug met while `doing` something with one file: that file's PK115 finding, shown as
    `check` shows findings, and exit 1; never a traceback or an "internal error" for the run.
    """
    from partnerkit.reporters.text import report

    report(CheckReport((failed(result, exc, doing),)), sys.stdout, color=False)
    return 1


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    return cores()


def keeps_old_output(
    results: Sequence[FileResult], output: Path | None, *, force: bool, what: str
) -> bool:
    """True (and says why) when `output` must not be written: a file could not be read as
    a partnership, so the new `what` would silently lack its items. The old output stays;
    `--force` writes what there is. Standard output is always written."""
    if force or output is None or str(output) == "-":
        return False
    broken = [r.path for r in results if not r.valid]
    if not broken:
        return False
    names = ", ".join(printable_path(p) for p in broken[:5]) + (" …" if len(broken) > 5 else "")
    kept = "the old one is kept" if Path(output).exists() else "nothing was written"
    sys.stderr.write(
        f"partnerkit: {printable_path(str(output))} was not written: {names} could not be read "
        f"as a partnership, so the {what} would leave out its items ({kept}). Fix it "
        "(`partnerkit check` lists its errors), or use --force to write it without them\n"
    )
    return True
