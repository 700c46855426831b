"""From a file to its verdict: loading, validation, rules, scoring, suppressions,
and the typed result of one pass per file (`check.pipeline`, `check.result`).

Imports `format`, `yamlio` and `support`.
"""
