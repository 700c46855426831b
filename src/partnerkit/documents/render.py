"""Render documents from a partnership with Jinja2 templates, built-in or the user's own.

Every template runs in Jinja's immutable sandbox with undefined variables as errors;
HTML templates autoescape everything they show. Output depends only on the file, the
template and the options: no timestamps unless asked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import stat
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit import __version__
from partnerkit.check.facts import progress_of, review_ratings, spreads
from partnerkit.check.finding import Finding
from partnerkit.check.scoring import Assessment
from partnerkit.check.selection import compare
from partnerkit.documents.filters import FILTERS
from partnerkit.format.model import SIX_CS, Partnership
from partnerkit.format.thresholds import (
    DUE_SOON_DAYS,
    HEALTH_CONCERN,
    HEALTH_STRENGTH,
    PERCEPTION_GAP,
    health_scale,
)
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import read_limited
from partnerkit.support.sanitize import document

FORMATS = {"md": "md", "html": "html", "pdf": "html", "docx": "html"}
MAX_TEMPLATE_BYTES = 1024 * 1024
TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def builtin_dir() -> Path:
    """Built-in templates: inside the installed package, or the repository's `templates/`."""
    package = Path(__file__).resolve().parents[1]  # partnerkit/, above documents/
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    formats: tuple[str, ...]
    description: str
    origin: str  # built-in | user (overrides built-in)


_DESCRIPTION = re.compile(r"\{#-?\s*description:\s*(.+?)\s*-?#\}", re.S)


def list_templates(user_dir: Path | None) -> list[TemplateInfo]:
    """Templates by name with their formats and description, user ones first in priority."""
    found: dict[str, dict[str, Any]] = {}
    dirs = [("built-in", builtin_dir())] + ([("user", user_dir)] if user_dir else [])
    for origin, folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.j2")):
            if origin == "user" and (path.is_symlink() or not path.is_file()):
                continue  # only regular files under the folder are templates
            stem, _, ext = path.name[:-3].rpartition(".")
            if not stem or stem.startswith("_") or ext not in ("md", "html"):
                continue
            entry = found.setdefault(stem, {"formats": set(), "description": "", "origin": origin})
            entry["formats"].add(ext)
            if origin == "user":
                entry["origin"] = (
                    "user" if entry["origin"] == "user" else "user (overrides built-in)"
                )
            match = _DESCRIPTION.search(path.read_text("utf-8", "replace")[:2000])
            if match and (origin == "user" or not entry["description"]):
                entry["description"] = " ".join(match.group(1).split())
    if user_dir is not None and user_dir.is_dir():
        from partnerkit.documents.docxout import add_word_templates

        add_word_templates(found, user_dir)
    return [
        TemplateInfo(name, tuple(sorted(e["formats"])), e["description"], e["origin"])
        for name, e in sorted(found.items())
    ]


def _regular_file_loader() -> Any:
    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class Loader(FileSystemLoader):
        """A user's templates: regular files under the folder, never a symlink out of it."""

        def get_source(self, environment: Any, template: str) -> Any:
            folder = Path(self.searchpath[0])
            path = folder
            for part in split_template_path(template):
                path = path / part
                try:
                    mode = path.lstat().st_mode
                except OSError:
                    raise TemplateNotFound(template) from None
                if stat.S_ISLNK(mode):
                    raise UsageError(
                        f"template {path}: a symbolic link; only regular files under the "
                        "templates folder are templates"
                    )
            if not stat.S_ISREG(path.lstat().st_mode):
                raise TemplateNotFound(template)
            text = read_limited(path, MAX_TEMPLATE_BYTES).decode("utf-8", "replace")
            return text, str(path), lambda: False

    return Loader


def _user_loader(folder: str) -> Any:
    return _regular_file_loader()(folder)


