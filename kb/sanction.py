"""A penalty variant's prison term and community work as every output shows them (kb/fine.py does
the same for the fine): an article may set any of imprisonment, fine and community work, and where
it sets none of one the outputs say so ("none in source"), never "None–None years".

Community work is counted in its source's unit, "jornadas de trabajo en favor de la comunidad", not
converted into days (ontology/lexkb.ttl, lexkb:CommunityWorkJornada, says why)."""
from __future__ import annotations

from .aggravation import show
from .fine import NONE

COMMUNITY_WORK_UNIT = "jornadas de trabajo en favor de la comunidad"


def prison_text(penalty: dict) -> str:
    """'2–9 years', or 'none in source' where the article sets no prison term."""
    years = penalty.get("imprisonment_years")
    return NONE if years is None else f"{show(years[0])}–{show(years[1])} years"


def community_work_text(penalty: dict) -> str | None:
    """'10–180 jornadas de trabajo en favor de la comunidad' (the source's words for the unit), or None."""
    work = penalty.get("community_work")
    if work is None:
        return None
    return f"{show(work[0])}–{show(work[1])} {COMMUNITY_WORK_UNIT}"
