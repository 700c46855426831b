"""The dependency bounds in pyproject.toml are ones that work (CI also runs the lowest)."""

from __future__ import annotations

import tomllib
from importlib import metadata

from conftest import ROOT


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    bounds = {}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition(">=")
        bounds[name.strip().lower()] = version.strip()
    return bounds


def test_every_dependency_has_a_lower_bound() -> None:
    assert all(_lower_bounds().values())


def test_typer_bound_supports_the_options_partnerkit_declares() -> None:
    # typer below 0.15.4 crashes on `list[Path] | None` options or on Click 8.2's API.
    bound = tuple(int(p) for p in _lower_bounds()["typer"].split("."))
    assert bound >= (0, 15, 4)


def test_installed_versions_meet_the_bounds() -> None:
    for name, bound in _lower_bounds().items():
        installed = metadata.version(name)
        have = tuple(int(p) for p in installed.split(".")[:3] if p.isdigit())
        want = tuple(int(p) for p in bound.split(".")[:3])
        assert have >= want, (name, installed, bound)


def test_weasyprint_bound_prints_the_same_bytes_twice() -> None:
    # WeasyPrint 69 and older name tagged table cells by Python object ids (`id(box)`),
    # so two prints of one document differ; 68 has no URL fetcher class to subclass.
    bound = tuple(int(p) for p in _lower_bounds()["weasyprint"].split("."))
    assert bound >= (70, 0)
