"""`partnerkit init`: scaffold a partnership, or set up a partnership repository."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import NamedTuple

from partnerkit.check.config import find_config, load_config
from partnerkit.commands import options
from partnerkit.commands.common import check_choice, parse_today
from partnerkit.commands.options import argument, flag, many, option
from partnerkit.commands.repo import SCHEMA_PATH, run_init_repo
from partnerkit.format.scaffold import (
    KINDS,
    PartnerSpec,
    parse_partner,
    render_scaffold,
    unique_ids,
)
from partnerkit.format.slugs import DEFAULT_ID_LIMIT, ID_LIMIT, slugify, valid_id
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import write_atomic


@dataclass(frozen=True)
class InitOptions:
    """Everything `init` can be asked: the one declaration of its options."""

    path: Path | None = argument(
        "File or folder to create (default: partnerships/<id>.yaml); "
        "with --repo, the repository folder (default: here).",
        default=None,
        metavar="PATH",
    )
    kind: str | None = option(
        metavar="KIND", help="vendor, internal, community, school or other.", complete="kinds"
    )
    title: str | None = option(metavar="TEXT", help="Title of the partnership.")
    id: str | None = option("--id", metavar="ID", help="Partnership id (a slug).")
    partners: list[str] = many(
        "--partner",
        metavar="NAME",
        help='A partner: "Name" or "id=Name". Repeat for each; the first leads.',
    )
    candidates: bool = flag(
        "--candidates",
        help="Compare candidate partners first: adds criteria and options to assess.",
    )
    candidate_names: list[str] = many(
        "--candidate",
        metavar="NAME",
        help='A candidate partner: "Name" or "id=Name". Repeat for each.',
    )
    repo: bool = flag(
        "--repo", help="Set up a partnership repository: config, schema, pre-commit, CI."
    )
    example: str | None = option(
        "--example",
        metavar="NAME",
        help="Write one of the shipped examples (riverside-clinical-onboarding, …) to try "
        "the commands on; `--example list` names them.",
    )
    no_input: bool = flag("--no-input", help="Never prompt; use defaults or fail.")
    today: str | None = options.today()
    force: bool = flag("--force", help="Replace an existing file.")


def _can_prompt(opts: InitOptions) -> bool:
    """Ask for what is missing only at a terminal, outside CI, and unless --no-input."""
    if opts.no_input:
        return False
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def _ask(opts: InitOptions) -> InitOptions:
    """Fill in missing details at a terminal, with defaults."""
    from rich.prompt import Prompt

    if not opts.partners:
        first = _required("Your organisation (the lead partner)")
        if opts.candidates:
            names = opts.candidate_names
            if not names:
                named = Prompt.ask("Candidate partners, separated by commas", default="")
                names = [n.strip() for n in named.split(",") if n.strip()]
            return _ask_rest(replace(opts, partners=[first], candidate_names=names))
        second = _required("The partner organisation")
        more = Prompt.ask("Any other partners, separated by commas", default="").strip()
        partners = [p for p in (first, second, *more.split(",")) if p.strip()]
        opts = replace(opts, partners=partners)
    return _ask_rest(opts)


def _required(question: str) -> str:
    """Ask until the answer is not empty (Ctrl-D stops `init`, Ctrl-C interrupts it)."""
    from rich.prompt import Prompt

    while True:
        answer = Prompt.ask(question).strip()
        if answer:
            return answer
        sys.stdout.write("  A name is needed here.\n")


def _ask_rest(opts: InitOptions) -> InitOptions:
    from rich.prompt import Prompt

    if opts.kind is None:
        opts = replace(opts, kind=Prompt.ask("Kind", choices=list(KINDS), default="vendor"))
    if opts.title is None:
        names = [parse_partner(p).name for p in opts.partners]
        title = Prompt.ask("Title", default=" and ".join(names[:2]) + " partnership")
        opts = replace(opts, title=title)
    return opts


def _check_given(opts: InitOptions) -> None:
    """Refuse a bad --id or --kind before asking anything."""
    if opts.id is not None and not valid_id(opts.id):
        raise UsageError(
            f"--id {opts.id}: use lowercase letters, digits and single hyphens, at most "
            f"{ID_LIMIT} characters, like {slugify(opts.id)}"
        )
    if opts.kind is not None:
        check_choice("--kind", opts.kind, KINDS)


class Resolved(NamedTuple):
    """What the new file is made of, once everything missing is asked or defaulted."""

    pid: str
    title: str
    kind: str
    partners: list[PartnerSpec]
    candidates: list[PartnerSpec] | None


def resolve(opts: InitOptions) -> Resolved:
    """id, title, kind, partners and candidates, asking or defaulting what is missing."""
    opts = _completed(opts)
    kind = opts.kind or "other"
    partners = unique_ids([parse_partner(p) for p in opts.partners])
    default_title = " and ".join(p.name for p in partners[:2]) + " partnership"
    title = (opts.title or default_title).strip()
    if opts.id:
        pid = opts.id
    elif title != default_title:  # a title of its own names the partnership best
        pid = slugify(title, limit=DEFAULT_ID_LIMIT)
    else:
        pid = slugify("-".join(p.id for p in partners[:2]), limit=DEFAULT_ID_LIMIT)
    return Resolved(pid, title, kind, partners, candidate_specs(opts, partners))


def _completed(opts: InitOptions) -> InitOptions:
    """The options with what was asked at the prompts; refused when partners are missing."""
    _check_given(opts)
    if (not opts.partners or opts.kind is None or opts.title is None) and _can_prompt(opts):
        try:
            opts = _ask(opts)
        except EOFError:  # Ctrl-D at a prompt: stop, having written nothing
            sys.stdout.write("\n")
            raise UsageError("no answer (end of input); nothing was written") from None
    if opts.candidates and not opts.partners:
        raise UsageError(
            'name your organisation with --partner (--partner "Riverside Health"), '
            "or run `partnerkit init --candidates` in a terminal to be asked"
        )
    if len(opts.partners) < (1 if opts.candidates else 2):
        raise UsageError(
            "name the partners with --partner, at least twice "
            '(--partner "Riverside Health" --partner meridian="Meridian Learning"), '
            "or run `partnerkit init` in a terminal to be asked"
        )
    _check_given(opts)  # what was typed at the prompts, too
    return opts


def candidate_specs(opts: InitOptions, partners: list[PartnerSpec]) -> list[PartnerSpec] | None:
    """The candidates named with --candidate (ids unique among partners too), or None."""
    if not opts.candidates:
        return None
    specs = unique_ids([*partners, *(parse_partner(c) for c in opts.candidate_names)])
    return specs[len(partners) :]


def target_path(path: Path | None, pid: str) -> Path:
    if path is not None:
        if path.is_dir():
            return path / f"{pid}.yaml"
        if path.suffix not in (".yaml", ".yml"):
            raise UsageError(f"{path}: a partnership file ends in .yaml or .yml")
        return path
    config = load_config()
    folder = config.root / (config.paths[0] if config.paths else "partnerships")
    return Path(os.path.relpath(folder / f"{pid}.yaml"))


def schema_ref(target: Path) -> str | None:
    """Relative path from the new file to the repository's schema, if it has one."""
    found = find_config(target.parent if target.parent.exists() else Path.cwd())
    root = found.parent if found else Path.cwd()
    schema = root / SCHEMA_PATH
    if not schema.is_file():
        return None
    return os.path.relpath(schema.resolve(), target.parent.resolve()).replace(os.sep, "/")


