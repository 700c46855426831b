"""Where a repository's hooks get partnerkit: a repository and a revision pre-commit reads.

The pre-commit hook and the GitHub workflow that `init --repo` writes must run the same
partnerkit on every clone, whatever this copy was installed from (a folder, a wheel, a
tarball), and a `pre-commit autoupdate` or a dependency bot must be able to move it. So
they name a Git repository holding `.pre-commit-hooks.yaml` and a revision of it, as
every pre-commit hook does: pre-commit installs partnerkit from there. pip records the
source of every install (PEP 610, `direct_url.json`): a Git install is named by its
repository and commit, a local clone with a network remote by that remote at its tag
(or commit); anything else by partnerkit's own repository at this version's tag.
"""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from partnerkit import __version__

PROJECT = "https://github.com/partnerkit/partnerkit"
"""partnerkit's own repository (pyproject.toml's `Source`), tagged `vX.Y.Z` per release."""


def hook_source() -> tuple[str, str]:
    """`(repository, revision)` of this partnerkit, for `.pre-commit-config.yaml`."""
    try:
        raw = metadata.distribution("partnerkit").read_text("direct_url.json")
        origin = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        origin = {}
    url = origin.get("url", "") if isinstance(origin, dict) else ""
    if isinstance(url, str) and url:
        vcs = origin.get("vcs_info")
        if isinstance(vcs, dict) and vcs.get("commit_id") and not url.startswith("file:"):
            return url, str(vcs["commit_id"])
        if "dir_info" in origin and url.startswith("file:"):
            clone = _git_origin(Path(unquote(urlparse(url).path)))
            if clone is not None:
                return clone
    return PROJECT, f"v{__version__}"


def _git_origin(folder: Path) -> tuple[str, str] | None:
    """`(remote URL, tag or commit)` of a Git clone with a network remote, else None."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    try:
        remote = git("config", "--get", "remote.origin.url")
        revision = git("describe", "--tags", "--exact-match", "HEAD") or git("rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return None
    if not remote or not revision or not remote.startswith(("https://", "ssh://", "git@")):
        return None
    if remote.startswith("git@"):  # scp-like syntax, as pre-commit and git read it too
        host, _, path = remote[4:].partition(":")
        remote = f"ssh://git@{host}/{path}"
    return remote, revision
