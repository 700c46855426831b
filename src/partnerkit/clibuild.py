"""Typer commands built from the options dataclasses of `partnerkit.commands.options`.

Each command's help, option names, types, limits and defaults come from its one
declaration; this module only translates them into Typer's parameters.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import MISSING
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from partnerkit.commands.options import Choice, Spec, choose, specs


def target(path: str) -> tuple[type, Callable[[Any], int]]:
    """`module:Options:run` → the options class and the function that runs them."""
    module, options, run = path.split(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, options), getattr(loaded, run)


def metavar(spec: Spec) -> str | None:
    """How help names an option's value, in plain words: PATH, N, TEXT, [text|json]."""
    if spec.cli.metavar is not None or spec.base is bool:
        return spec.cli.metavar
    if spec.cli.argument:  # files and folders (PATH...), or one partnership FILE
        return "PATH" if spec.is_list else "FILE"
    if isinstance(spec.base, type) and issubclass(spec.base, Enum):
        return "[" + "|".join(m.value for m in spec.base) + "]"
    return {Path: "PATH", int: "N", float: "N"}.get(spec.base, "TEXT")


def _choice_parser(kind: type[Choice]) -> Callable[[str], Choice]:
    def parse(text: str) -> Choice:
        try:
            return choose(kind, text)
        except ValueError as exc:  # said as Click says a bad value, in every Typer version
            raise typer.BadParameter(str(exc)) from None

    parse.__name__ = "choice"  # Click names the value's type after it
    return parse


def _codes() -> list[tuple[str, str]]:
    from partnerkit.check.codes import known_codes

    codes = known_codes()
    return [*sorted(codes.items()), *sorted((name, code) for code, name in codes.items())]


def _kinds() -> list[tuple[str, str]]:
    from typing import get_args

    from partnerkit.format.types import Kind

    return [(kind, "") for kind in get_args(Kind)]


def _templates() -> list[tuple[str, str]]:
    """Built-in templates, and the configured folder's own (a broken configuration: none)."""
    from partnerkit.check.config import load_config
    from partnerkit.documents.templates import list_templates
    from partnerkit.support.errors import UsageError

    try:
        folder = load_config().templates
    except UsageError:
        folder = None
    return [(t.name, t.description) for t in list_templates(folder)]


_OFFERS: dict[str, Callable[[], list[tuple[str, str]]]] = {
    "codes": _codes, "kinds": _kinds, "templates": _templates,
}  # fmt: skip


def completer(spec: Spec) -> Callable[[str], list[tuple[str, str]]] | None:
    """What the shell offers for a value: rule codes and names, kinds, template names, or
    the values of a choice such as a format (Click sees only our parser, so offers none)."""
    offers = _OFFERS.get(spec.cli.complete or "")
    if offers is None and isinstance(spec.base, type) and issubclass(spec.base, Choice):
        choices = [(m.value, "") for m in spec.base]
        offers = choices.copy
    if offers is None:
        return None
    found = offers

    def complete(incomplete: str) -> list[tuple[str, str]]:
        """Values starting with what was typed, in any case (`pk40` is PK40), kept as typed."""
        n, typed = len(incomplete), incomplete.lower()
        return [
            (incomplete + value[n:], about)
            for value, about in found()
            if value.lower().startswith(typed)
        ]

    return complete


def _parameter(spec: Spec) -> inspect.Parameter:
    cli = spec.cli
    annotation: Any = list.__class_getitem__(spec.base) if spec.is_list else spec.base
    if spec.optional or spec.is_list:
        annotation = annotation | None
    extra: dict[str, Any] = {}
    if isinstance(spec.base, type) and issubclass(spec.base, Choice):
        extra["parser"] = _choice_parser(spec.base)  # aliases: -f table is text
    offered = completer(spec)
    if offered is not None:
        extra["autocompletion"] = offered
    if cli.argument:
        info: Any = typer.Argument(
            help=cli.help, metavar=metavar(spec), show_default=spec.default is not MISSING, **extra
        )
    else:
        info = typer.Option(
            *cli.decls, help=cli.help, metavar=metavar(spec), min=cli.min, max=cli.max, **extra
        )
    default: Any = inspect.Parameter.empty
    if spec.default is not MISSING:
        default = None if spec.is_list else spec.default
    return inspect.Parameter(
        spec.name,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        default=default,
        annotation=Annotated[annotation, info],
    )


def command(app: typer.Typer, name: str, path: str, help: str) -> None:
    """Register `partnerkit NAME`, declared by the options class at `path`."""
    options, run = target(path)
    declared = specs(options)
    lists = {s.name for s in declared if s.is_list}

    def invoke(**values: Any) -> None:
        for key in lists:
            values[key] = values[key] or []
        raise typer.Exit(run(options(**values)))

    parameters = [_parameter(s) for s in declared]
    invoke.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    invoke.__annotations__ = {p.name: p.annotation for p in parameters}
    invoke.__name__ = name
    app.command(name, help=help)(invoke)
