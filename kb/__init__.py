"""lexkb library."""
