"""The one way a command edits a partnership file: load it and refuse it when it has
errors (as `check` finds them), plan the operations, apply and verify them, show a diff
(`--dry-run`) or write atomically, then check the file again.

Used by `sign`, `amend`, `renew`, `record`, `measure` and `choose`; the editing itself,
which keeps everything outside the edited node byte for byte, is `editing.edit`.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.check.config import Config
from partnerkit.check.pipeline import examine_one
from partnerkit.commands.common import load_sound
from partnerkit.editing import yamltext
from partnerkit.editing.edit import EditError, Op, apply, diff, write_in_place
from partnerkit.format.model import Partnership
from partnerkit.reporters.text import line


@dataclass
class EditTarget:
    """A file loaded for editing: its text, parsed data and model, and the bytes read."""

    path: str
    text: str
    data: dict[str, Any]
    model: Partnership
    raw: bytes


Plan = Callable[[EditTarget], Sequence[Op]]


def edit_file(
    path: Path,
    plan: Plan,
    *,
    dry_run: bool = False,
    config: Config | None = None,
    done: str = "",
) -> int:
    """Load, refuse on errors, plan, apply, verify, then show (`dry_run`) or write and
    check again. `done` is printed after a successful write."""
    config = config or Config()
    target = load_for_edit(path, config)
    if target is None:
        return 1
    try:
        ops = plan(target)
        new = apply(target.text, ops)
    except (EditError, yamltext.RenderError) as exc:
        sys.stderr.write(f"{target.path}: {exc}\n")
        return 1
    if dry_run:
        sys.stdout.write(diff(target.text, new, target.path) or f"{target.path}: no change\n")
        return 0
    if new == target.text:
        sys.stdout.write(f"{target.path}: nothing to change\n")
        return 0
    bom = b"\xef\xbb\xbf" if target.raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        write_in_place(path, bom + new.encode("utf-8"), expect=target.raw)
    except EditError as exc:
        sys.stderr.write(f"{target.path}: {exc}\n")
        return 1
    if done:
        sys.stdout.write(done + "\n")
    return recheck(path, config)


def load_for_edit(path: Path, config: Config) -> EditTarget | None:
    """Load a file for an edit; print its errors and return None when it has any.

    Errors are the full check's (schema, references, rules set to error), so an edit
    never starts from a file that `partnerkit check` would fail."""
    sound = load_sound(path, config, dt.date.today())
    if sound is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        sys.stderr.write(f"{sound.result.path}: cannot read the file: {exc.strerror or exc}\n")
        return None
    return EditTarget(sound.result.path, sound.text, sound.doc.data, sound.model, raw)


def recheck(path: Path, config: Config) -> int:
    """Check the written file again and print what the check finds (1 on errors)."""
    report = examine_one(path, config, dt.date.today()).result
    for finding in report.findings:
        if finding.severity.value == "error":
            sys.stdout.write(line(finding) + "\n")
    return 1 if report.errors else 0
