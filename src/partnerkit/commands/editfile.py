"""The one way a command edits a partnership file: load it and refuse it when it has
errors (as `check` finds them), plan the operations, apply and verify them, show a diff
(`--dry-run`) or write atomically. The edited text is checked as `check` checks a file
before anything is shown or written, so an edit never leaves a file that `check` fails.

Used by `sign`, `amend`, `renew`, `record`, `measure` and `choose`; the editing itself,
which keeps everything outside the edited node byte for byte, is `editing.edit`.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.check.config import Config
from partnerkit.check.pipeline import examine_stream
from partnerkit.commands.common import load_sound, tell
from partnerkit.editing import yamltext
from partnerkit.editing.edit import EditError, Op, apply, diff
from partnerkit.editing.writing import edit_lock, refuse_read_only, write_in_place
from partnerkit.format.model import Partnership
from partnerkit.reporters.text import line
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited
from partnerkit.support.sanitize import printable_line


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
    """Load, refuse on errors, plan, apply, verify, check the edited text, then show
    (`dry_run`) or write. `done` is printed after a successful write.

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
        tell(path, str(exc))
        return 1
    return 0 if code is None else code


def _edit(path: Path, plan: Plan, config: Config, *, dry_run: bool, done: str) -> int | None:
    """The edit itself; None when the file was written."""
    target = load_for_edit(path, config)
    if target is None:
        return 1
    try:
        ops = plan(target)
        new = apply(target.text, ops)
    except (EditError, yamltext.RenderError) as exc:
        tell(target.path, str(exc))
        return 1
    bom = b"\xef\xbb\xbf" if target.raw.startswith(b"\xef\xbb\xbf") else b""
    data = bom + new.encode("utf-8")
    if new != target.text and _would_fail(target, data, config):
        return 1
    if dry_run:
        changes = diff(target.text, new, target.path)
        sys.stdout.write(changes) if changes else tell(target.path, "no change", out=sys.stdout)
        return 0
    if new == target.text:
        tell(target.path, "nothing to change", out=sys.stdout)
        return 0
    try:
        notes = write_in_place(path, data, expect=target.raw)
    except EditError as exc:
        tell(target.path, str(exc))
        return 1
    for note in notes:
        tell(target.path, f"note: {note}")
    if done:
        sys.stdout.write(printable_line(done) + "\n")
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
        tell(sound.result.path, f"cannot read the file: {why or exc}")
        return None
    if raw.decode("utf-8-sig", errors="replace") != sound.text:
        tell(sound.result.path, "the file changed while partnerkit was reading it; run again")
        return None
    return EditTarget(sound.result.path, sound.text, sound.doc.data, sound.model, raw)


def _would_fail(target: EditTarget, data: bytes, config: Config) -> bool:
    """Check the edited text as `check` would check the file, before anything is written:
    an edit that would leave errors (an empty `--win`, say) is refused, with them."""
    report = examine_stream(io.BytesIO(data), target.path, config, dt.date.today())
    errors = [f for f in report.findings if f.severity.value == "error"]
    if not errors:
        return False
    tell(target.path, "the edit would leave the file with errors, so it was left as it is:")
    for finding in errors:
        sys.stderr.write("  " + line(finding) + " (in the edited text)\n")
    return True
