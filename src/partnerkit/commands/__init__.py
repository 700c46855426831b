"""Command implementations: each takes plain arguments and returns an exit code."""
