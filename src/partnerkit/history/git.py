"""Earlier versions of a partnership file, read from git with git itself.

`version_at(path, rev)` reads the file as it was at any revision git understands
(`HEAD~2`, a tag, a commit); `last_signed(path)` finds the newest version that every
partner had signed with that version's own terms fingerprint; `changed_since(path,
model)` is the one answer to "what changed since the signature" (or since a revision),
read by `diff --since`, PK520, `amend` and the redline.

A version is read with the same safe YAML reader and models as `check` reads a file;
one that is not a valid partnership file is `InvalidVersion`, whose text the command
then checks to show where it is broken.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from partnerkit.format.model import Partnership
from partnerkit.format.thresholds import DEFAULT_MAX_BYTES
from partnerkit.history.changes import Change, changed_sections, compare
from partnerkit.history.fingerprint import fingerprint, signed_fingerprints
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited
from partnerkit.yamlio import YamlProblems, parse

MAX_VERSIONS = 500  # how far back `last_signed` looks


@dataclass(frozen=True)
class Version:
    """One version of a file: where it came from, its text and its model."""

    label: str  # "working tree", or a short commit id
    text: str
    model: Partnership


# A pull request can add a folder that is a bare repository, whose config git obeys when
# asked about a file inside it (`log.showSignature` with `gpg.program` runs a program):
# only the repository the work is checked out in is read, and nothing is verified or run.
_SAFE = (
    "-c", "safe.bareRepository=explicit", "-c", "log.showSignature=false",
    "-c", "core.fsmonitor=false", "--no-pager",
)  # fmt: skip


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *_SAFE, "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed; it is needed to read earlier versions") from None
    except subprocess.TimeoutExpired:
        raise UsageError("git took too long to answer") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if message and "not a git repository" in message[-1]:
            raise UsageError(
                f"{folder} is not in a git repository, so it has no earlier versions to "
                "compare with: run this inside the repository that keeps the file, or "
                "compare two files (partnerkit diff OLD NEW)"
            )
        raise UsageError(f"git: {message[-1] if message else 'failed'}")
    return done.stdout


class InvalidVersion(Exception):
    """A version that is not a valid partnership file: content, so exit 1. `raw` is its
    content and `shown` its name, for the command to check and show where it is broken."""

    def __init__(self, raw: bytes, shown: str) -> None:
        super().__init__(f"{shown} is not a valid partnership file")
        self.raw, self.shown = raw, shown


def _model(text: bytes, label: str, shown: str) -> Partnership:
    where = shown if label == "now" else f"{shown}@{label}"
    try:
        doc, problems = parse(text.decode("utf-8-sig"))
        version = doc.data.get("partnerkit") if isinstance(doc.data, dict) else None
        if problems or version != 1 or isinstance(version, bool):
            raise InvalidVersion(text, where)
        return Partnership.model_validate(doc.data)
    except (UnicodeDecodeError, YamlProblems, ValueError):  # ValidationError is a ValueError
        raise InvalidVersion(text, where) from None


def version_at(
    path: Path, rev: str, option: str = "--since", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Version:
    """The file as it was at revision `rev` (given with `option`, named in errors).

    Its size is asked of git first (`cat-file -s`): a version over `max_bytes`, the
    limit for files on disk, is refused unread, as one in a pull request could be
    hundreds of megabytes."""
    if rev.startswith("-"):  # never read by git as one of its options
        raise UsageError(f"{option} {rev!r}: not a revision")
    folder, name = path.resolve().parent, path.name
    label = _git(folder, "rev-parse", "--short", f"{rev}^{{commit}}").decode().strip()
    size = int(_git(folder, "cat-file", "-s", f"{label}:./{name}"))
    return _read(path, label, size, max_bytes)


def _read(path: Path, label: str, size: int, max_bytes: int) -> Version:
    """The version of `path` in commit `label`, whose size git gave, if within the limit."""
    if size > max_bytes:
        raise UsageError(
            f"{path} at {label} is {size / 1048576:.1f} MB, over the limit of "
            f"{max_bytes / 1048576:.1f} MB for one file; that version was not read"
        )
    raw = _git(path.resolve().parent, "cat-file", "blob", f"{label}:./{path.name}")
    return Version(label, raw.decode("utf-8-sig", "replace"), _model(raw, label, str(path)))


def _sizes(path: Path, labels: list[str]) -> dict[str, int]:
    """The size of the file in each commit that has it, asked of git at once."""
    name = path.name
    if any(ch in name for ch in "\r\n"):  # one spec per line: ask one at a time
        found = {}
        for label in labels:
            try:
                found[label] = int(
                    _git(path.resolve().parent, "cat-file", "-s", f"{label}:./{name}")
                )
            except (UsageError, ValueError):
                continue
        return found
    specs = "".join(f"{label}:./{name}\n" for label in labels).encode()
    out = _git(
        path.resolve().parent, "cat-file", "--batch-check=%(objecttype) %(objectsize)",
        stdin=specs,
    )  # fmt: skip
    found = {}
    for label, line in zip(labels, out.decode("utf-8", "replace").splitlines(), strict=False):
        kind, _, size = line.rpartition(" ")
        if kind == "blob" and size.isdigit():
            found[label] = int(size)
    return found


def current(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Version:
    try:
        raw = read_limited(path, max_bytes)
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    except (NotRegular, TooLarge):
        raise UsageError(f"{path}: not a regular file under the size limit") from None
    return Version(
        "working tree", raw.decode("utf-8-sig", "replace"), _model(raw, "now", str(path))
    )


def fully_signed(model: Partnership) -> bool:
    """Every partner signed, and every latest signature carries this version's fingerprint."""

    signed = signed_fingerprints(model)
    if set(signed) != set(model.partner_ids()):
        return False
    return set(signed.values()) == {fingerprint(model)}


def last_signed(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Version:
    """The newest version (the working tree first, then commits) that is fully signed.
    Versions over `max_bytes` are passed over unread (their sizes asked of git first)."""
    now = current(path, max_bytes)
    if fully_signed(now.model):
        return now
    folder, name = path.resolve().parent, path.name
    commits = _git(folder, "log", f"--max-count={MAX_VERSIONS}", "--format=%h", "--", name)
    labels = commits.decode().split()
    sizes = _sizes(path, labels)
    for label in labels:
        if label not in sizes or sizes[label] > max_bytes:
            continue  # removed in that commit, or too large to read
        try:
            version = _read(path, label, sizes[label], max_bytes)
        except (UsageError, InvalidVersion):
            continue  # a broken or missing version: look further back
        if fully_signed(version.model):
            return version
    raise UsageError(
        f"{path}: no version in its git history is signed by every partner with its terms "
        "fingerprint (`partnerkit sign` records it); compare with a revision instead"
    )


@dataclass(frozen=True)
class Since:
    """What changed in the agreed content since a version: the version and the changes."""

    version: Version
    changes: list[Change]

    @property
    def sections(self) -> list[str]:
        """The agreed sections that changed, in the file's order."""
        return changed_sections(self.changes)


def changed_since(
    path: Path,
    now: Partnership,
    since: str = "signed",
    *,
    option: str = "--since",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Since:
    """What changed in `now` (the file at `path` as it is) since the version every
    partner signed (`signed`), or since the git revision `since`: the one answer read by
    `diff`, PK520, `amend` and the redline."""
    if since == "signed":
        old = last_signed(path, max_bytes)
    else:
        old = version_at(path, since, option, max_bytes=max_bytes)
    return Since(old, compare(old.model, now))
