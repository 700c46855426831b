"""Issue 27's "done when", end to end, as a new user following the README would: `init
--repo` in a new git repository, three partnerships, a commit and a push; then, in a fresh
clone of what was pushed, the workflow's site job run as the workflow says (its `run:`
steps, through the pre-commit hook that installs partnerkit from the repository and
revision `.pre-commit-config.yaml` names), and the site it leaves for Pages read as a
sponsor would use it: browse, subscribe, rate.

No network here: partnerkit's repository is this source tree committed and tagged in a
folder, as tests/test_init.py does for the check hook, and the remote is a bare folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from fuzz_site import site_problems

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None
    or shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None,
    reason="git and pre-commit are needed",
)
EXAMPLES = ("riverside-clinical-onboarding", "lakeview-literacy-coaching")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "GITHUB_ACTIONS")}
    # partnerkit's own command is not on PATH: the hook installs the one the config names
    env["PATH"] = os.pathsep.join([str(home / "bin"), "/usr/bin", "/bin"])
    env["HOME"] = str(home)
    env["PRE_COMMIT_HOME"] = str(home / "pre-commit-home")
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env.update({k: "t" for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")})
    env.update({k: "t@example.org" for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")})
    return env


def _run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done


def _upstream(env: dict[str, str], folder: Path, tag: str) -> Path:
    """partnerkit's repository as pre-commit fetches it: this source tree, tagged."""
    for name in ("src", "templates", "examples"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, folder / name)
    _run(env, folder, "git", "init", "-q")
    _run(env, folder, "git", "add", "-A")
    _run(env, folder, "git", "commit", "-q", "-m", "partnerkit")
    _run(env, folder, "git", "tag", tag)
    return folder


