"""`partnerkit init --repo`: a partnership repository checked in the editor, pre-commit and CI."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import write_atomic

SCHEMA_PATH = Path(".partnerkit") / "partnership.schema.json"

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


def pre_commit_config(requirement: str) -> str:
    """A hook any clone can run: pre-commit installs partnerkit itself, pinned."""
    return f"""\
# pre-commit (https://pre-commit.com): `pre-commit install`, then every commit that
# touches a partnership file is checked. pre-commit installs partnerkit for the hook
# ({requirement}), so nobody needs it on their PATH.
repos:
  - repo: local
    hooks:
      - id: partnerkit-check
        name: partnerkit check
        entry: partnerkit check
        language: python
        additional_dependencies: ["{requirement}"]
        files: ^partnerships/.*\\.ya?ml$
        # One process sees every file, so a partnership id used twice is caught.
        require_serial: true
"""


# Actions pinned by commit, the release in the comment (update both together, e.g.
# with Dependabot): a moved tag cannot change what runs.
CHECKOUT = "actions/checkout@1af3b93b6815bc44a9784bd300feb67ff0d1eeb3 # v6.0.0"
SETUP_PYTHON = "actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c # v6.0.0"
UPLOAD_SARIF = (
    "github/codeql-action/upload-sarif@9e907b5e64f6b83e7804b09294d44122997950d6 # v4.32.3"
)


def workflow(requirement: str) -> str:
    """The GitHub Actions workflow: least privilege, pinned actions, a time limit."""
    return f"""\
# Checks partnership files on every push and pull request. Problems appear as
# annotations on the changed lines; the full report is in the job log.
name: partnerkit
on:
  push:
  pull_request:
permissions:
  contents: read
concurrency:  # a newer push supersedes a running check of the same branch
  group: partnerkit-${{{{ github.ref }}}}
  cancel-in-progress: true
jobs:
  check:
    name: Check partnership files
    runs-on: ubuntu-latest
    timeout-minutes: 10
    # To show findings in the Security tab (code scanning), uncomment these two lines
    # and the last two steps.
    # permissions:
    #   security-events: write
    steps:
      - uses: {CHECKOUT}
        with:
          persist-credentials: false
      - uses: {SETUP_PYTHON}
        with:
          python-version: "3.12"
      - name: Install partnerkit
        run: python -m pip install "{requirement}"
      - name: Check
        run: partnerkit check --format github
      # - name: Write a SARIF report
      #   if: always()
      #   run: partnerkit check --format sarif -o partnerkit.sarif || [ $? -eq 1 ]
      # - name: Upload it to code scanning
      #   if: always()
      #   uses: {UPLOAD_SARIF}
      #   with:
      #     sarif_file: partnerkit.sarif
"""


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_PATH.as_posix()}": ["partnerships/*.yaml", "partnerships/*.yml"]
        }
    }
    return json.dumps(settings, indent=2) + "\n"


def run_init_repo(folder: Path, first_file: Callable[[], int] | None = None) -> int:
    """Create what is missing; keep what exists; say which is which, and what to add by hand.

    `first_file` writes the first partnership file, run inside the repository (`init`
    passes it when partners are named, so that this module needs nothing of `init`)."""
    from partnerkit.format.schema import schema_text
    from partnerkit.support.install import requirement

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; name a folder for the repository")
    partnerships = folder / "partnerships"
    had_partnerships = partnerships.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partnerships.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    pin = requirement()
    files = {
        Path("partnerkit.toml"): CONFIG,
        SCHEMA_PATH: schema_text(),
        Path(".pre-commit-config.yaml"): pre_commit_config(pin),
        Path(".github/workflows/partnerkit.yml"): workflow(pin),
        Path(".vscode/settings.json"): _vscode_settings(),
    }
    created, kept = ([], ["partnerships/"]) if had_partnerships else (["partnerships/"], [])
    for rel, text in files.items():
        target = folder / rel
        if target.exists():
            kept.append(rel.as_posix())
            continue
        write_atomic(target, text)
        created.append(rel.as_posix())
    out = sys.stdout
    out.write(f"Partnership repository in {folder}:\n")
    for name in created:
        out.write(f"  created  {name}\n")
    for name in kept:
        out.write(f"  kept     {name} (already there, left as it is)\n")
    for name in kept:
        if name in BY_HAND and not _mentions_partnerkit(folder / name, BY_HAND[name][2]):
            what, snippet, _ = BY_HAND[name]
            out.write(f"\nAdd this to {name} by hand ({what}):\n\n{snippet(pin)}")
    if first_file is not None:
        cwd = Path.cwd()
        os.chdir(folder)
        try:
            first_file()
        finally:
            os.chdir(cwd)
    else:
        out.write('Next: `partnerkit init --partner "Your organisation" --partner "Partner"`\n')
    return 0


def _hook_snippet(pin: str) -> str:
    config = pre_commit_config(pin)
    return config[config.index("  - repo: local") :] + "\n"


def _vscode_snippet(pin: str) -> str:
    inner = _vscode_settings().strip()[1:-1].strip("\n")
    return inner + "\n\n"


# A kept file without partnerkit's entry gets the snippet to add, and the marker
# that shows the entry is already there.
BY_HAND = {
    ".pre-commit-config.yaml": ("under `repos:`", _hook_snippet, "partnerkit"),
    ".vscode/settings.json": ("inside the outer braces", _vscode_snippet, SCHEMA_PATH.name),
}


def _mentions_partnerkit(path: Path, marker: str) -> bool:
    try:
        return marker in path.read_text("utf-8", "replace")
    except OSError:
        return False
