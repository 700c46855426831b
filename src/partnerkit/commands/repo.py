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


def pre_commit_config(source: tuple[str, str]) -> str:
    """Hooks any clone can run: pre-commit installs partnerkit itself from `source`."""
    repo, rev = source
    return f"""\
# pre-commit (https://pre-commit.com): `pre-commit install`, then every commit that
# touches a partnership file is checked. pre-commit installs partnerkit for the hooks
# from the repository and revision below, so nobody needs it on their PATH, and
# `pre-commit autoupdate` (or Renovate, or Dependabot) moves it to a newer release.
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      # The changed files, against the ids of every file in the configured paths.
      - id: partnerkit-check
      # Keeps .partnerkit/partnership.schema.json the schema of the partnerkit above:
      # after an upgrade it writes the new one, and the commit stops to show it.
      - id: partnerkit-schema
      # The portfolio as a website, for CI's site job (--hook-stage manual).
      - id: partnerkit-site
"""


# Actions pinned by commit, the release in the comment (update both together, e.g.
# with Dependabot): a moved tag cannot change what runs.
CHECKOUT = "actions/checkout@1af3b93b6815bc44a9784bd300feb67ff0d1eeb3 # v6.0.0"
SETUP_PYTHON = "actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c # v6.0.0"
UPLOAD_PAGES = "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0"
DEPLOY_PAGES = "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0"
UPLOAD_SARIF = (
    "github/codeql-action/upload-sarif@9e907b5e64f6b83e7804b09294d44122997950d6 # v4.32.3"
)


def workflow() -> str:
    """The GitHub Actions workflow: least privilege, pinned actions, a time limit; partnerkit
    runs through the repository's pre-commit hooks, so it is the version they name."""
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
      # partnerkit comes from .pre-commit-config.yaml: one version, moved in one place.
      - name: Install pre-commit
        run: python -m pip install "pre-commit>=3.5,<5"
      - name: Check  # under GitHub Actions, partnerkit writes annotations
        run: pre-commit run partnerkit-check --all-files
      - name: Schema copy is current
        run: pre-commit run partnerkit-schema --all-files --show-diff-on-failure
      # - name: Write a SARIF report
      #   if: always()
      #   run: pre-commit run partnerkit-sarif --hook-stage manual -a || [ -s partnerkit.sarif ]
      # - name: Upload it to code scanning
      #   if: always()
      #   uses: {UPLOAD_SARIF}
      #   with:
      #     sarif_file: partnerkit.sarif
""" + _site_job()


def _site_job() -> str:
    """The job that builds the site and publishes it to GitHub Pages (the default branch)."""
    return f"""\
  site:
    # The portfolio as a website (`partnerkit site`), published to GitHub Pages on each
    # push to the default branch once the check passes. Turn Pages on first: Settings >
    # Pages > Source: GitHub Actions. Who can see it: see partnerkit's README.
    name: Publish the site
    if: >-
      github.event_name == 'push' && github.ref_type == 'branch' &&
      github.ref_name == github.event.repository.default_branch
    needs: check
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
      pages: write  # to publish the site
      id-token: write  # to prove to Pages that this workflow published it
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    concurrency:  # one publication at a time; a newer push waits, none is cut off
      group: partnerkit-pages
      cancel-in-progress: false
    steps:
      - uses: {CHECKOUT}
        with:
          persist-credentials: false
      - uses: {SETUP_PYTHON}
        with:
          python-version: "3.12"
      - name: Install pre-commit and Pango (PDFs)
        run: |
          python -m pip install "pre-commit>=3.5,<5"
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0
      - name: Build the site  # partnerkit-site writes _site/, as Pages expects
        run: pre-commit run partnerkit-site --hook-stage manual --all-files
      - uses: {UPLOAD_PAGES}
        with:
          path: _site
      - id: deployment
        uses: {DEPLOY_PAGES}
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
    from partnerkit.support.install import hook_source

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; name a folder for the repository")
    partnerships = folder / "partnerships"
    had_partnerships = partnerships.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partnerships.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    pin = hook_source()
    files = {
        Path("partnerkit.toml"): CONFIG,
        SCHEMA_PATH: schema_text(),
        Path(".pre-commit-config.yaml"): pre_commit_config(pin),
        Path(".github/workflows/partnerkit.yml"): workflow(),
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


def _hook_snippet(pin: tuple[str, str]) -> str:
    config = pre_commit_config(pin)
    return config[config.index("  - repo: ") :] + "\n"


def _vscode_snippet(pin: tuple[str, str]) -> str:
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
