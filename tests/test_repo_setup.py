"""What `init --repo` writes for CI: a workflow GitHub accepts and zizmor finds safe."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(".github/workflows/partnerkit.yml")


@pytest.fixture
def repo(cli, workdir: Path) -> Path:
    assert cli("init", "--repo").code == 0
    return workdir


@pytest.mark.parametrize(
    "schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"]
)
def test_workflow_passes_github_workflow_schema(repo: Path, schema: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(WORKFLOW)],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_is_least_privilege_pinned_and_time_limited(repo: Path) -> None:
    text = (repo / WORKFLOW).read_text("utf-8")
    data = yaml.safe_load(text)
    assert data["permissions"] == {"contents": "read"}
    job = data["jobs"]["check"]
    assert 0 < job["timeout-minutes"] <= 30
    uses = re.findall(r"uses: (\S+)@(\S+) # (v\d+\S*)", text)
    assert {name for name, _, _ in uses} == {
        "actions/checkout", "actions/setup-python", "github/codeql-action/upload-sarif",
        "actions/upload-pages-artifact", "actions/deploy-pages",
    }  # fmt: skip
    for name, ref, _tag in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), (name, ref)
    assert dict((n, t.split(".")[0]) for n, _, t in uses) == {
        "actions/checkout": "v6", "actions/setup-python": "v6",
        "github/codeql-action/upload-sarif": "v4", "actions/upload-pages-artifact": "v5",
        "actions/deploy-pages": "v5",
    }  # fmt: skip
    assert "# - name: Upload it to code scanning" in text  # optional, commented
    runs = [s.get("run", "") for s in job["steps"]]
    assert any('pip install "pre-commit' in r for r in runs)
    assert "pre-commit run partnerkit-check --all-files" in runs
    assert not any("partnerkit==" in r or 'pip install "partnerkit' in r for r in runs)


def test_site_job_publishes_to_pages_from_the_default_branch_only(repo: Path) -> None:
    data = yaml.safe_load((repo / WORKFLOW).read_text("utf-8"))
    job = data["jobs"]["site"]
    assert job["needs"] == "check"
    assert "github.event_name == 'push'" in job["if"]
    assert "github.ref_name == github.event.repository.default_branch" in job["if"]
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert 0 < job["timeout-minutes"] <= 30
    assert job["environment"]["name"] == "github-pages"
    assert "github.ref_type == 'branch'" in job["if"]  # a tag named like the branch is not it
    runs = [s.get("run", "") for s in job["steps"]]
    assert "pre-commit run partnerkit-site --hook-stage manual --all-files" in runs
    # A runner's package lists are stale: an install without an update can ask for files
    # the mirror no longer has.
    lines = [line.strip() for run in runs for line in run.splitlines()]
    install = next(i for i, line in enumerate(lines) if line.startswith("sudo apt-get install"))
    assert "sudo apt-get update" in lines[:install]
    upload = next(s for s in job["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_site"
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text("utf-8"))
    assert "partnerkit-site" in [h["id"] for h in hooks["repos"][0]["hooks"]]
    manifest = yaml.safe_load(Path(__file__).parent.parent.joinpath(
        ".pre-commit-hooks.yaml").read_text("utf-8"))  # fmt: skip
    site = next(h for h in manifest if h["id"] == "partnerkit-site")
    assert site["entry"] == "partnerkit site --output _site" and site["stages"] == ["manual"]


ZIZMOR = shutil.which("zizmor") or shutil.which("zizmor", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(ZIZMOR is None, reason="zizmor is not installed")
def test_workflow_has_no_high_zizmor_findings(repo: Path) -> None:
    assert ZIZMOR is not None
    done = subprocess.run(
        [ZIZMOR, "--offline", "--format", "json", str(WORKFLOW)],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip
    findings = json.loads(done.stdout)
    high = [f["ident"] for f in findings if f["determinations"]["severity"] == "High"]
    assert not high, high
    assert not findings, [f["ident"] for f in findings]


def test_kept_vscode_settings_print_the_entry_to_add(cli, workdir: Path) -> None:
    (workdir / ".vscode").mkdir()
    (workdir / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}\n')
    out = cli("init", "--repo").out
    assert "Add this to .vscode/settings.json by hand (inside the outer braces)" in out
    assert '"./.partnerkit/partnership.schema.json"' in out
    assert "by hand" not in cli("init", "--repo").out.split(".vscode/settings.json by")[0]


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        (None, ("{project}", "v{version}")),
        ({"url": "https://example.org/partnerkit.git",
          "vcs_info": {"vcs": "git", "commit_id": "a" * 40}},
         ("https://example.org/partnerkit.git", "a" * 40)),
        ({"url": "https://example.org/dist/partnerkit-1-py3-none-any.whl", "archive_info": {}},
         ("{project}", "v{version}")),
        ({"url": "file:///nowhere/partnerkit", "dir_info": {}}, ("{project}", "v{version}")),
        ({"url": "file:///tmp/partnerkit-0.1.0.tar.gz", "archive_info": {}},
         ("{project}", "v{version}")),
    ],
)  # fmt: skip
def test_hooks_name_a_repository_and_revision_any_clone_reaches(
    monkeypatch: pytest.MonkeyPatch, origin: dict[str, object] | None, expected: tuple[str, str]
) -> None:
    """Installed from a folder, a wheel or a tarball, the hooks name partnerkit's own
    repository at this version's tag (they pinned `partnerkit==0.1.0`, found on no index)."""
    from partnerkit import __version__
    from partnerkit.support import install

    class Dist:
        def read_text(self, name: str) -> str | None:
            return None if origin is None else json.dumps(origin)

    monkeypatch.setattr(install.metadata, "distribution", lambda name: Dist())
    want = tuple(x.format(version=__version__, project=install.PROJECT) for x in expected)
    assert install.hook_source() == want


def test_the_hooks_repository_is_the_projects_source() -> None:
    import tomllib

    from partnerkit.support.install import PROJECT

    from conftest import ROOT

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Source"] == PROJECT


def test_a_local_clone_installs_from_its_remote(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from partnerkit.support import install

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org",
             *args], check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip

    git("init", "-q")
    git("commit", "-q", "--allow-empty", "-m", "x")
    git("remote", "add", "origin", "git@example.org:team/pk.git")
    head = git("rev-parse", "HEAD")

    class Dist:
        def read_text(self, name: str) -> str:
            return json.dumps({"url": tmp_path.as_uri(), "dir_info": {}})

    monkeypatch.setattr(install.metadata, "distribution", lambda name: Dist())
    assert install.hook_source() == ("ssh://git@example.org/team/pk.git", head)
    git("tag", "v1.2.3")  # a release checked out: its tag, which autoupdate reads best
    assert install.hook_source() == ("ssh://git@example.org/team/pk.git", "v1.2.3")
