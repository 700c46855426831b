"""Find the partnership files to work on: explicit files, folders walked for YAML."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from partnerkit.errors import UsageError

YAML_SUFFIXES = (".yaml", ".yml")


def discover(paths: list[str], exclude: list[str], root: Path | None = None) -> list[Path]:
    """Files named, plus `*.yaml`/`*.yml` below folders named, sorted, without duplicates.

    Hidden files and folders are skipped when walking; `exclude` holds glob patterns
    matched against the path relative to `root` and against the file name. A path
    that does not exist is a `UsageError`.
    """
    root = root or Path.cwd()
    found: dict[Path, None] = {}
    for name in paths or ["."]:
        path = Path(name)
        if not path.exists():
            raise UsageError(f"{name}: no such file or folder")
        if path.is_dir():
            for file in _walk(path):
                if not _excluded(file, exclude, root):
                    found.setdefault(file, None)
        elif not _excluded(path, exclude, root):
            found.setdefault(path, None)
    return sorted(found, key=lambda p: str(p))


def _walk(folder: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            if filename.endswith(YAML_SUFFIXES) and not filename.startswith("."):
                out.append(Path(dirpath) / filename)
    return out


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
