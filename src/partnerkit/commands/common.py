"""Helpers shared by commands: configuration with overrides, dates, file lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from partnerkit.config import Config, load_config
from partnerkit.errors import UsageError
from partnerkit.files import discover
from partnerkit.loader import Loaded


def parse_today(value: str | None) -> dt.date:
    """`--today YYYY-MM-DD`, or the real date."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r}: use a date written as YYYY-MM-DD") from None


def configure(config_path: Path | None, *, no_config: bool = False) -> Config:
    """The configuration from `--config`, or found upward, or defaults."""
    if config_path is not None and not config_path.is_file():
        raise UsageError(f"--config {config_path}: no such file")
    return load_config(config_path, search=not no_config)


def partnership_files(paths: list[Path] | None, config: Config) -> list[Path]:
    """Files to work on: the paths given, else the configured paths, else the current folder."""
    if paths:
        names = [str(p) for p in paths]
    elif config.paths:
        names = [_shown(config.root / p) for p in config.paths]
    else:
        names = ["."]
    files = discover(names, config.exclude, config.root)
    if not files:
        where = ", ".join(names)
        raise UsageError(
            f"no YAML files found in {where}; create one with `partnerkit init` or name the "
            "files to check"
        )
    return files


def _shown(path: Path) -> str:
    import os

    return os.path.relpath(path)


def load_valid(path: Path, config: Config) -> Loaded | None:
    """Load one file for a command that needs a valid model; print findings when it is not."""
    import sys

    from partnerkit.loader import load_file
    from partnerkit.reporters.text import line

    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name one partnership file")
    loaded = load_file(path, max_bytes=config.max_file_size)
    if loaded.model is None:
        for finding in loaded.findings:
            sys.stdout.write(line(finding) + "\n")
        sys.stderr.write(f"{loaded.path}: fix the errors above first (see `partnerkit check`)\n")
        return None
    return loaded


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
