"""Configuration: `partnerkit.toml` or `[tool.partnerkit]` in `pyproject.toml`, found upward.

Command-line options override what is read here. A broken configuration is a
`UsageError` (exit 2) that names the file, the line and the key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerkit.check.codes import always_counts, parse_codes
from partnerkit.check.finding import Severity
from partnerkit.format.thresholds import DEFAULT_MAX_BYTES, Bands
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import NotRegular, TooLarge, read_limited

SEVERITY_NAMES = ("error", "warning", "info", "off")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


@dataclass
class Config:
    """Settings for a run; defaults match a fresh repository."""

    root: Path = field(default_factory=Path.cwd)
    paths: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    min_score: float | None = None
    strict: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    bands: Bands = field(default_factory=Bands)
    max_file_size: int = DEFAULT_MAX_BYTES
    templates: Path | None = None
    jobs: int | None = None
    _enabled: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def enabled(self, code: str) -> bool:
        """Whether a finding code is selected and not ignored (prefixes match: `PK3`).

        File, schema and reference errors always count, whatever is selected. Asked for
        every rule of every file, so each code's answer is kept: `select`, `ignore` and
        `severity` are settled (by the file and the command line) before the first question.
        """
        known = self._enabled.get(code)
        if known is None:
            known = self._enabled[code] = self._enabled_now(code)
        return known

    def _enabled_now(self, code: str) -> bool:
        if always_counts(code):
            return True
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(i) for i in self.ignore):
            return False
        return self._level(code) != "off"

    def severity_for(self, code: str, default: Severity) -> Severity:
        level = None if always_counts(code) else self._level(code)
        return Severity(level) if level and level != "off" else default

    def _level(self, code: str) -> str | None:
        """The configured level of the longest code or prefix that matches."""
        matches = [prefix for prefix in self.severity if code.startswith(prefix)]
        return self.severity[max(matches, key=len)] if matches else None


MAX_CONFIG_BYTES = 1024 * 1024

_KEYS = {
    "paths", "exclude", "min_score", "strict", "select", "ignore", "severity",
    "bands", "max_file_size", "templates", "jobs",
}  # fmt: skip


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `partnerkit.toml`, or `pyproject.toml` with a `[tool.partnerkit]` table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "partnerkit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _names_partnerkit(pyproject):
            return pyproject
    return None


def _names_partnerkit(pyproject: Path) -> bool:
    """Whether `tool.partnerkit` is set, however it is written (`[tool]` then
    `partnerkit = 5` is a broken setting to report, not a file to pass over)."""
    try:
        text = pyproject.read_text("utf-8-sig", "replace")
    except OSError:
        return False
    if "partnerkit" not in text:
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except (tomllib.TOMLDecodeError, RecursionError):  # reported when it names our table
        return re.search(r"^\s*\[tool\.partnerkit[\].]", text, re.M) is not None
    return isinstance(tool, dict) and "partnerkit" in tool


def load_config(path: Path | None = None, *, search: bool = True) -> Config:
    """Read the configuration file given, or the one found upward, or the defaults."""
    if path is None and search:
        path = find_config()
    if path is None:
        return Config()
    try:
        data = read_limited(path, MAX_CONFIG_BYTES)
    except (OSError, NotRegular, TooLarge) as exc:
        reason = getattr(exc, "strerror", None) or exc or "over 1 MB"
        raise UsageError(f"{path}: cannot read the configuration: {reason}") from None
    try:
        text = data.decode("utf-8-sig")  # a BOM, as Windows editors write one, is fine
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UsageError(
            f"{path}:{line}: byte 0x{data[exc.start]:02x} is not valid UTF-8; save it as UTF-8"
        ) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise UsageError(f"{path}: invalid TOML: nested too deeply to read") from None
    if path.name != "pyproject.toml":
        return _build(raw, path, text)
    tool = raw.get("tool", {})
    table = tool.get("partnerkit", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        line = _line_of(text, "tool.partnerkit")
        raise UsageError(f"{path}:{line}: `tool.partnerkit`: must be a table (`[tool.partnerkit]`)")
    return _build(table, path, text)


def _build(table: dict[str, Any], path: Path, text: str) -> Config:
    base = "tool.partnerkit" if path.name == "pyproject.toml" else ""

    def line_of(key: str) -> int:
        return _line_of(text, f"{base}.{key}" if base else key)

    def bad(key: str, message: str) -> UsageError:
        return UsageError(f"{path}:{line_of(key)}: `{key}`: {message}")

    config = Config(root=path.parent)
    for key in table:
        if key not in _KEYS:
            raise bad(key, f"unknown setting{_close(key)}")
    config.paths = _str_list(table, "paths", bad)
    config.exclude = _str_list(table, "exclude", bad)
    config.select = _codes(table, "select", bad, f"{path}:{line_of('select')}: `select`:")
    config.ignore = _codes(table, "ignore", bad, f"{path}:{line_of('ignore')}: `ignore`:")
    if "min_score" in table:
        value = table["min_score"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise bad("min_score", "must be a number from 0 to 100")
        config.min_score = float(value)
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise bad("strict", "must be true or false")
        config.strict = table["strict"]
    if "severity" in table:
        levels = table["severity"]
        if not isinstance(levels, dict):
            raise bad("severity", 'must be a table such as `PK402 = "error"`')
        for code, level in levels.items():
            if code in _KEYS:
                raise bad(f"severity.{code}", _misplaced(code, "severity"))
            if level not in SEVERITY_NAMES:
                raise bad(f"severity.{code}", f"must be one of {', '.join(SEVERITY_NAMES)}")
            for upper in parse_codes([code], f"{path}:{line_of(f'severity.{code}')}: `[severity]`"):
                if always_counts(upper) and level != "error":
                    raise bad(f"severity.{code}", cannot_lower(upper))
                config.severity[upper] = level
    if "bands" in table:
        config.bands = _bands(table["bands"], bad)
    if "max_file_size" in table:
        config.max_file_size = parse_size(table["max_file_size"], bad)
    if "templates" in table:
        if not isinstance(table["templates"], str):
            raise bad("templates", "must be a folder path")
        if "\0" in table["templates"]:
            raise bad("templates", "must be a folder path (it holds a NUL character)")
        config.templates = (path.parent / table["templates"]).resolve()
    if "jobs" in table:
        jobs = table["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise bad("jobs", "must be a whole number of 1 or more")
        config.jobs = jobs
    return config


def _codes(table: dict[str, Any], key: str, bad: Any, where: str) -> list[str]:
    """Codes, prefixes or rule names, checked against the rules (exit 2 with a did-you-mean)."""
    codes = parse_codes(_str_list(table, key, bad), where)
    if key == "ignore":
        refuse_always_counting(codes, where)
    return codes


def cannot_lower(code: str) -> str:
    return (
        f"{code} always counts as an error: broken YAML, schema and reference problems "
        "cannot be ignored, lowered or suppressed"
    )


def refuse_always_counting(codes: list[str], where: str) -> None:
    """`ignore = ["PK110"]` names a code that cannot be ignored: say so rather than pretend."""
    for code in codes:
        if always_counts(code) and len(code) == 5:
            raise UsageError(f"{where} {cannot_lower(code)}")


def _str_list(table: dict[str, Any], key: str, bad: Any) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad(key, "must be a list of strings")
    return list(value)


def _misplaced(key: str, table: str) -> str:
    return (
        f"`{key}` is a top-level setting, but it is written under `[{table}]`, and every "
        "line after a `[table]` header belongs to that table: move it above the first "
        "`[...]` line"
    )


def _bands(value: Any, bad: Any) -> Bands:
    if not isinstance(value, dict):
        raise bad("bands", "must be a table with `ready` and `developing`")
    for key in value:
        if key in _KEYS:
            raise bad(f"bands.{key}", _misplaced(key, "bands"))
        if key not in ("ready", "developing"):
            raise bad(f"bands.{key}", "unknown setting; `[bands]` has `ready` and `developing`")
    bands = Bands(**{k: v for k, v in value.items()})
    for name in ("ready", "developing"):
        score = getattr(bands, name)
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100:
            raise bad(f"bands.{name}", "must be a number from 0 to 100")
    if bands.developing > bands.ready:
        raise bad("bands", "`developing` must not be above `ready`")
    return bands


def parse_size(value: Any, bad: Any = None) -> int:
    """`5242880`, `"5 MB"`, `"512kb"` → bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        message = 'must be a size in bytes or like "5 MB"'
        if bad is None:
            raise UsageError(f"max file size {value!r}: {message}")
        raise bad("max_file_size", message)
    number, unit = match.groups()
    size = int(float(number) * _UNITS[(unit or "b").lower()])
    if size <= 0:
        message = "must be more than zero"
        if bad is None:
            raise UsageError(f"max file size {value!r}: {message}")
        raise bad("max_file_size", message)
    return size


_HEADER = re.compile(r"^[ \t]*\[\[?([^\]]+)\]")
_ASSIGN = re.compile(r"^[ \t]*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+)[ \t]*=")


def _line_of(text: str, dotted: str) -> int:
    """The line where the dotted key is set or its `[table]` opens (1 when not found)."""
    want = dotted.split(".")
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = [part.strip().strip("\"'") for part in header.group(1).split(".")]
            if table == want:
                return number
            continue
        assign = _ASSIGN.match(line)
        if assign:
            key = assign.group(1)
            parts = [key.strip("\"'")] if key[0] in "\"'" else key.split(".")
            if table + parts == want:
                return number
    return 1


def _close(key: str) -> str:
    close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
    return f" (did you mean `{close[0]}`?)" if close else f"; known: {', '.join(sorted(_KEYS))}"
