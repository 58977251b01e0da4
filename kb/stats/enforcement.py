"""Investigations per offence, for `lexkb table enforcement` (penalty range next to the counts)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..namespaces import concept_iri, source_iri
from .offences import unmodelled

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
                "paragraph": paragraph, "source": source_iri(federal.declared.document, paragraph)})
    local = datasets.get("federal-district-investigations")
    if local is not None:
        for o in local.observations:
            if o.is_total:
                continue
            rows.setdefault(o.coord("offence"), []).append({
                "dataset": local.slug, "agency": "Office of the Attorney General of the Federal District",
                "year": o.coord("year"), "disposition": NOT_IN_SOURCE, "investigations": o.measure.json_value(),
                "computed": False, "paragraph": o.paragraph, "source": source_iri(local.declared.document, o.paragraph)})
    return rows


def investigations_by_offence(statistics_dir: Path | None = None) -> list[dict]:
    """Per offence, the counts of preliminary investigations by year and disposition.

    Returns one dict per offence, in this order: the offences of the knowledge base that the
    statistics folder's declaration lists ([[offence]] tables), then the names of the source's
    tables that it links to no offence ([[link]] without offence), which the knowledge base does
    not model. Each dict has:

    - "offence": the offence IRI (https://w3id.org/lexkb/id/{code}/offence/{slug}); for an unmodelled
      name the IRI of its SKOS concept https://w3id.org/lexkb/concept/stats-offence/{slug of the name}
    - "modelled": False only for an unmodelled name
    - "statute": the [[offence]]'s statute ("INSTRUMENT 204", ...); None for an unmodelled name (no
      source names its article)
    - "named_in_source": the offence's name in the source's tables ("Procuring of children"), or None
      where the source's tables do not name it
    - "note": how the link was made, "not modelled in the knowledge base; linked by name only, article
      not in source" for an unmodelled name, or "not in source" where the source gives no
      investigations for the offence
    - "counts": rows {"dataset", "agency", "year", "disposition", "investigations", "computed",
      "paragraph", "source"}. "investigations" is an int, or the source's word where it prints one.
      "computed" is True where the figure is a count of the table's rows (para. 1 lists one
      investigation per row) and False where the source prints the figure (para. 2).
      "disposition" is "not in source" for para. 2, which gives none. "source" is the IRI of the
      paragraph (label "SYMBOL, para. N", the declared document's symbol). The printed totals of
      para. 2 are left out (see `lexkb stats --check` for their inconsistency).

    An offence only related to a name of the source's tables ([[link]] related) gets no counts of
    its own: its note says under which offence (and statute) that name is counted.
    """
    from . import STATISTICS_DIR, load
    from .graph import slug

    datasets = load(statistics_dir or STATISTICS_DIR)
    decl = next(iter(datasets.values())).declared
    counts = _counts(datasets)
    links = decl.links
    by_iri = {link.offence: name for name, link in links.items() if link.offence}
    statutes = dict(decl.offences)
    result = []
    for iri, statute in decl.offences:
        name = by_iri.get(iri)
        note = links[name].note if name else NOT_IN_SOURCE
        if name is None and any(link.related == iri for link in links.values()):
            named = next(link for link in links.values() if link.related == iri)
            under = named.offence.rsplit("/", 1)[-1]
            note = f"{NOT_IN_SOURCE}; the source's '{named.name}' is counted under {under} ({statutes.get(named.offence)})"
        result.append({"offence": iri, "modelled": True, "statute": statute, "named_in_source": name,
                       "note": note, "counts": counts.get(name, []) if name else []})
    for name, statute in unmodelled(decl).items():
        result.append({"offence": concept_iri("stats-offence", slug(name)), "modelled": False,
                       "statute": statute, "named_in_source": name,
                       "note": "not modelled in the knowledge base; linked by name only, article not in source",
                       "counts": counts.get(name, [])})
    return result

