"""The standard terms partnerkit ships: one named, versioned set per kind of agreement.

Each set is a data file `NAME.VERSION.yaml` in the package's `standard_terms/` folder,
written clause by clause with a note of what each clause is for. Versions sit side by
side and are never edited once released: a file that names a set and a version renders
those words for as long as partnerkit ships them, and a revision is a new version.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from partnerkit.format.model import Partnership

# The folders searched for sets, in order (tests add one holding a later version).
FOLDERS: list[Path] = [Path(__file__).resolve().parents[1] / "standard_terms"]
# The set each kind of partnership is made under unless its file names another.
BY_KIND = {
    "vendor": "partnerkit-vendor-services",
    "school": "partnerkit-placement",
    "community": "partnerkit-community-mou",
    "internal": "partnerkit-working-charter",
}
_FILE = re.compile(r"^(?P<name>[a-z0-9][a-z0-9-]*)\.(?P<version>[1-9][0-9]*)\.yaml$")


@dataclass(frozen=True)
class Clause:
    key: str  # stable across versions: what tests and rules look for
    title: str
    purpose: str  # what the clause is for, for counsel reviewing the set
    text: str


@dataclass(frozen=True)
class Section:
    title: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class StandardTerms:
    name: str
    version: int
    kind: str
    title: str
    caution: str  # a starting point for counsel, not legal advice
    sections: tuple[Section, ...]

    @property
    def label(self) -> str:
        """`partnerkit-vendor-services, version 1`."""
        return f"{self.name}, version {self.version}"

    def clauses(self) -> list[Clause]:
        return [c for s in self.sections for c in s.clauses]


def shipped() -> dict[tuple[str, int], Path]:
    """Every (name, version) shipped, and its file; an earlier folder wins a tie."""
    return dict(_listed(tuple(FOLDERS)))


@functools.lru_cache(maxsize=8)
def _listed(folders: tuple[Path, ...]) -> dict[tuple[str, int], Path]:
    # Listed once per set of folders: a check listed them three times for every file
    # judged against its kind's default set (285 listings in a check of 1,000 files).
    found: dict[tuple[str, int], Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            m = _FILE.match(path.name)
            if m:
                found.setdefault((m["name"], int(m["version"])), path)
    return found


def versions(name: str) -> list[int]:
    return sorted(v for n, v in shipped() if n == name)


def latest(name: str) -> int | None:
    found = versions(name)
    return found[-1] if found else None


def load(name: str, version: int) -> StandardTerms | None:
    """The set `name` at `version`, or None when this partnerkit does not ship it."""
    path = shipped().get((name, version))
    return _read(path) if path else None


def default_for(kind: str) -> StandardTerms | None:
    """The latest version of the set for this kind (None for `other`)."""
    name = BY_KIND.get(kind)
    version = latest(name) if name else None
    return load(name, version) if name and version else None


@functools.lru_cache(maxsize=32)
def _read(path: Path) -> StandardTerms:
    # The C loader when PyYAML has it: the shipped sets are read by every check that
    # judges a cover page; the pure-Python reader took 50 ms of each run, the C one 6 ms.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    sections = tuple(
        Section(
            s["title"],
            tuple(
                Clause(c["key"], c["title"], _flat(c["purpose"]), _flat(c["text"]))
                for c in s["clauses"]
            ),
        )
        for s in data["sections"]
    )
    return StandardTerms(
        name=data["name"],
        version=int(data["version"]),
        kind=data["kind"],
        title=data["title"],
        caution=_flat(data["caution"]),
        sections=sections,
    )


def _flat(text: str) -> str:
    return " ".join(str(text).split())


def of_partnership(p: Partnership) -> StandardTerms | None:
    """The set a partnership's agreement is made under: the one its file names; else,
    until someone signs, the latest set for its kind. A file signed without naming a
    set renders as it was signed, with none (a later release never adds words to it)."""
    ref = p.terms.standard_terms if p.terms else None
    if ref is not None:
        return load(ref.name, ref.version)
    if any(x.signed for x in p.partners):
        return None
    return default_for(p.kind)
