"""Changing a user's YAML text in place without disturbing anything else in it.

Imports `check`, `format`, `yamlio` and `support`.
"""
