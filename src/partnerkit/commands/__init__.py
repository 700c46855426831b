"""Command implementations: each takes its options and returns an exit code.

One module per command (`check`, `score`, `review`, `render`, ...; `cycle` holds
`form`, `record` and `measure`, `lifecycle` holds `sign`, `amend`, `renew` and `diff`,
`repo` is `init --repo`), their options declared once in `options`, and what they
share: `common` (configuration, file lists, loading a sound partnership) and
`editfile` (the one way a command edits a partnership file).
"""
