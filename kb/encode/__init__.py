"""Encoders of TOML tables that need more than the compiler's one handler (versions.py)."""
