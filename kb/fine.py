"""A penalty variant's fine as every output shows it: its range and its unit, which is the source's
own (the report's "minimum daily wages", the statute's "días multa" or UMA); none where the article
sets no fine. One place, so that no output prints a statute's días multa as days of minimum wage."""
from __future__ import annotations

from .aggravation import show

NONE = "none in source"


def fine_of(penalty: dict) -> tuple[list | None, str]:
    """(range or None, unit label) of an index penalty entry."""
    if penalty.get("fine") is not None:
        return penalty["fine"], (penalty.get("fine_unit") or {}).get("label", "")
    if penalty.get("fine_days_wage") is not None:
        return penalty["fine_days_wage"], "days of minimum wage"
    return None, ""


def fine_text(penalty: dict, grouped: bool = False) -> str:
    """'1,000–2,500 días multa', or 'none in source'; grouped: thousands as '1,000' (the default too)."""
    fine, unit = fine_of(penalty)
    if fine is None:
        return NONE
    return f"{show(fine[0])}–{show(fine[1])} {unit}"
