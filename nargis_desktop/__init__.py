"""Nargis Desktop: a private, local-first voice assistant for personal productivity."""

__version__ = "0.1.0"
