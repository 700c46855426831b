"""How two names written differently are read as one: a person, or an item of the file.

`Dr. Helen Okafor` and `helen  okafor` are one person; `Design and facilitation fees`
and `design and facilitation fees for the online modules` name one cost. Defined once,
so that the signature check and the consistency rules never disagree about who is who.
"""

from __future__ import annotations

import re

TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame"})
"""Titles left out when names are compared (with or without their full stop)."""

_WORDS = re.compile(r"\w+")


def person_key(name: str) -> str:
    """A name without its leading titles, in lower case, single-spaced, without punctuation."""
    words = _WORDS.findall(name.casefold())
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    return " ".join(words)


def same_person(a: str, b: str) -> bool:
    """`Dr. Helen Ortega` and `Helen Ortega` are the same person."""
    return person_key(a) == person_key(b)


def matched(a: str, b: str) -> str:
    """What a message says when two spellings were read as one name ("" when identical)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    if a == b:
        return ""
    return f' (matched "{a}" and "{b}", ignoring titles, case and spacing)'


def text_key(text: str) -> str:
    """Words of an item's name in lower case, single-spaced, without punctuation."""
    return " ".join(_WORDS.findall(text.casefold()))
