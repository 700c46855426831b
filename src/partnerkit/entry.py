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
    if args in ([], ["--help"], ["-h"]):
        from partnerkit.commands_index import top_level_help

        sys.stdout.write(top_level_help())
        return
    from partnerkit.errors import UsageError

    try:
        code = _without_typer(args)
        if code is not None:
            sys.exit(code)
        from partnerkit.cli import app

        app(args=args, prog_name="partnerkit")
    except UsageError as exc:
        from partnerkit.sanitize import printable

        sys.stderr.write(f"partnerkit: error: {printable(exc)}\n")
        sys.exit(2)
    except KeyboardInterrupt:  # Ctrl-C: the shell's convention, 128 + SIGINT
        sys.stderr.write("partnerkit: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(2)
    except Exception as exc:  # a bug: say so plainly, never exit 0
        if os.environ.get("PARTNERKIT_DEBUG"):
            raise
        sys.stderr.write(
            f"partnerkit: internal error: {type(exc).__name__}: {_printable(exc)}\n"
            "This is a bug in partnerkit. Run again with PARTNERKIT_DEBUG=1 for details.\n"
        )
        sys.exit(2)


def _printable(value: object) -> str:
    from partnerkit.sanitize import printable

    return printable(value)


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

    from partnerkit.options import parse

    module, options, run = target.split(":")
    loaded = importlib.import_module(module)
    opts = parse(getattr(loaded, options), args[1:])
    if opts is None:
        return None
    code: int = getattr(loaded, run)(opts)
    return code
