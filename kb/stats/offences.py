"""The offences the statistics name, linked to the knowledge base's offences by name."""
from __future__ import annotations

from ..namespaces import entity_iri


def offence_iri(slug: str) -> str:
    return entity_iri("mx", "offence", slug)


# The source's name -> (offence of the knowledge base or None, related offence or None, note)
LINKS: dict[str, tuple[str | None, str | None, str]] = {
    "Procuring of children": (
        offence_iri("procurement-of-minors"), offence_iri("procurement"),
        "Linked to procurement of persons under 18 (CPF art. 204); the general procurement offence "
        "(CPF arts. 206 and 206 bis) is related (rdfs:seeAlso). The link is by the offence's name.",
    ),
    "Child trafficking": (
        offence_iri("trafficking-in-persons"), None,
        "Linked to trafficking in persons (LPSTP arts. 5-6), committed against a person under 18 "
        "(art. 6 II). The link is by the offence's name.",
    ),
    "Child pornography": (
        None, None,
        "Not modelled in this knowledge base. Linked by the statistics' name only: the sources lexkb "
        "cites name no article for it (not in source).",
    ),
}

# Every offence of the knowledge base, with its statute, for investigations_by_offence().
KB_OFFENCES = [
    ("sexual-tourism", "CPF 203"),
    ("sexual-acts-in-sexual-tourism", "CPF 203 bis"),
    ("procurement-of-minors", "CPF 204"),
    ("procurement", "CPF 206, 206 bis"),
    ("pederasty", "CPF 209 bis"),
    ("trafficking-in-persons", "LPSTP 5-6"),
]
# the statistics' names of offences the knowledge base does not model -> their statute: None, as no
# source lexkb cites names an article for them
UNMODELLED: dict[str, str | None] = {"Child pornography": None}
