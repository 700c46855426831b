"""What a wheel of partnerkit carries: its licence and honest metadata."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def test_the_wheel_carries_the_licence_and_classifiers(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(ROOT)], check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("partnerkit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
        # the layered packages, and the data they find from one level down (documents/)
        for name in (
            "partnerkit/documents/render.py", "partnerkit/check/rules/__init__.py",
            "partnerkit/templates/agreement.html.j2", "partnerkit/fonts/DejaVuSerif.ttf",
            "partnerkit/format/partnership.schema.json",
            "partnerkit/standard_terms/partnerkit-placement.1.yaml",
            "partnerkit/templates/_standard_terms.html.j2",
            "partnerkit/examples/riverside-clinical-onboarding.yaml",  # init --example
        ):
            assert name in names, name
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    for line in (
        "Classifier: Development Status :: 3 - Alpha",
        "Classifier: Programming Language :: Python :: 3.11",
        "Classifier: Topic :: Education",
        "License-Expression: MIT",
    ):
        assert line in metadata
    assert "partnerkit developers" not in metadata
    assert (
        "LICENSE"
        in (ROOT / "pyproject.toml").read_text().split("[tool.hatch.build.targets.sdist]")[1]
    )


def test_project_urls_point_where_sarif_help_points() -> None:
    """`[project.urls]` names the repository that SARIF's helpUri and informationUri name."""
    import tomllib

    from partnerkit.reporters.machine import INFO_URI

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    assert set(urls) >= {"Homepage", "Documentation", "Issues"}
    assert all(url.startswith(INFO_URI) for url in urls.values()), urls
    assert urls["Issues"] == f"{INFO_URI}/issues"


def test_the_sdist_holds_what_its_tests_import(tmp_path: Path) -> None:
    """A source distribution's tests collect: it carries `benchmarks/`, which several test
    modules import (it was left out, and eight of them failed to collect)."""
    pytest.importorskip("build", reason="the source build needs `build` (in the test extra)")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (sdist,) = (tmp_path / "dist").glob("partnerkit-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = (p for p in tmp_path.iterdir() if p.name.startswith("partnerkit-"))
    assert (unpacked / "benchmarks" / "run.py").is_file()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=unpacked, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " error" not in done.stdout.splitlines()[-1], done.stdout[-3000:]
