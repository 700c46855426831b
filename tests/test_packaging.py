"""What a wheel of partnerkit carries: its licence and honest metadata."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

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
