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
from partnerkit.editing.edit import EditError, Op, apply, diff
from partnerkit.editing.writing import edit_lock, refuse_read_only, write_in_place
from partnerkit.format.model import Partnership
from partnerkit.reporters.text import line
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited
from partnerkit.support.sanitize import printable


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
    check again. `done` is printed after a successful write.

    A write holds the file's advisory lock from the read the edit is made from until
    the new text is in place, and is refused when the file's bytes changed since that
    read: two edits at once take turns, and neither is lost."""
    config = config or Config()
    if dry_run:
        return _edit(path, plan, config, dry_run=True, done=done)
    try:
        refuse_read_only(path)
        with edit_lock(path):
            code = _edit(path, plan, config, dry_run=False, done=done)
    except EditError as exc:
        sys.stderr.write(f"{printable(str(path))}: {exc}\n")
        return 1
    return recheck(path, config) if code is None else code


def _edit(path: Path, plan: Plan, config: Config, *, dry_run: bool, done: str) -> int | None:
    """The edit itself; None when the file was written (and is to be checked again)."""
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
        notes = write_in_place(path, bom + new.encode("utf-8"), expect=target.raw)
    except EditError as exc:
        sys.stderr.write(f"{target.path}: {exc}\n")
        return 1
    for note in notes:
        sys.stderr.write(f"{target.path}: note: {note}\n")
    if done:
        sys.stdout.write(done + "\n")
    return None


def load_for_edit(path: Path, config: Config) -> EditTarget | None:
    """Load a file for an edit; print its errors and return None when it has any.

    Errors are the full check's (schema, references, rules set to error), so an edit
    never starts from a file that `partnerkit check` would fail. `raw` is the bytes
    of the very text that was checked: a file that changed between the two reads is
    refused, so the edit is never compared against bytes it was not made from."""
    sound = load_sound(path, config, dt.date.today())
    if sound is None:
        return None
    try:
        raw = read_limited(path, config.max_file_size)
    except (OSError, NotRegular, TooLarge) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "it changed while it was read"
        sys.stderr.write(f"{sound.result.path}: cannot read the file: {why or exc}\n")
        return None
    if raw.decode("utf-8-sig", errors="replace") != sound.text:
        sys.stderr.write(
            f"{sound.result.path}: the file changed while partnerkit was reading it; run again\n"
        )
        return None
    return EditTarget(sound.result.path, sound.text, sound.doc.data, sound.model, raw)


def recheck(path: Path, config: Config) -> int:
    """Check the written file again and print what the check finds (1 on errors)."""
    report = examine_one(path, config, dt.date.today()).result
    for finding in report.findings:
        if finding.severity.value == "error":
            sys.stdout.write(line(finding) + "\n")
    return 1 if report.errors else 0
