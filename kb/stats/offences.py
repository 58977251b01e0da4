"""The offences the statistics name, linked to the knowledge base's offences by name: declared in
the statistics folder's declaration ([[link]] and [[offence]] tables, lexkb.stats.source), not here."""
from __future__ import annotations

from pathlib import Path

from .model import Declared, Link


def declared(statistics_dir: Path | None = None) -> Declared:
    """The declaration of the statistics folder (default: the project's statistics/)."""
    from . import STATISTICS_DIR, load

    return next(iter(load(statistics_dir or STATISTICS_DIR).values())).declared


def unmodelled(decl: Declared) -> dict[str, str | None]:
    """The statistics' names of offences the knowledge base does not model -> their statute: None,
    as no source lexkb cites names an article for them."""
    return {name: None for name, link in decl.links.items() if link.offence is None and link.related is None}


def __getattr__(name: str):
    # UNMODELLED and LINKS as module attributes, read from the project's declaration when first asked
    if name == "UNMODELLED":
        return unmodelled(declared())
    if name == "LINKS":
        return declared().links
    raise AttributeError(name)


__all__ = ["Link", "declared", "unmodelled"]
