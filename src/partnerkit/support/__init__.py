"""Helpers every layer may use: `errors` (what stops a command, exit 2), `fsutil`
(writing without losing anything), `sanitize` (every escaper, one per kind of output),
`words` (counts and dates in plain English), `trends` (bars and sparklines),
`parallel` (worker processes in order), `records` (frozen records that cross between
them cheaply), `spool` (a large report kept as UTF-8 until written), `install` (where
this partnerkit came from).

Nothing here imports the rest of partnerkit.
"""
