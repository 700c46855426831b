"""`partnerkit init --repo`: a partnership repository checked in the editor, pre-commit and CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from partnerkit import __version__
from partnerkit.commands.init import SCHEMA_PATH, InitOptions, run_init
from partnerkit.errors import UsageError
from partnerkit.fsutil import write_atomic

CONFIG = """\
# partnerkit configuration. Every setting is optional; command-line options win.
# `partnerkit check --help` and the README describe each one.

# What `partnerkit check` and `partnerkit review` look at with no arguments.
paths = ["partnerships"]

# Glob patterns of files to leave out.
exclude = []

# Files whose readiness (0-100) is under this fail the check. Unset: no threshold.
# min_score = 60

# true: warnings fail the check too (as --strict).
strict = false

# Only these codes or prefixes / skip these (e.g. ["PK409"]).
select = []
ignore = []

# Larger partnership files are refused.
max_file_size = "5 MB"

# Your own document templates for `partnerkit render` (override built-ins by name).
# templates = "templates"

# Per-code severity: error | warning | info | off. Example: overdue deliverables fail CI.
[severity]
# PK502 = "error"

# Readiness bands.
[bands]
ready = 80
developing = 60
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): `pre-commit install`, then every commit that
# touches a partnership file is checked. This hook uses the partnerkit installed in
# your environment; to let pre-commit install it instead, use the partnerkit
# repository as `repo:` with `rev:` set to a release and `id: partnerkit-check`.
repos:
  - repo: local
    hooks:
      - id: partnerkit-check
        name: partnerkit check
        entry: partnerkit check
        language: system
        files: ^partnerships/.*\\.ya?ml$
"""

WORKFLOW = f"""\
# Checks partnership files on every push and pull request. Problems appear as
# annotations on the changed lines; the full report is in the job log.
name: partnerkit
on:
  push:
  pull_request:
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install "partnerkit=={__version__}"
      - run: partnerkit check --format github
"""


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_PATH.as_posix()}": ["partnerships/*.yaml", "partnerships/*.yml"]
        }
    }
    return json.dumps(settings, indent=2) + "\n"


def run_init_repo(folder: Path, partner_opts: InitOptions | None = None) -> int:
    """Create what is missing; keep what exists; say which is which."""
    from partnerkit.commands.schema import schema_text

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; name a folder for the repository")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "partnerships").mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    files = {
        Path("partnerkit.toml"): CONFIG,
        SCHEMA_PATH: schema_text(),
        Path(".pre-commit-config.yaml"): PRE_COMMIT,
        Path(".github/workflows/partnerkit.yml"): WORKFLOW,
        Path(".vscode/settings.json"): _vscode_settings(),
    }
    created, kept = [], []
    for rel, text in files.items():
        target = folder / rel
        if target.exists():
            kept.append(rel)
            continue
        write_atomic(target, text)
        created.append(rel)
    out = sys.stdout
    out.write(f"Partnership repository in {folder}:\n")
    for rel in created:
        out.write(f"  created  {rel.as_posix()}\n")
    for rel in kept:
        out.write(f"  kept     {rel.as_posix()} (already there, left as it is)\n")
    if partner_opts is not None and partner_opts.partners:
        import os

        cwd = Path.cwd()
        os.chdir(folder)
        try:
            run_init(partner_opts)
        finally:
            os.chdir(cwd)
    else:
        out.write('Next: `partnerkit init --partner "Your organisation" --partner "Partner"`\n')
    return 0
