"""Documentation of the codes checked while loading and validating (PK1xx, PK2xx)."""

from __future__ import annotations

from partnerkit.check.finding import Severity
from partnerkit.check.rules.base import document

E = Severity.ERROR

_CODES = [
    ("PK100", "unreadable-file", "The file cannot be read",
     "The file exists but could not be opened (permissions, a broken link). Fix access or exclude it."),
    ("PK101", "yaml-syntax", "The file is not valid YAML",
     "The YAML parser stopped here. Common causes: an unclosed bracket or quote, a colon in "
     "unquoted text (`title: Part 1: intro` — quote it), wrong indentation."),
    ("PK102", "not-a-partnership", "A YAML file without `partnerkit: 1`",
     "Every partnership file starts with `partnerkit: 1`. Other YAML files in the folder "
     "(CI workflows, tool settings) are not partnerships: leave them out with `exclude` in "
     "`partnerkit.toml` or `--exclude`."),
    ("PK103", "duplicate-key", "A key appears twice in one mapping",
     "Plain YAML silently keeps only the last of two equal keys, so half of what was written "
     "is lost. Remove or rename one.\n\nBad:\n\n    title: Onboarding\n    title: Onboarding v2"),
    ("PK104", "unsupported-yaml", "YAML features a partnership file does not use",
     "One document per file, a mapping at the top, no custom tags (`!!python/...`), no merge "
     "keys (`<<`). Write the content out plainly."),
    ("PK105", "limit-exceeded", "The file is too large, too deep or expands too far",
     "Files over the size limit (5 MB by default, `max_file_size`), nesting deeper than 50 "
     "levels, and aliases that expand to huge structures (\"billion laughs\") are refused "
     "before they cost time or memory."),
    ("PK106", "encoding", "The file is binary or not UTF-8",
     "Save partnership files as UTF-8 text. A byte-order mark is accepted."),
    ("PK107", "empty-file", "The file is empty",
     "An empty or comment-only file. Start it with `partnerkit init`, or delete it."),
    ("PK108", "tab-indentation", "Tabs used for indentation",
     "YAML indents with spaces only. Set your editor to insert spaces in YAML files."),
    ("PK109", "impossible-date", "A date that does not exist",
     "A value like `2026-02-30` looks like a date but is not one. Use a real date, YYYY-MM-DD."),
    ("PK110", "unknown-key", "A key the format does not know",
     "Unknown keys are errors so that a typo (`partnrs:`) cannot pass CI silently. The "
     "message suggests the nearest known key."),
    ("PK111", "missing-key", "A required key is missing",
     "Top level: `partnerkit`, `id`, `title`, `kind`, `status`, `partners`. Inside sections, "
     "the message names what is required where."),
    ("PK112", "wrong-type", "A value of the wrong type",
     "Text where a list is expected, a number where text is expected, a date not written "
     "as YYYY-MM-DD (`2026-10-1`, `next spring`). Dates have a two-digit month and day, "
     "quoted or not, as the JSON Schema's `format: date` reads them; text that looks like a "
     "number is quoted."),
    ("PK113", "invalid-value", "A value outside what the field allows",
     "A value not in the field's list (`kind: vendr`), an id that is not a slug, an email "
     "address without `@`, a rating outside 1–5, a negative amount."),
    ("PK114", "format-version", "A format version this partnerkit does not read",
     "This version of partnerkit reads `partnerkit: 1`."),
    ("PK115", "internal-failure", "partnerkit failed on this file",
     "A bug in partnerkit stopped the checks, the score or the report of this one file. The "
     "other files are checked and reported as usual, and the run exits 1. Please report it "
     "with the file (`PARTNERKIT_DEBUG=1` does not change this finding)."),
    ("PK116", "split-list-item", "A list item that reads as the end of the one before it",
     "Inside `[ ]`, a comma starts a new item, so `benchmarks: [National retention, 78%]` is "
     "two benchmarks. When an item is a bare number, year, amount or percentage after text, "
     "it was probably meant as one: put it in quotes "
     "(`[\"National retention, 78%\"]`) or write one item per line."),
    ("PK120", "unused-suppression", "A suppression comment suppresses nothing",
     "`# partnerkit: ignore[CODE]` that no longer matches a finding on its line (or in the "
     "file, for `ignore-file`). Remove it so that suppressions stay meaningful."),
    ("PK201", "unknown-partner", "A reference to a partner that is not in the file",
     "`owner`, `borne_by`, `governance.*.partner`, the keys of `decisions.independent` and "
     "of `partner_ratings` must each name a partner `id` of the file."),
    ("PK202", "duplicate-partner-id", "Two partners share an id",
     "Partner ids are how the rest of the file refers to a partner; each must be unique."),
    ("PK203", "too-few-partners", "Fewer than two partners",
     "A partnership has at least two partners. Add the other organisation."),
    ("PK204", "period-reversed", "The period ends before it starts",
     "`period.end` must not be before `period.start`."),
    ("PK205", "duplicate-partnership-id", "Two files use the same partnership id",
     "Each partnership's `id` is unique in the portfolio, so that dashboards, calendars "
     "and rendered documents can tell them apart."),
]  # fmt: skip

_WARNINGS = ("PK116", "PK120")
for _code, _name, _summary, _doc in _CODES:
    document(_code, _name, Severity.WARNING if _code in _WARNINGS else E, _summary, _doc)
