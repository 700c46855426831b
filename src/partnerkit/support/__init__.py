"""Helpers every layer may use: errors, safe writing, escaping, plain words, worker processes.

Nothing here imports the rest of partnerkit.
"""
