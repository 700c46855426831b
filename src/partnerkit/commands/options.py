"""Command-line options, declared once per command as a frozen dataclass.

A command module declares what it can be asked as an `Options` dataclass whose
fields are made with `option()`, `many()`, `flag()` or `argument()`, and a
`run(opts) -> int`. From that one declaration come both the Typer command (help,
validation, error messages: `partnerkit.cli`) and a small parser that runs the
command without importing Typer (`parse`), for the pre-commit case where start-up
time is paid per batch of files. The parser handles only the plain forms; anything
else (`--help`, a bad value, an unknown option) goes to Typer, which then reports
exactly as it always does.

Options every command shares the meaning of (`--today`, `--config`, `--output`,
`--force`, `--jobs`, `--color`) are the functions at the bottom: one help text each.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import MISSING, dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Cli:
    """How one dataclass field appears on the command line."""

    decls: tuple[str, ...]  # "--format", "-f"; "--strict/--no-strict" for a two-way flag
    help: str
    argument: bool = False
    metavar: str | None = None  # how help names the value: PATH, CODE, DATE, N
    min: float | None = None
    max: float | None = None
    complete: str | None = None  # what the shell offers: "codes", "kinds", "templates"


def option(
    *decls: str,
    help: str,
    default: Any = None,
    metavar: str | None = None,
    min: float | None = None,
    max: float | None = None,
    complete: str | None = None,
) -> Any:
    """An option taking one value."""
    cli = Cli(decls, help, False, metavar, min, max, complete)
    return field(default=default, metadata={"cli": cli})


def many(*decls: str, help: str, metavar: str | None = None, complete: str | None = None) -> Any:
    """An option that may be repeated; its values are collected in a list."""
    cli = Cli(decls, help, metavar=metavar, complete=complete)
    return field(default_factory=list, metadata={"cli": cli})


def flag(*decls: str, help: str, default: bool | None = False) -> Any:
    """`--force`, or a two-way `--strict/--no-strict` (None when neither is given)."""
    return field(default=default, metadata={"cli": Cli(decls, help)})


def argument(
    help: str, *, default: Any = MISSING, metavar: str | None = None, complete: str | None = None
) -> Any:
    """A positional argument; a list-typed one takes any number of values."""
    cli = {"cli": Cli((), help, argument=True, metavar=metavar, complete=complete)}
    if default is MISSING:
        return field(metadata=cli)
    if default == []:
        return field(default_factory=list, metadata=cli)
    return field(default=default, metadata=cli)


class Choice(StrEnum):
    """The values an option takes, named alike in every command.

    A format has one name everywhere (`text`, `md`); the names other commands or tools
    use for the same thing are accepted too (`ALIASES`: `-f table` is `-f text`).
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        return cls._value2member_map_.get(ALIASES.get(str(value), ""))


ALIASES = {"table": "text", "markdown": "md"}
"""Other names for a format, accepted wherever the format is."""


def choose(kind: type[Choice], text: str) -> Choice:
    """`text` as one of `kind`'s values (or an alias); a plain message naming them when not."""
    if isinstance(text, kind):
        return text
    try:
        return kind(text)
    except ValueError:
        import difflib

        names = [m.value for m in kind]
        close = difflib.get_close_matches(text, [*names, *ALIASES], n=1)
        hint = f" (did you mean {ALIASES.get(close[0], close[0])}?)" if close else ""
        raise ValueError(f"{text}{hint}: use one of {', '.join(names)}") from None


# Shared options: one help text each.


def today() -> Any:
    return option(metavar="DATE", help="Judge dates as if today were this day (YYYY-MM-DD).")


def config() -> Any:
    return option("--config", metavar="FILE", help="Configuration file (default: found upward).")


def no_config() -> Any:
    return flag("--no-config", help="Ignore configuration files.")


def force() -> Any:
    return flag("--force", help="Replace an existing output file.")


def force_partial() -> Any:
    return flag(
        "--force",
        help="Write -o even when a file cannot be read (without its items); without it, "
        "the old output is kept and the exit code is 1.",
    )


def jobs() -> Any:
    return option(
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        help="Worker processes (default, and at most: the number of cores).",
    )


