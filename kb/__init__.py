"""lexkb library: compile, validate and query the knowledge base."""

__version__ = "0.1.0"
