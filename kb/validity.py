"""Which penalty variants hold on a date. A statute's penalty holds while the article version that
states it does: from the journal date of the decree that made the version (`valid_from`) until the
journal date of the next change the editions' notes record for the article (`valid_until`,
exclusive). Entry into force is not in the sources: the answer rests on publication dates and says
so. A report's account of a penalty has no dates of its own (`valid_from`/`valid_until` null); it
holds as its instrument does (lexkb.penalty.in_force). Stdlib only."""
from __future__ import annotations

import datetime as dt

FROM_PUBLICATION = "dated from the journal's publication of each decree; entry into force not in source"


def holds(penalty: dict, on: dt.date | None) -> bool:
    """Whether a penalty variant is part of the answer for `on` (None: today's law, the latest
    version of a statute's article, and the State's account)."""
    if penalty.get("basis") != "statute":
        return True
    until = penalty.get("valid_until")
    if on is None:
        return until is None
    start = dt.date.fromisoformat(penalty["valid_from"])
    return start <= on and (until is None or on < dt.date.fromisoformat(until))


def version_note(penalty: dict, on: dt.date | None) -> str:
    """One line saying which version a statute's penalty comes from and for which dates it holds."""
    span = f"from {penalty['valid_from']}" + (f" until {penalty['valid_until']}" if penalty.get("valid_until") else
                                               ", no later change in the editions lexkb holds")
    head = f"{penalty['provision']}: version of {penalty['valid_from']} ({span}; {FROM_PUBLICATION})"
    return head if on is None else f"{head}: in force on {on}"


def silent_note(provision: str, earliest: str, on: dt.date, what: str = "the statute's penalty") -> str:
    """What lexkb says when no version of a statute's article in the sources holds on `on`."""
    if on < dt.date.fromisoformat(earliest):
        return (f"{provision}: no version in the sources is in force on {on} (the earliest version lexkb holds is of "
                f"{earliest}): {what} on that date is not in source")
    return f"{provision}: no version in the sources is in force on {on}: {what} on that date is not in source"
