"""Counts in plain English: `1 partnership`, `2 partnerships`."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun in the number it needs."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
