"""Investigations per offence, for `lexkb table enforcement` (penalty range next to the counts)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..namespaces import SEED_SLUG, SEED_SYMBOL, concept_iri, source_iri
from .offences import KB_OFFENCES, LINKS, UNMODELLED, offence_iri

NOT_IN_SOURCE = "not in source"


def _counts(datasets) -> dict[str, list[dict]]:
    """Source name of the offence -> count rows."""
    rows: dict[str, list[dict]] = {}
    federal = datasets.get("federal-investigations")
    if federal is not None:
        tally = Counter((o.coord("offence"), o.coord("year"), o.coord("disposition"), o.paragraph)
                        for o in federal.observations)
        for (name, year, disposition, paragraph), n in sorted(tally.items()):
            rows.setdefault(name, []).append({
                "dataset": federal.slug, "agency": "Office of the Attorney General of the Republic",
                "year": year, "disposition": disposition, "investigations": n, "computed": True,
                "paragraph": paragraph, "source": source_iri(SEED_SLUG, paragraph)})
    local = datasets.get("federal-district-investigations")
    if local is not None:
        for o in local.observations:
            if o.is_total:
                continue
            rows.setdefault(o.coord("offence"), []).append({
                "dataset": local.slug, "agency": "Office of the Attorney General of the Federal District",
                "year": o.coord("year"), "disposition": NOT_IN_SOURCE, "investigations": o.measure.json_value(),
                "computed": False, "paragraph": o.paragraph, "source": source_iri(SEED_SLUG, o.paragraph)})
    return rows


def investigations_by_offence(statistics_dir: Path | None = None) -> list[dict]:
    """Per offence, the counts of preliminary investigations by year and disposition.

    Returns one dict per offence, in this order: the six offences of the knowledge base
    (sexual-tourism, sexual-acts-in-sexual-tourism, procurement-of-minors, procurement, pederasty,
    trafficking-in-persons), then child pornography, which the knowledge base does not model.
    Each dict has:

    - "offence": the offence IRI (https://w3id.org/lexkb/id/mx/offence/{slug}); for child pornography
      the IRI of the SKOS concept https://w3id.org/lexkb/concept/stats-offence/child-pornography
    - "modelled": False only for child pornography
    - "statute": "CPF 204", "LPSTP 5-6", ...; None for child pornography (no source names its article)
    - "named_in_source": the offence's name in the source's tables ("Procuring of children"), or None
      where the source's tables do not name it
    - "note": how the link was made, "not modelled in the knowledge base; linked by name only, article
      not in source" for child pornography, or "not in source" where the source gives no
      investigations for the offence
    - "counts": rows {"dataset", "agency", "year", "disposition", "investigations", "computed",
      "paragraph", "source"}. "investigations" is an int, or the source's word where it prints one.
      "computed" is True where the figure is a count of the table's rows (para. 1 lists one
      investigation per row) and False where the source prints the figure (para. 2).
      "disposition" is "not in source" for para. 2, which gives none. "source" is the IRI of the
      paragraph (label "CRC/C/OPSC/MEX/Q/1/Add.1, para. N"). The printed totals of para. 2 are left
      out (see `lexkb stats --check` for their inconsistency).

    The procurement offence (CPF 206) gets no counts of its own: the source's "Procuring of
    children" is counted under procurement-of-minors (CPF 204), and its note says so.
    """
    from . import STATISTICS_DIR, load

    counts = _counts(load(statistics_dir or STATISTICS_DIR))
    by_iri = {link[0]: name for name, link in LINKS.items() if link[0]}
    result = []
    for slug_, statute in KB_OFFENCES:
        iri = offence_iri(slug_)
        name = by_iri.get(iri)
        note = LINKS[name][2] if name else NOT_IN_SOURCE
        if name is None and any(link[1] == iri for link in LINKS.values()):
            named = next(n for n, link in LINKS.items() if link[1] == iri)
            note = f"{NOT_IN_SOURCE}; the source's '{named}' is counted under procurement-of-minors (CPF 204)"
        result.append({"offence": iri, "modelled": True, "statute": statute, "named_in_source": name,
                       "note": note, "counts": counts.get(name, []) if name else []})
    for name, statute in UNMODELLED.items():
        result.append({"offence": concept_iri("stats-offence", "child-pornography"), "modelled": False,
                       "statute": statute, "named_in_source": name,
                       "note": "not modelled in the knowledge base; linked by name only, article not in source",
                       "counts": counts.get(name, [])})
    return result