def output(help: str = "Write to this file (default: stdout).", metavar: str = "FILE") -> Any:
    return option("--output", "-o", metavar=metavar, help=help)


def quiet(help: str = "Print only errors and the summary.") -> Any:
    return flag("--quiet", "-q", help=help)


def verbose(help: str = "Also list the files left out (excluded, ignored, not ours).") -> Any:
    return flag("--verbose", "-v", help=help)


def color() -> Any:
    help = "Force colour on or off (default: on in a terminal)."
    return flag("--color/--no-color", help=help, default=None)


# Reading the declarations.


@dataclass(frozen=True, slots=True)
class Spec:
    """One field of an options dataclass, with its resolved type."""

    name: str
    cli: Cli
    base: Any  # the type without `| None` and `list[...]`
    is_list: bool
    optional: bool
    default: Any  # the dataclass default, or MISSING

    @property
    def flags(self) -> list[str]:
        """Every spelling: `--strict`, `--no-strict`, `-f`; `--min-score` when undeclared."""
        if self.cli.argument:
            return []
        if not self.cli.decls:
            return ["--" + self.name.replace("_", "-")]
        return [part for decl in self.cli.decls for part in decl.split("/")]


def specs(options: type) -> list[Spec]:
    hints = typing.get_type_hints(options)
    out = []
    for f in dataclasses.fields(options):
        tp = hints[f.name]
        args = typing.get_args(tp)
        optional = isinstance(tp, types.UnionType) and type(None) in args
        if optional:
            tp = next(a for a in args if a is not type(None))
        is_list = typing.get_origin(tp) is list
        base = typing.get_args(tp)[0] if is_list else tp
        default = f.default if f.default is not MISSING else ([] if is_list else MISSING)
        out.append(Spec(f.name, f.metadata["cli"], base, is_list, optional, default))
    return out


class _Fallback(Exception):
    """The arguments are not in a plain form this parser reads: let Typer handle them."""


def _convert(spec: Spec, text: str) -> Any:
    base = spec.base
    try:
        if isinstance(base, type) and issubclass(base, Enum):
            return base(text)  # a Choice also reads its aliases
        value = base(text) if base in (int, float, str, Path) else None
    except ValueError:
        raise _Fallback from None
    if value is None:
        raise _Fallback
    if isinstance(value, int | float) and (
        (spec.cli.min is not None and value < spec.cli.min)
        or (spec.cli.max is not None and value > spec.cli.max)
    ):
        raise _Fallback
    return value


def parse(options: type[T], args: list[str]) -> T | None:
    """The options from `args` when they are plainly written, else None (use Typer)."""
    try:
        return _parse(options, args)
    except _Fallback:
        return None


def _parse(options: type[T], args: list[str]) -> T:
    all_specs = specs(options)
    by_flag = {name: s for s in all_specs for name in s.flags}
    positional = [s for s in all_specs if s.cli.argument]
    values: dict[str, Any] = {}
    loose: list[str] = []
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            loose.extend(tokens)
            break
        if not token.startswith("-") or token == "-":
            loose.append(token)
            continue
        name, eq, inline = token.partition("=")
        spec = by_flag.get(name)
        if spec is None:
            raise _Fallback  # --help, an unknown or combined option: Typer explains
        if spec.base is bool:
            if eq:
                raise _Fallback
            values[spec.name] = not name.startswith("--no-") or name in spec.cli.decls
            continue
        text = inline if eq else next(tokens, None)
        if text is None:
            raise _Fallback
        value = _convert(spec, text)
        if spec.is_list:
            values.setdefault(spec.name, []).append(value)
        else:
            values[spec.name] = value
    _place(positional, loose, values)
    return options(**values)


def _place(positional: list[Spec], loose: list[str], values: dict[str, Any]) -> None:
    if not positional:
        if loose:
            raise _Fallback
        return
    if len(positional) != 1:
        raise _Fallback
    spec = positional[0]
    if spec.is_list:
        values[spec.name] = [_convert(spec, x) for x in loose]
    elif len(loose) == 1:
        values[spec.name] = _convert(spec, loose[0])
    elif loose or spec.default is MISSING:
        raise _Fallback
