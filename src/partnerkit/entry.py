"""Console entry point: fast path for `--version`, one place that maps errors to exit codes."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run partnerkit; exit 0 clean, 1 content has problems, 2 could not run as asked."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from partnerkit import __version__

        sys.stdout.write(f"partnerkit {__version__}\n")
        return
    completing = any(k.startswith("_PARTNERKIT_COMPLETE") for k in os.environ)
    if args in (["--help"], ["-h"]) and not completing:
        from partnerkit.commands_index import top_level_help

        sys.stdout.write(top_level_help())
        return
    if not args and not completing:  # like git and ruff: usage on stderr, exit 2
        from partnerkit.commands_index import top_level_help

        sys.stderr.write(top_level_help())
        sys.exit(2)
    from partnerkit.support.errors import UsageError

    _without_pydantic_plugins()
    stdout_before = _stdout_file()
    try:
        # Inside the try: a stop that comes as soon as SIGTERM is caught (the moment a
        # watcher takes partnerkit to be running) must be answered with 130 or 143 too.
        _terminate_like_interrupt()
        code = _completion_script(args) if args[:1] in _COMPLETION else _without_typer(args)
        if code is not None:
            sys.exit(code)
        sys.exit(_with_typer(args))
    except UsageError as exc:
        from partnerkit.support.sanitize import printable

        sys.stderr.write(f"partnerkit: error: {printable(exc)}\n")
        sys.exit(2)
    except Terminated:  # the shell's convention, 128 + SIGTERM, as if it had ended us
        sys.stderr.write("partnerkit: terminated\n")
        sys.exit(143)
    except KeyboardInterrupt:  # Ctrl-C: the shell's convention, 128 + SIGINT
        sys.stderr.write("partnerkit: interrupted\n")
        sys.exit(130)
    except SystemExit as exc:
        # Rich answers a closed pipe by pointing stdout at the null device and exiting 1.
        if exc.code == 1 and stdout_before != _null_file() == _stdout_file():
            sys.exit(0)
        raise
    except BrokenPipeError:  # `partnerkit rules | head -1`: the reader has all it wants
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
        sys.exit(0)
    except Exception as exc:  # a bug: say so plainly, never exit 0
        if os.environ.get("PARTNERKIT_DEBUG"):
            raise
        sys.stderr.write(
            f"partnerkit: internal error: {type(exc).__name__}: {_printable(exc)}\n"
            "This is a bug in partnerkit. Run again with PARTNERKIT_DEBUG=1 for details.\n"
        )
        sys.exit(2)


def _stdout_file() -> tuple[int, int] | None:
    try:
        info = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # closed, or replaced by a test
        return None
    return info.st_dev, info.st_ino


def _null_file() -> tuple[int, int]:
    info = os.stat(os.devnull)
    return info.st_dev, info.st_ino


def _with_typer(args: list[str]) -> int:
    """Run the Typer app, leaving errors to `main` (Click would turn a closed pipe into 1)."""
    from partnerkit.cli import command_line

    try:
        code = command_line().main(args=args, prog_name="partnerkit", standalone_mode=False)
    except Exception as exc:
        # Click's errors (Typer may ship its own copy of Click): show them, exit 2.
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            _plain_message(exc)
            show()
            return exit_code
        if type(exc).__name__ == "Abort":  # Ctrl-C or end of input at a Click prompt
            raise KeyboardInterrupt from None
        raise
    return code if isinstance(code, int) else 0


_PLAIN = (
    (r"Value error, ", ""),
    (r"Input should be greater than or equal to (\S+)", r"use a number of at least \1"),
    (r"Input should be less than or equal to (\S+)", r"use a number of at most \1"),
    (r"Input should be a valid integer.*", "use a whole number"),
    (r"Input should be a valid number.*", "use a number"),
)


def _plain_message(exc: Exception) -> None:
    """A bad value's message in our words, not the validation layer's ("Value error, …"),
    with the value as the user wrote it shown escaped (`printable`): Click echoes it."""
    import re

    message = getattr(exc, "message", None)
    if isinstance(message, str):
        for pattern, words in _PLAIN:
            message = re.sub(pattern, words, message)
        exc.message = _printable(message)  # type: ignore[attr-defined]


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: unwind as Ctrl-C does, but exit with SIGTERM's code, 143."""


def _terminate_like_interrupt() -> None:
    """SIGTERM (a CI job cancelled, `timeout`) unwinds like Ctrl-C: temp files are removed."""
    import contextlib
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise Terminated

    with contextlib.suppress(ValueError):  # not the main thread (embedded use): as it was
        signal.signal(signal.SIGTERM, interrupt)


def _without_pydantic_plugins() -> None:
    """Build the format's validators without asking installed packages for Pydantic plugins.

    Pydantic looks for plugins (an entry point group) the first time it builds a validator;
    the lookup imports `importlib.metadata` (with `email`, `zipfile`, `socket`, `csv`) and
    reads every installed package's metadata: about a seventh of a one-file `check`
    (`benchmarks/RESULTS.md`). partnerkit's own models have nothing for a plugin to
    observe, so the command line does what `PYDANTIC_DISABLE_PLUGINS=__all__` does,
    without the import. Should Pydantic find plugins some other way, this changes nothing.
    """
    import types

    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name, "No Pydantic plugins in the partnerkit command line.")
        loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugins: ()
        sys.modules[name] = loader


def _printable(value: object) -> str:
    from partnerkit.support.sanitize import printable

    return printable(value)


_COMPLETION = (["--show-completion"], ["--install-completion"])


def _completion_script(args: list[str]) -> int | None:
    """`--show-completion [SHELL]`, `--install-completion [SHELL]`: the shell named, not
    Typer's guess from the parent processes (anything more goes to Typer)."""
    if len(args) > 2:
        return None
    from partnerkit.cli import completion

    return completion(args[0], args[1] if len(args) == 2 else "")


def _without_typer(args: list[str]) -> int | None:
    """Run a declared command whose arguments are plainly written, without loading Typer.

    `partnerkit check FILE...` from pre-commit pays start-up once per batch; Typer and
    its option machinery cost more than checking a file. Anything the small parser
    does not read (help, a bad value) returns None, and Typer handles it as always.
    """
    from partnerkit.commands_index import DECLARED

    target = DECLARED.get(args[0]) if args else None
    if target is None:
        return None
    import importlib

    from partnerkit.commands.options import parse

    module, options, run = target.split(":")
    loaded = importlib.import_module(module)
    opts = parse(getattr(loaded, options), args[1:])
    if opts is None:
        return None
    code: int = getattr(loaded, run)(opts)
    return code