def run_init(opts: InitOptions) -> int:
    """A partnership file; with --repo, a partnership repository (and the file, if named)."""
    if opts.example is not None:
        return write_example(opts.example, opts.path, force=opts.force)
    if opts.repo:
        partner = replace(opts, path=None, repo=False)
        first_file = partial(create_file, partner) if opts.partners else None
        return run_init_repo(opts.path or Path("."), first_file)
    return create_file(opts)


def create_file(opts: InitOptions) -> int:
    """Write the scaffold of one partnership and say what to do next."""
    today = parse_today(opts.today)
    if opts.candidate_names:  # naming a candidate implies --candidates
        opts = replace(opts, candidates=True)
    made = resolve(opts)
    target = target_path(opts.path, made.pid)
    if target.exists() and not opts.force:
        raise UsageError(
            f"{target} already exists; it was left as it is (use --force to replace it)"
        )
    text = render_scaffold(
        pid=made.pid,
        title=made.title,
        kind=made.kind,
        partners=made.partners,
        today=today,
        schema_ref=schema_ref(target),
        candidates=made.candidates,
    )
    write_atomic(target, text, force=opts.force)
    sys.stdout.write(
        f"Created {target}\n"
        + (
            f"Next: score the candidates, then run `partnerkit assess {target}` to compare them\n"
            f"and `partnerkit choose {target} CANDIDATE` to make the one you pick a partner.\n"
            if opts.candidates
            else f"Next: fill it in, then run `partnerkit check {target}` and "
            f"`partnerkit score {target}`.\n"
        )
    )
    return 0


def examples_dir() -> Path:
    """The shipped examples: inside the installed package, or the repository's `examples/`."""
    package = Path(__file__).resolve().parents[1]  # partnerkit/, above commands/
    packaged = package / "examples"
    return packaged if packaged.is_dir() else package.parents[1] / "examples"


def write_example(name: str, path: Path | None, *, force: bool) -> int:
    """`init --example NAME`: copy a shipped example (to `path`, or here as NAME.yaml)."""
    import difflib

    shipped = {p.stem: p for p in sorted(examples_dir().glob("*.yaml"))}
    if name in ("", "list") or name not in shipped:
        close = [n for n in shipped if name and name in n][:1]
        close = close or difflib.get_close_matches(name, list(shipped), n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]}?)" if close and name != "list" else ""
        names = ", ".join(shipped) or "none (this install has no examples)"
        if name == "list":
            sys.stdout.write("\n".join(shipped) + "\n")
            return 0
        raise UsageError(f"--example {name}: no such example{hint}; the examples are {names}")
    target = path / f"{name}.yaml" if path is not None and path.is_dir() else path
    target = target or Path(f"{name}.yaml")
    if target.exists() and not force:
        raise UsageError(
            f"{target} already exists; it was left as it is (use --force to replace it)"
        )
    write_atomic(target, shipped[name].read_text("utf-8"), force=force)
    sys.stdout.write(f"Created {target}\n")
    sys.stdout.write(f"Next: run `partnerkit check {target}` and `partnerkit score {target}`.\n")
    return 0
