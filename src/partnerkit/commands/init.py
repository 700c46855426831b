"""`partnerkit init`: scaffold a partnership, or set up a partnership repository."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from partnerkit.check.config import find_config, load_config
from partnerkit.commands.common import check_choice, parse_today
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

SCHEMA_PATH = Path(".partnerkit") / "partnership.schema.json"


@dataclass
class InitOptions:
    path: Path | None = None
    kind: str | None = None
    title: str | None = None
    id: str | None = None
    partners: list[str] = field(default_factory=list)
    force: bool = False
    today: str | None = None
    interactive: bool | None = None  # None: ask when a terminal is attached
    candidates: bool = False  # compare candidates before choosing the partner
    candidate_names: list[str] = field(default_factory=list)


def _can_prompt(opts: InitOptions) -> bool:
    if opts.interactive is not None:
        return opts.interactive
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def _ask(opts: InitOptions) -> None:
    """Fill in missing details at a terminal, with defaults."""
    from rich.prompt import Prompt

    if not opts.partners:
        first = _required("Your organisation (the lead partner)")
        if opts.candidates:
            opts.partners = [first]
            if not opts.candidate_names:
                named = Prompt.ask("Candidate partners, separated by commas", default="")
                opts.candidate_names = [n.strip() for n in named.split(",") if n.strip()]
            _ask_rest(opts)
            return
        second = _required("The partner organisation")
        more = Prompt.ask("Any other partners, separated by commas", default="").strip()
        opts.partners = [p for p in (first, second, *more.split(",")) if p.strip()]
    _ask_rest(opts)


def _required(question: str) -> str:
    """Ask until the answer is not empty (Ctrl-D stops `init`, Ctrl-C interrupts it)."""
    from rich.prompt import Prompt

    while True:
        answer = Prompt.ask(question).strip()
        if answer:
            return answer
        sys.stdout.write("  A name is needed here.\n")


def _ask_rest(opts: InitOptions) -> None:
    from rich.prompt import Prompt

    if opts.kind is None:
        opts.kind = Prompt.ask("Kind", choices=list(KINDS), default="vendor")
    if opts.title is None:
        names = [parse_partner(p).name for p in opts.partners]
        opts.title = Prompt.ask("Title", default=" and ".join(names[:2]) + " partnership")


def _check_given(opts: InitOptions) -> None:
    """Refuse a bad --id or --kind before asking anything."""
    if opts.id is not None and not valid_id(opts.id):
        raise UsageError(
            f"--id {opts.id}: use lowercase letters, digits and single hyphens, at most "
            f"{ID_LIMIT} characters, like {slugify(opts.id)}"
        )
    if opts.kind is not None:
        check_choice("--kind", opts.kind, KINDS)


def resolve(opts: InitOptions) -> tuple[str, str, str, list[PartnerSpec]]:
    """id, title, kind and partners, asking or defaulting what is missing."""
    _check_given(opts)
    if (not opts.partners or opts.kind is None or opts.title is None) and _can_prompt(opts):
        try:
            _ask(opts)
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
    kind = opts.kind or "other"
    _check_given(opts)  # what was typed at the prompts, too
    partners = unique_ids([parse_partner(p) for p in opts.partners])
    default_title = " and ".join(p.name for p in partners[:2]) + " partnership"
    title = (opts.title or default_title).strip()
    if opts.id:
        pid = opts.id
    elif title != default_title:  # a title of its own names the partnership best
        pid = slugify(title, limit=DEFAULT_ID_LIMIT)
    else:
        pid = slugify("-".join(p.id for p in partners[:2]), limit=DEFAULT_ID_LIMIT)
    return pid, title, kind, partners


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
    today = parse_today(opts.today)
    opts.candidates = opts.candidates or bool(opts.candidate_names)
    pid, title, kind, partners = resolve(opts)
    target = target_path(opts.path, pid)
    if target.exists() and not opts.force:
        raise UsageError(
            f"{target} already exists; it was left as it is (use --force to replace it)"
        )
    text = render_scaffold(
        pid=pid,
        title=title,
        kind=kind,
        partners=partners,
        today=today,
        schema_ref=schema_ref(target),
        candidates=candidate_specs(opts, partners),
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
