"""Documents made from a partnership: the agreement and other templates (HTML,
Markdown), Word, PDF, spreadsheets, calendars and redlines.

Imports `check`, `format`, `yamlio` and `support`.
"""
