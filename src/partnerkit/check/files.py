"""Find the partnership files to work on: explicit files, folders walked for YAML."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited

MAX_IGNORE_BYTES = 1_048_576
"""A `.gitignore` larger than this (or not a regular file) is not read."""

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from partnerkit.check.config import Config

YAML_SUFFIXES = (".yaml", ".yml")
# A partnership file says so at its top level (`partnerkit: 1`); other YAML in a
# folder (CI workflows, docker-compose.yml, tool settings) is not checked when walking.
_MARKER = re.compile(rb"^[\"']?partnerkit[\"']?[ \t]*:", re.MULTILINE)
_MARKER_WINDOW = 64 * 1024


@dataclass
class Discovery:
    """The files to work on, and what was left out on the way, with the reason.

    Paths are strings in the form the user gave them: a folder named `./partnerships`
    yields `./partnerships/a.yaml`, an absolute one absolute paths (`.` yields `a.yaml`).
    """

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    named: int = 0  # explicit files and folders' YAML files before any was left out


def discover(paths: list[str], exclude: list[str], root: Path | None = None) -> list[str]:
    """The files of `scan`, sorted, without duplicates."""
    return scan(paths, exclude, root).files


def scan(paths: list[str], exclude: list[str], root: Path | None = None) -> Discovery:
    """Files named, plus partnership files below folders named, sorted, without duplicates.

    Walking a folder skips hidden files and folders, what the repository's `.gitignore`
    files ignore, and YAML files without a top-level `partnerkit:` key. `exclude` holds
    glob patterns matched against the path relative to `root` and against the file
    name; it applies to files named explicitly too (as ruff's `--force-exclude`), so a
    pre-commit hook handed only excluded files has nothing to do. A path that does
    not exist is a `UsageError`. Each file is kept in the first form it was named in.
    """
    root = root or Path.cwd()
    found: dict[str, str] = {}  # the file itself (absolute, normalised) -> as shown
    result = Discovery()
    for name in paths or ["."]:
        path = Path(name)
        if not path.exists():
            raise UsageError(f"{name}: no such file or folder")
        if path.is_dir():
            for file, reason in _walk(name):
                result.named += 1
                if reason is None and _excluded(Path(file), exclude, root):
                    reason = "excluded by the configuration or --exclude"
                if reason is None and not _is_partnership(Path(file)):
                    reason = "no `partnerkit:` key: not a partnership file"
                if reason is None:
                    found.setdefault(_identity(file), file)
                else:
                    result.skipped.append((file, reason))
        else:
            result.named += 1
            if _excluded(path, exclude, root):
                result.skipped.append((name, "excluded by the configuration or --exclude"))
            else:
                found.setdefault(_identity(name), name)
    result.files = sorted(found.values())
    return result


_ID = re.compile(rb"^id:[ \t]*([\"']?)([a-z0-9][a-z0-9-]*)\1[ \t]*(?:#.*)?$", re.MULTILINE)


def partnership_id(path: str | Path, limit: int) -> tuple[str, int] | None:
    """A file's top-level `id` and its line, read without parsing the YAML (an id written
    any other way, or a file that cannot be read, gives None).

    For the ids of files a command does not check (`check --portfolio`): the file's own
    check reads it properly.
    """
    try:
        data = read_limited(Path(path), limit)
    except (OSError, NotRegular, TooLarge):
        return None
    found = _ID.search(data.removeprefix(b"\xef\xbb\xbf"))
    if found is None:
        return None
    return found.group(2).decode("ascii"), data.count(b"\n", 0, found.start()) + 1


def file_identity(name: str) -> str:
    """The file itself, however it was named (absolute, normalised)."""
    return _identity(name)


def _identity(name: str) -> str:
    return os.path.normcase(os.path.abspath(name))


def _is_partnership(path: Path) -> bool:
    """Whether the file has a top-level `partnerkit:` key (unreadable files count: say why)."""

    try:  # never blocks on a FIFO nor reads a device: those are kept, and the check says why
        head = read_limited(path, _MARKER_WINDOW, head=True)
    except (OSError, NotRegular):
        return True
    return _MARKER.search(head.removeprefix(b"\xef\xbb\xbf")) is not None


def _walk(folder: str) -> list[tuple[str, str | None]]:
    """YAML files below `folder`, each with the reason it is left out (None: kept).

    Paths start with `folder` as written (`./x` stays `./x`), except `.` itself.
    """
    out: list[tuple[str, str | None]] = []
    ignores = _GitIgnores(Path(folder))
    here_only = Path(folder) == Path(".")
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        ignores.enter(here)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not ignores.ignored(here / d, True)
        )
        shown = os.path.relpath(dirpath, folder) if here_only else dirpath
        for filename in sorted(filenames):
            if filename.endswith(YAML_SUFFIXES) and not filename.startswith("."):
                file = filename if shown == "." else os.path.join(shown, filename)
                ignored = ignores.ignored(here / filename)
                out.append((file, "ignored by .gitignore" if ignored else None))
    return out


class _GitIgnores:
    """The `.gitignore` files that apply below a folder, as git reads them.

    Patterns of each file are relative to its folder; a deeper file's verdict wins, and
    within one file the last matching pattern does (`!` re-includes).
    """

    def __init__(self, folder: Path) -> None:
        self.specs: list[tuple[Path, GitIgnoreSpec]] = []
        start = folder.resolve()
        top = next((p for p in (start, *start.parents) if (p / ".git").exists()), None)
        self.in_repository = top is not None
        if top is None:  # as git: .gitignore files mean nothing outside a repository
            return
        self._add(top, top / ".git" / "info" / "exclude")
        for ancestor in reversed(start.relative_to(top).parents):
            self._add(top / ancestor, top / ancestor / ".gitignore")
        if self.ignored(start, is_dir=True):
            # A folder named explicitly is what the user asked for, even where the
            # repository ignores it: only the .gitignore files inside it apply.
            self.specs.clear()
        # `folder` itself is read by `enter` when the walk starts there.

    def _add(self, base: Path, file: Path) -> None:
        try:  # a pull request can make `.gitignore` a link to /dev/zero or a huge file
            raw = read_limited(file, MAX_IGNORE_BYTES)
        except (OSError, NotRegular, TooLarge):
            return
        lines = raw.decode("utf-8", "replace").splitlines()
        from pathspec import GitIgnoreSpec

        self.specs.append((base, GitIgnoreSpec.from_lines(lines)))

    def enter(self, folder: Path) -> None:
        if self.in_repository and (folder / ".gitignore").is_file():
            self._add(folder.resolve(), folder / ".gitignore")

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        verdict = False
        if not self.specs:  # outside a repository, or no .gitignore on the way
            return verdict
        full = path.resolve()
        for base, spec in self.specs:
            try:
                rel = full.relative_to(base).as_posix()
            except ValueError:
                continue
            include = spec.check_file(rel + "/" if is_dir else rel).include
            if include is not None:
                verdict = include
        return verdict


def excluded_name(name: str, config: Config) -> bool:
    """Whether a file of this name would be left out by `exclude` (for `check -`)."""
    return _excluded(Path(name), config.exclude, config.root)


def _excluded(path: Path, patterns: list[str], root: Path) -> bool:
    if not patterns:
        return False
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    candidates = (rel, path.as_posix(), path.name)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        for candidate in candidates:
            if fnmatch.fnmatch(candidate, pattern) or fnmatch.fnmatch(candidate, pattern + "/*"):
                return True
            if candidate.startswith(pattern + "/"):
                return True
    return False
