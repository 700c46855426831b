"""Ids: the slug rule the format enforces, and slugs made from names in any script."""

from __future__ import annotations

import re

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids are slugs of at most this length: the schema's limit, so that what `init` builds
# is always what `check` accepts.
ID_LIMIT = 64
DEFAULT_ID_LIMIT = 48  # an id built from names stays short enough to type


def valid_id(text: str) -> bool:
    """Whether `text` is an id the format accepts."""
    return len(text) <= ID_LIMIT and re.fullmatch(SLUG_PATTERN, text) is not None


def slugify(text: str, limit: int = ID_LIMIT) -> str:
    """`Ünïversität Wien` → `universitat-wien`, `東京大学` → `dong-jing-da-xue`, `L&D` → `ld`.

    Names in any script are transliterated with anyascii; the slug is cut at a hyphen
    within `limit`.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug or "partner"


def _ascii(text: str) -> str:
    """Latin letters for a name: `&` inside an abbreviation joins it (`L&D`, `AT&T`), and
    between words reads "and"; each ideograph or syllable becomes a word of its own."""
    import unicodedata

    from anyascii import anyascii

    text = re.sub(r"(?<=\w)&(?=\w)", "", text).replace("&", " and ")
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif unicodedata.category(char)[0] in "SC":  # symbols, emoji, controls: no name
            out.append(" ")
        else:
            latin = anyascii(char)
            out.append(f" {latin} " if unicodedata.category(char) == "Lo" else latin)
    return "".join(out)
