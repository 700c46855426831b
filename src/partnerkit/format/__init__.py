"""The partnership file format: its value types, the Pydantic models, thresholds,
ids, and the scaffold of a new file.

Imports `support` only.
"""
