"""Where document templates come from, and the sandbox they run in.

Built-in templates ship inside the package (the repository's `templates/` in a checkout);
a user's folder adds templates or replaces a built-in of the same name, Jinja (`.md.j2`,
`.html.j2`) or Word (`NAME.docx`). Every template runs in Jinja's immutable sandbox with
undefined variables as errors and the limits of `sandbox` (time, output size, no Pydantic
API); HTML templates autoescape everything they show.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerkit.documents.filters import FILTERS
from partnerkit.format.thresholds import (
    DUE_SOON_DAYS,
    HEALTH_CONCERN,
    HEALTH_STRENGTH,
    PERCEPTION_GAP,
    health_scale,
)
from partnerkit.support.errors import UsageError
from partnerkit.support.fsutil import read_limited

MAX_TEMPLATE_BYTES = 1024 * 1024
TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def builtin_dir() -> Path:
    """Built-in templates: inside the installed package, or the repository's `templates/`."""
    package = Path(__file__).resolve().parents[1]  # partnerkit/, above documents/
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "templates"


_MODULE_PATH = re.compile(r"\bpartnerkit(?:\.\w+)+\.(\w+)")


def template_message(exc: BaseException) -> str:
    """A template error as its author can act on it: Jinja names an object by its module
    path (`'partnerkit.format.model.Partner object' has no attribute 'x'`), which says
    where partnerkit keeps its code, not what the template used: `'Partner object'`."""
    message = getattr(exc, "message", None) or str(exc)
    return _MODULE_PATH.sub(r"\1", message)


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
            if not TEMPLATE_NAME.match(stem) or ext not in ("md", "html"):
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
    """The Jinja environment of the documents: a templates folder's templates override
    the built-ins by name.

    A templates folder comes from a pull request: with one, every template (its own and
    the built-ins it includes or extends) runs in the sandbox, with its time and size
    limits (`sandbox`). Without one, every template is partnerkit's own, and a file's
    values reach them as data only, never as template code: they run in a plain
    autoescaping environment, as the sandbox would guard against nothing there (it cost
    a third of each rendering)."""
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )

    from partnerkit.documents.sandbox import LimitedSandbox

    loaders = [_user_loader(str(user_dir))] if user_dir else []
    loaders.append(FileSystemLoader(str(builtin_dir())))
    kind = LimitedSandbox if user_dir else Environment
    env = kind(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(template_globals())
    return env


def template_globals() -> dict[str, Any]:
    """What every template may read besides its variables (Jinja's own globals apart)."""
    return {
        "health_scale": health_scale(),
        "health_strength": HEALTH_STRENGTH,
        "health_concern": HEALTH_CONCERN,
        "perception_gap": PERCEPTION_GAP,
        "due_soon_days": DUE_SOON_DAYS,
    }


def user_template(user_dir: Path | None, name: str) -> Path | None:
    """The user's `NAME.docx` in their templates folder: a regular file, never a link."""
    if user_dir is None or not TEMPLATE_NAME.match(name):
        return None
    path = user_dir / f"{name}.docx"
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        raise UsageError(
            f"template {path}: a symbolic link; only regular files under the templates "
            "folder are templates"
        )
    return path if stat.S_ISREG(mode) else None


def add_word_templates(found: dict[str, dict[str, Any]], folder: Path) -> None:
    """The Word templates (`NAME.docx`) of a user's folder, for `partnerkit templates`."""
    for path in sorted(folder.glob("*.docx")):
        if path.is_symlink() or not path.is_file() or user_template(folder, path.stem) is None:
            continue
        entry = found.setdefault(
            path.stem, {"formats": set(), "description": "Your Word template.", "origin": "user"}
        )
        entry["formats"].add("docx")
        if entry["origin"] == "built-in":
            entry["origin"] = "user Word template (overrides built-in for docx)"