def environment(user_dir: Path | None) -> Any:
    """The sandboxed Jinja environment: user templates override built-ins by name."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders = [_user_loader(str(user_dir))] if user_dir else []
    loaders.append(FileSystemLoader(str(builtin_dir())))
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(
        health_scale=health_scale(),
        health_strength=HEALTH_STRENGTH,
        health_concern=HEALTH_CONCERN,
        perception_gap=PERCEPTION_GAP,
        due_soon_days=DUE_SOON_DAYS,
    )
    return env


@dataclass
class DocumentMeta:
    """What every document says about itself: source, content hash, status."""

    source: str
    sha256: str
    template: str
    format: str
    draft: bool
    final: bool
    date: dt.date | None
    paper: str = "a4"
    version: str = __version__

    @property
    def sha_short(self) -> str:
        return self.sha256[:12]


@dataclass
class RenderInput:
    """What a document is made from: the valid model, its assessment and findings."""

    model: Partnership
    assessment: Assessment
    findings: list[Finding]
    today: dt.date


def context(inp: RenderInput, meta: DocumentMeta) -> dict[str, Any]:
    """The variables a template receives (documented by `partnerkit templates`)."""
    p = inp.model
    partners = {x.id: x for x in p.partners}
    from partnerkit.check.roi import roi_of
    from partnerkit.documents.agenda import agenda_of
    from partnerkit.documents.clauses import wording
    from partnerkit.documents.openpoints import open_points
    from partnerkit.support.trends import criterion_series

    history = sorted(p.reviews.history, key=lambda r: r.date) if p.reviews else []
    criteria = p.success.criteria if p.success else []
    from partnerkit.check.fingerprint import fingerprint

    return {
        "p": p,
        "terms_fingerprint": fingerprint(p),
        "partners": partners,
        "readiness": inp.assessment,
        "health": inp.assessment.health,
        "questions": inp.assessment.questions,
        "findings": inp.findings,
        "gaps": [f for f in inp.findings if f.code[:3] in ("PK3", "PK4", "PK5")],
        "reviews": [
            {"review": r, "ratings": review_ratings(r), "spreads": spreads(r)} for r in history
        ],
        "six_cs": SIX_CS,
        "progress": progress_of(p, inp.today),
        "actions": inp.assessment.next_actions,
        "roi": roi_of(p),
        "agenda": agenda_of(p, inp.today),
        "measured": {c.name: [v for _, v in criterion_series(c)] for c in criteria},
        "open_points": open_points(p, inp.assessment),
        "w": wording(p),
        "doc": meta,
        "today": inp.today,
        "selection": compare(p.candidates) if p.candidates and p.candidates.options else None,
    }


def document_source(shown: str) -> str:
    """The source a document names: the path as the user gave it, relative to here.

    A path that climbs (`../../x.yaml`) says nothing to a reader of the document, and an
    absolute one is a machine's: both are named by the file name (a longer footer also
    pushes a Letter one-pager onto a second page).
    """
    path = Path(shown)
    return path.name if ".." in path.parts or path.is_absolute() else shown


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def render_text(env: Any, template: str, fmt: str, variables: dict[str, Any]) -> str:
    """Render one template; template problems become a `UsageError` naming file and line."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    name = f"{template}.{FORMATS[fmt]}.j2"
    try:
        return document(str(env.get_template(name).render(**variables)), html=fmt != "md")
    except TemplateNotFound as exc:
        if exc.name == name:
            raise UsageError(
                f"no template `{template}` in {fmt} format; `partnerkit templates` lists them"
            ) from None
        raise UsageError(f"template {name}: includes `{exc.name}`, which does not exist") from None
    except TemplateSyntaxError as exc:
        raise UsageError(
            f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}"
        ) from None
    except SecurityError as exc:
        where = _template_line(exc, name)
        raise UsageError(f"{where}: template refused by the sandbox: {exc}") from None
    except TemplateError as exc:
        where = _template_line(exc, name)
        raise UsageError(f"{where}: template error: {exc.message or exc}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        where = _template_line(exc, name)
        raise UsageError(f"{where}: template error: {type(exc).__name__}: {exc}") from None


def _template_line(exc: BaseException, fallback: str) -> str:
    """The deepest template frame of an exception's traceback, as `file:line`."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}"
    return fallback


def output_name(model: Partnership, template: str, fmt: str) -> str:
    """A safe file name from the partnership id (a validated slug) and the template name."""
    if not TEMPLATE_NAME.match(template):
        raise UsageError(f"template name {template!r}: use lowercase letters, digits and hyphens")
    safe_id = re.sub(r"[^a-z0-9-]", "-", model.id)
    return f"{safe_id}-{template}.{fmt}"


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refusing anything that would land outside `folder`."""
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise UsageError(f"refusing to write {name}: it is outside {folder}")
    return folder.resolve() / name  # a symlink of that name is replaced, never followed
