"""Helpers every layer may use: `errors` (what stops a command, exit 2), `fsutil`
(writing without losing anything), `sanitize` (every escaper, one per kind of output),
`words` (counts and dates in plain English), `trends` (bars and sparklines),
`parallel` (worker processes in order), `install` (where this partnerkit came from).

Nothing here imports the rest of partnerkit.
"""
