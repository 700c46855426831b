"""`partnerkit init`: scaffolds that check clean, never overwrite, never hang."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY

PARTNERS = ("--partner", "Riverside Health", "--partner", "meridian=Meridian Clinical Learning")


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
def test_scaffold_checks_clean_with_open_questions(cli, workdir: Path, kind: str) -> None:
    made = cli("init", "--kind", kind, "--today", TODAY, *PARTNERS)
    assert made.code == 0, made.err
    target = workdir / "partnerships" / "riverside-health-meridian.yaml"
    assert f"Created {target.relative_to(workdir)}" in made.out
    checked = cli("check", "--no-config", "--today", TODAY, target)
    assert checked.code == 0, checked.out
    assert ": error " not in checked.out
    assert "warning PK301 Q1 is not answered" in checked.out
    data = yaml.safe_load(target.read_text("utf-8"))
    assert data["kind"] == kind and data["status"] == "exploring"
    assert [p["id"] for p in data["partners"]] == ["riverside-health", "meridian"]
    interests = {s["interest"] for s in data["stakeholders"]}
    if kind == "community":
        assert {"funder", "training-source", "training-need"} <= interests
    if kind == "vendor":
        assert data["costs"] and data["changes"]["termination"]["notice_days"] == 60
    if kind == "internal":
        assert any("project team" in s["name"] for s in data["stakeholders"])


def test_every_section_names_its_question(cli, workdir: Path) -> None:
    cli("init", "--today", TODAY, *PARTNERS)
    text = next((workdir / "partnerships").iterdir()).read_text("utf-8")
    for n in range(1, 11):
        assert f"Q{n}:" in text


def test_init_never_overwrites(cli, workdir: Path) -> None:
    assert cli("init", "--today", TODAY, *PARTNERS).code == 0
    target = next((workdir / "partnerships").iterdir())
    target.write_text(target.read_text() + "# my edits\n")
    before = target.read_bytes()
    again = cli("init", "--kind", "school", "--today", TODAY, *PARTNERS)
    assert again.code == 2
    assert "already exists" in again.err
    assert target.read_bytes() == before
    assert cli("init", "--kind", "school", "--force", *PARTNERS).code == 0
    assert b"kind: school" in target.read_bytes()


def test_path_options(cli, workdir: Path) -> None:
    (workdir / "deals").mkdir()
    assert cli("init", "deals", "--id", "pilot", *PARTNERS).code == 0
    assert (workdir / "deals" / "pilot.yaml").exists()
    assert cli("init", "nested/new/p.yml", *PARTNERS).code == 0
    assert (workdir / "nested" / "new" / "p.yml").exists()
    assert cli("init", "p.txt", *PARTNERS).code == 2
    assert cli("init", "--id", "Not A Slug", *PARTNERS).code == 2
    assert cli("init", "--kind", "charity", *PARTNERS).code == 2


def test_no_terminal_never_waits(workdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "partnerkit", "init"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "--partner" in done.stderr
    assert not (workdir / "partnerships").exists()


def test_interactive_prompts_fill_in_the_details(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    at_terminal: None,
) -> None:
    from partnerkit.commands.init import InitOptions, run_init

    monkeypatch.setattr(
        sys, "stdin", io.StringIO("Lakeview USD\nCornerstone Literacy\n\nschool\n\n")
    )
    assert run_init(InitOptions(today=TODAY)) == 0
    target = workdir / "partnerships" / "lakeview-usd-cornerstone-literacy.yaml"
    data = yaml.safe_load(target.read_text("utf-8"))
    assert data["kind"] == "school"
    assert data["title"] == "Lakeview USD and Cornerstone Literacy partnership"
    assert data["partners"][1]["role"] == "provider"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(min_size=1, max_size=30).filter(lambda s: s.strip() and "=" not in s),
        min_size=2,
        max_size=3,
    ),
    st.text(min_size=1, max_size=40).filter(str.strip),
)
def test_any_names_round_trip(names: list[str], title: str) -> None:
    import datetime as dt

    from partnerkit.check.loader import load_bytes
    from partnerkit.format.scaffold import parse_partner, render_scaffold, unique_ids

    partners = unique_ids([parse_partner(n) for n in names])
    text = render_scaffold(
        pid="x", title=title.strip(), kind="vendor", partners=partners, today=dt.date(2026, 1, 1)
    )
    loaded = load_bytes(text.encode("utf-8"), "x.yaml")
    assert loaded.model is not None, loaded.findings
    assert [p.name for p in loaded.model.partners] == [p.name for p in partners]
    assert loaded.model.title == title.strip()


def test_init_repo(cli, workdir: Path) -> None:
    (workdir / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = cli("init", "--repo")
    assert result.code == 0
    assert "kept     .pre-commit-config.yaml" in result.out
    assert "created  partnerkit.toml" in result.out
    assert "created  partnerships/" in result.out
    assert "Add this to .pre-commit-config.yaml by hand (under `repos:`)" in result.out
    assert "- id: partnerkit-check" in result.out and "rev: v" in result.out
    assert (workdir / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    for rel in ("partnerkit.toml", ".partnerkit/partnership.schema.json",
                ".github/workflows/partnerkit.yml", ".vscode/settings.json"):  # fmt: skip
        assert (workdir / rel).is_file(), rel
    assert (workdir / "partnerships").is_dir()
    made = cli("init", "--partner", "A", "--partner", "B", "--today", TODAY)
    assert made.code == 0
    target = workdir / "partnerships" / "a-b.yaml"
    first = target.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.partnerkit/partnership.schema.json"
    assert cli("check", "--today", TODAY).code == 0
    again = cli("init", "--repo")
    assert again.out.count("kept") == 6


def _git_repo(folder: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


needs_pre_commit = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit", path=_env()["PATH"]) is None,
    reason="git and pre-commit are needed",
)


def _upstream(folder: Path, tag: str) -> Path:
    """partnerkit's repository as pre-commit fetches it: this source tree, tagged `tag`
    (no network here; a clone of the real one is the same)."""
    for name in ("src", "templates", "examples"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, folder / name)
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "partnerkit")
    _git(folder, "tag", tag)
    return folder


def _git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "HOME": str(folder.parent), "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    env["PRE_COMMIT_HOME"] = str(folder.parent / "pre-commit-home")
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        ["git", "-C", str(folder), *args], env=env, capture_output=True, text=True,
        timeout=900, check=check,
    )  # fmt: skip


@needs_pre_commit
def test_new_repository_runs_the_check_in_pre_commit(cli, tmp_path: Path, monkeypatch) -> None:
    """The hooks `init --repo` writes name a repository and a release, not this install
    (a folder, a wheel, a clone: `partnerkit==0.1.0` from a folder failed on every clone),
    so any clone runs them, `pre-commit autoupdate` moves them, and a commit adding a file
    whose id an unchanged file already has is refused."""
    from partnerkit import __version__
    from partnerkit.support.install import PROJECT

    tag = f"v{__version__}"
    upstream = _upstream(tmp_path / "upstream", tag)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert cli("init", "--repo", "--partner", "A", "--partner", "B").code == 0
    config = work / ".pre-commit-config.yaml"
    text = config.read_text()
    assert f"repo: {PROJECT}\n    rev: {tag}\n" in text
    # No network here: the same repository, cloned where pre-commit can reach it.
    config.write_text(text.replace(f"repo: {PROJECT}", f"repo: {upstream.as_uri()}"))
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    pre_commit = [sys.executable, "-m", "pre_commit"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
        env["PATH"] = "/usr/bin:/bin"  # no partnerkit on PATH: the hook brings its own
        env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
        env["HOME"] = str(tmp_path)
        env.update({k: "t" for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")})
        env.update({k: "t@example.org" for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")})
        return subprocess.run(
            args, cwd=work, env=env, capture_output=True, text=True, timeout=900, check=False
        )

    done = run(*pre_commit, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "partnerkit check" in done.stdout and "partnerkit schema copy" in done.stdout
    assert run("git", "commit", "-q", "-m", "set up").returncode == 0
    assert run(*pre_commit, "install").returncode == 0

    # A new file with the id of a file that does not change: pre-commit passes only the
    # new one, and the hook reads the others' ids from the configured paths.
    first = work / "partnerships" / "a-b.yaml"
    (work / "partnerships" / "c.yaml").write_text(first.read_text())
    run("git", "add", "partnerships/c.yaml")
    refused = run("git", "commit", "-m", "a second file with the same id")
    said = refused.stdout + refused.stderr  # git shows the hook's output on stderr
    assert refused.returncode == 1, said
    assert "partnerships/c.yaml:" in said and "error PK205" in said
    assert "already used by partnerships/a-b.yaml" in said
    assert "set up" in run("git", "log", "-1", "--format=%s").stdout
    run("git", "reset", "-q", "partnerships/c.yaml")

    # The committed schema copy from an older partnerkit: the hook writes this one's and
    # stops the commit so that the change is seen and committed.
    copy = work / ".partnerkit" / "partnership.schema.json"
    current = copy.read_text()
    copy.write_text(current.replace('"title"', '"old-title"', 1))
    stale = run(*pre_commit, "run", "partnerkit-schema", "--all-files")
    assert stale.returncode == 1 and "files were modified by this hook" in stale.stdout
    assert copy.read_text() == current

    # A newer release: `pre-commit autoupdate` moves the hooks to it.
    (upstream / "NEWS").write_text("a newer release\n")
    _git(upstream, "add", "NEWS")
    _git(upstream, "commit", "-q", "-m", "newer")
    _git(upstream, "tag", "v99.0.0")
    moved = run(*pre_commit, "autoupdate")
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert "rev: v99.0.0" in config.read_text()


@needs_pre_commit
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="try-repo needs this repository's git")
def test_shipped_hook_with_pre_commit_try_repo(workdir: Path) -> None:
    (workdir / "partnerships").mkdir()
    (workdir / "partnerships" / "p.yaml").write_text("partnerkit: 1\nid: Bad Id\n")
    (workdir / "ci.yaml").write_text("on: push\n")  # not a partnership: not passed to the hook
    _git_repo(workdir)
    done = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "partnerkit-check", "--all-files"],
        cwd=workdir, env=_env(), capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "partnerships/p.yaml:2:5: error PK113" in done.stdout
    assert "ci.yaml" not in done.stdout


@pytest.mark.parametrize("kind", ["vendor", "internal", "community", "school", "other"])
def test_scaffold_terms_are_valid_once_uncommented(kind: str) -> None:
    """The starter `terms` wording is meant to be uncommented: it must then still load."""
    import datetime as dt

    from partnerkit.format.model import Partnership
    from partnerkit.format.scaffold import PartnerSpec, render_scaffold

    text = render_scaffold(
        pid="x",
        title="X",
        kind=kind,
        partners=[PartnerSpec("a", "A"), PartnerSpec("b", "B")],
        today=dt.date(2026, 1, 1),
    )
    lines = text.splitlines()
    start = lines.index("# terms:")
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(line[2:].replace("YYYY-MM-DD", "2026-02-01"))
    data = yaml.safe_load(text)
    data.update(yaml.safe_load("\n".join(block)))
    terms = Partnership.model_validate(data).terms
    assert terms is not None and terms.effective == dt.date(2026, 2, 1)
    if kind == "internal":
        assert terms.binding is False and terms.liability is None
    if kind == "school":
        assert terms.data_protection and "FERPA" in terms.data_protection.laws
    if kind == "vendor":
        assert terms.liability and terms.insurance


def test_the_id_init_builds_is_one_check_accepts(cli, workdir: Path) -> None:
    made = cli(
        "init", "--kind", "vendor", "--today", TODAY,
        "--partner", "Northwind Health L&D", "--partner", "Contoso Simulation Labs",
    )  # fmt: skip
    assert made.code == 0, made.err
    target = workdir / "partnerships" / "northwind-health-ld-contoso-simulation-labs.yaml"
    assert target.is_file()
    assert ": error " not in cli("check", "--no-config", "--today", TODAY, target).out


@pytest.mark.parametrize(("length", "code"), [(41, 0), (64, 0), (65, 2)])
def test_id_length_follows_the_schema(cli, workdir: Path, length: int, code: int) -> None:
    pid = ("abcdefghij-" * 7)[:length].strip("-").ljust(length, "x")
    result = cli("init", "--id", pid, *PARTNERS)
    assert result.code == code, result.err
    if code == 0:
        checked = cli("check", "--no-config", workdir / "partnerships" / f"{pid}.yaml")
        assert ": error " not in checked.out


def test_a_bad_id_or_kind_is_refused_before_any_question(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, at_terminal: None
) -> None:
    from partnerkit.commands.init import InitOptions, run_init
    from partnerkit.support.errors import UsageError

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a question would hit end of input
    with pytest.raises(UsageError, match="--id Not-A-Slug: use lowercase"):
        run_init(InitOptions(id="Not-A-Slug"))
    with pytest.raises(UsageError, match=r"--kind Vendor \(did you mean vendor\?\)"):
        run_init(InitOptions(kind="Vendor"))


def _interactive(monkeypatch: pytest.MonkeyPatch, answers: str) -> Path:
    from partnerkit.commands.init import InitOptions, run_init

    monkeypatch.setattr("partnerkit.commands.init._can_prompt", lambda opts: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    assert run_init(InitOptions(today=TODAY)) == 0
    (made,) = (Path.cwd() / "partnerships").iterdir()
    return made


def test_an_empty_organisation_is_asked_again(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _interactive(monkeypatch, "\n  \nLakeview USD\n\nCornerstone\n\nschool\n\n")
    assert made.name == "lakeview-usd-cornerstone.yaml"
    assert "A name is needed here." in capsys.readouterr().out


def test_a_typed_title_names_the_file(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _interactive(monkeypatch, "A\nB\n\nvendor\nReading Recovery Pilot 2027\n")
    assert made.name == "reading-recovery-pilot-2027.yaml"


def test_end_of_input_at_a_prompt_writes_nothing(workdir: Path) -> None:
    import pty

    # A terminal whose user presses Ctrl-D at the first question.
    parent, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "partnerkit", "init"], stdin=child, stdout=child, stderr=child,
        cwd=workdir, env={**os.environ, "CI": ""},
    )  # fmt: skip
    os.close(child)
    output = b""
    while b"organisation" not in output:
        output += os.read(parent, 1024)
    os.write(parent, b"\x04")
    code = process.wait(timeout=60)
    try:
        while chunk := os.read(parent, 1024):
            output += chunk
    except OSError:
        pass
    assert code == 2, output
    assert b"nothing was written" in output and b"Aborted" not in output
    assert not (workdir / "partnerships").exists()


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Northwind Health L&D", "northwind-health-ld"), ("Smith & Jones", "smith-and-jones"),
     ("Ünïversität Wien", "universitat-wien"), ("東京大学", "dong-jing-da-xue"),
     ("Москва", "moskva"), ("🙂", "partner")],
)  # fmt: skip
def test_slugs_transliterate_names(name: str, slug: str) -> None:
    from partnerkit.format.scaffold import parse_partner

    assert parse_partner(name).id == slug
