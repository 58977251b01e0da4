"""Which statute text stood on a day (the report's date), as far as the sources tell: the version of
the article in force that day (the latest whose decree was published on or before it), read in the
closest edition printed on or after it, and whether the article's amendment notes record a change
between the two dates (then the edition's words are not the words of that day). Dates are the
journal's publication dates; entry into force is not in source (lexkb.validity)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .facts import Article, Change

EXISTENCE_KINDS = ("adicionado", "derogado")  # notes that make or unmake an article, not reword it


@dataclass
class Statute:
    """The statute's side of one article on `day`."""
    day: dt.date
    status: str                  # in-force, repealed, not-yet, no-edition
    edition: tuple | None = None  # (date, label) of the closest edition on or after `day`
    version: str | None = None    # IRI of the version in force on `day`, when the sources have it
    since: dt.date | None = None
    passage: str | None = None    # the edition's passage of the article (e.g. "Código Penal Federal (…), art. 204")
    between: list = field(default_factory=list)  # [Change] after `day`, up to the edition's date
    printed: bool = False         # the edition prints the version in force on `day`

    @property
    def comparable(self) -> bool:
        """The edition's words are the words of `day`: a version in force that day that the edition
        prints, and no change recorded in between."""
        return self.status == "in-force" and not self.between and self.printed

    @property
    def existence_changed(self) -> bool:
        return any(c.kind in EXISTENCE_KINDS and c.level == "articulo" for c in self.between)


def changes_text(changes: list[Change]) -> str:
    return ", ".join(f"{c.kind or 'changed'}{f' ({c.level})' if c.level else ''} {c.date.isoformat()}"
                     for c in changes)


def on(article: Article, day: dt.date, editions: list[tuple]) -> Statute:
    if not editions:
        return Statute(day, "no-edition")
    after = [e for e in editions if e[0] >= day]
    if not after:  # every edition predates the day: what changed since is not in source
        return Statute(day, "no-edition")
    edition = after[0]
    if article.repealed is not None and article.repealed <= day:
        return Statute(day, "repealed", edition, since=article.repealed,
                       passage=_passage(article, edition[0]))
    known = [c.date for c in article.changes] + list(article.versions.values())
    if not known or min(known) > day:
        return Statute(day, "not-yet", edition)
    held = [(since, v) for v, since in article.versions.items() if since <= day]
    version, since = (max(held)[1], max(held)[0]) if held else (None, None)
    between = [c for c in sorted(article.changes, key=lambda c: c.date) if day < c.date <= edition[0]]
    passage = article.texts.get((version, edition[0])) if version else None
    return Statute(day, "in-force", edition, version, since, passage or _passage(article, edition[0]), between,
                   printed=passage is not None)


def _passage(article: Article, edition_date: dt.date) -> str | None:
    """The edition's passage of the article, whichever version it prints."""
    for (_, date), passage in sorted(article.texts.items()):
        if date == edition_date:
            return passage
    return None
