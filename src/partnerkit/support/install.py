"""Where this partnerkit came from, as a pip requirement a hook or a CI job can install.

The pre-commit hook and the GitHub workflow that `init --repo` writes must install the
same partnerkit on any machine, including before partnerkit is on a package index.
pip records the source of every install (PEP 610, `direct_url.json`): a Git commit or
a wheel at a URL is written as-is; a local checkout that is a Git clone becomes its
remote at the installed commit; anything else falls back to the pinned version.
"""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from partnerkit import __version__


def requirement() -> str:
    """A pip requirement for exactly this partnerkit, portable to other machines."""
    try:
        raw = metadata.distribution("partnerkit").read_text("direct_url.json")
        origin = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        origin = {}
    url = origin.get("url", "") if isinstance(origin, dict) else ""
    if not isinstance(url, str) or not url:
        return f"partnerkit=={__version__}"
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and not url.startswith("file:"):
        return f"partnerkit @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}"
    if "archive_info" in origin and not url.startswith("file:"):
        return f"partnerkit @ {url}"
    if "dir_info" in origin and url.startswith("file:"):
        clone = _git_origin(Path(unquote(urlparse(url).path)))
        if clone is not None:
            return f"partnerkit @ git+{clone[0]}@{clone[1]}"
    return f"partnerkit=={__version__}"


def _git_origin(folder: Path) -> tuple[str, str] | None:
    """`(remote URL, commit)` of a Git clone with a network remote, else None."""

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
        commit = git("rev-parse", "HEAD")
    except (OSError, subprocess.SubprocessError):
        return None
    if not remote or not commit or not remote.startswith(("https://", "ssh://", "git@")):
        return None
    if remote.startswith("git@"):  # scp-like syntax is not a URL pip reads
        host, _, path = remote[4:].partition(":")
        remote = f"ssh://git@{host}/{path}"
    return remote, commit
