"""partnerkit: learning-and-development partnerships as code."""

__version__ = "0.1.0"