def _if(expression: str, context: dict[str, str]) -> bool:
    """A GitHub Actions `if:` of `==`, `!=`, `&&`, `||` and `!` over `github.*` values."""
    python = re.sub(r"github(?:\.[a-z_]+)+", lambda m: repr(context[m.group()]), expression)
    python = python.replace("&&", " and ").replace("||", " or ")
    python = re.sub(r"!(?!=)", " not ", python)
    assert re.fullmatch(r"[\s'\w./-]*(?:(?:==|!=|and|or|not|\(|\))[\s'\w./-]*)*", python), python
    return bool(eval(python, {"__builtins__": {}}))  # only what the line above lets through


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict[str, str | None]] = []
        self.fieldsets: list[dict[str, str | None]] = []
        self.radios = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "form":
            self.forms.append(found)
        if tag == "fieldset" and "partner" in (found.get("class") or ""):
            self.fieldsets.append(found)
        if tag == "input" and found.get("type") == "radio":
            self.radios += 1


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def test_init_three_partnerships_and_a_push_publish_a_site(tmp_path: Path) -> None:
    from partnerkit import __version__
    from partnerkit.support.install import PROJECT

    # `python`, and the scripts pip installs with it, as setup-python puts them on PATH
    # (not partnerkit's own command: the hook installs the one the config names).
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "bin" / "pre-commit").symlink_to(Path(sys.executable).parent / "pre-commit")
    env = _env(tmp_path)
    upstream = _upstream(env, tmp_path / "upstream", f"v{__version__}")
    partnerkit = [sys.executable, "-m", "partnerkit"]

    # The user's repository: init --repo, three partnerships, a commit, a push.
    work = tmp_path / "work"
    work.mkdir()
    _run(env, work, "git", "init", "-q", "-b", "main")
    _run(env, work, *partnerkit, "init", "--repo")
    for name in EXAMPLES:
        _run(env, work, *partnerkit, "init", "--example", name, "partnerships/")
    _run(env, work, *partnerkit, "init", "--kind", "vendor", "--partner", "Harbor Bank",
         "--partner", "tide=Tide Learning", "--no-input")  # fmt: skip
    config = work / ".pre-commit-config.yaml"
    text = config.read_text("utf-8")
    assert f"repo: {PROJECT}\n    rev: v{__version__}\n" in text
    config.write_text(text.replace(f"repo: {PROJECT}", f"repo: {upstream.as_uri()}"), "utf-8")
    _run(env, work, "git", "add", "-A")
    _run(env, work, "git", "commit", "-q", "-m", "Three partnerships")
    remote = tmp_path / "remote.git"
    _run(env, tmp_path, "git", "init", "-q", "--bare", "-b", "main", str(remote))
    _run(env, work, "git", "remote", "add", "origin", remote.as_uri())
    _run(env, work, "git", "push", "-q", "origin", "main")

    # What GitHub runs on that push: the workflow of the pushed commit, in a fresh clone.
    clone = tmp_path / "clone"
    _run(env, tmp_path, "git", "clone", "-q", remote.as_uri(), str(clone))
    workflows = list((clone / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 1
    workflow = yaml.safe_load(workflows[0].read_text("utf-8"))
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in on
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    site = next(job for job in jobs.values() if any(
        "partnerkit-site" in step.get("run", "") for step in job["steps"]))  # fmt: skip

    # Only a push to the default branch, once the check has passed, publishes.
    push = {"github.event_name": "push", "github.event.repository.default_branch": "main",
            "github.ref_type": "branch"}  # fmt: skip
    assert _if(site["if"], push | {"github.ref_name": "main"})
    assert not _if(site["if"], push | {"github.ref_name": "feature"})
    # A tag that happens to carry the default branch's name is not the branch.
    assert not _if(site["if"], push | {"github.ref_name": "main", "github.ref_type": "tag"})
    assert not _if(site["if"], push | {"github.event_name": "pull_request",
                                       "github.ref_name": "main"})  # fmt: skip
    assert site["needs"] in ("check", ["check"]) and "check" in jobs
    # Least permissions, a time limit, actions pinned by commit.
    assert site["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert 0 < site["timeout-minutes"] <= 30
    for step in site["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]

    # The check job first, then the site job's own steps, as the runner would.
    for job in (jobs[site["needs"]] if isinstance(site["needs"], str) else jobs["check"], site):
        for step in job["steps"]:
            for line in step.get("run", "").splitlines():
                if line.startswith("sudo apt-get"):
                    continue  # Pango is here already (weasyprint, for the PDFs)
                _run(env, clone, "bash", "-euo", "pipefail", "-c", line)

    # What the job uploads to Pages.
    upload = next(s for s in site["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    built = clone / upload["with"]["path"]
    assert (built / "index.html").is_file()
    ids = [*EXAMPLES, "harbor-bank-tide"]
    index = _page(built / "index.html").links
    for pid in ids:
        assert f"p/{pid}/index.html" in index, pid
    # the three partnerships and nothing else (each row links its page and its next steps)
    assert len({x.split("#")[0] for x in index if x.startswith("p/")}) == 3
    # Browse: every link of every page resolves inside the site (and nothing got in).
    assert site_problems(built, sorted((clone / "partnerships").glob("*.yaml"))) == []
    import icalendar

    for pid in ids:
        folder = built / "p" / pid
        links = _page(folder / "index.html").links
        assert {"calendar.ics", "rate.html", "agreement.html", "agreement.pdf"} <= set(links)
        assert (folder / "agreement.pdf").read_bytes()[:5] == b"%PDF-"
        # Subscribe: the calendar parses, with this partnership's events.
        calendar = icalendar.Calendar.from_ical((folder / "calendar.ics").read_bytes())
        uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
        assert all(uid.startswith(f"{pid}.") for uid in uids), uids
        assert uids or pid not in EXAMPLES  # a new scaffold has no dates yet
        # Rate: a form per partner with the Six C's from 1 to 5.
        form = _page(folder / "rate.html")
        assert len(form.forms) == 1 and form.forms[0]["data-columns"]
        assert len(form.fieldsets) >= 2 and form.radios == 5 * 6 * len(form.fieldsets)
    whole = icalendar.Calendar.from_ical((built / "calendar.ics").read_bytes())
    assert {str(e["UID"]).split(".")[0] for e in whole.walk("VEVENT")} >= set(EXAMPLES)
