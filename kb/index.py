"""The lookup index: what `penalty` and `show` print, extracted from the graph by SPARQL once per
build and stored as JSON, so that a lookup needs neither rdflib nor a SPARQL engine.

The graph stays the single source of truth: every value here is a query result, and the tests
compare index and graph."""
from __future__ import annotations

from collections import defaultdict

from .store import select

# an offence the statute alone names has a Spanish name only: lexkb does not translate it
Q_OFFENCES = """
SELECT ?offence ?id ?en ?es ?text ?textes WHERE {
  ?offence a lexkb:Offence ; dcterms:identifier ?id .
  OPTIONAL { SELECT * WHERE { ?offence skos:prefLabel ?en FILTER(lang(?en) = "en") } }
  OPTIONAL { SELECT * WHERE { ?offence skos:prefLabel ?es FILTER(lang(?es) = "es") } }
  OPTIONAL { SELECT * WHERE { ?offence lexkb:quotedText ?text FILTER(lang(?text) = "en") } }
  OPTIONAL { SELECT * WHERE { ?offence lexkb:quotedText ?textes FILTER(lang(?textes) = "es") } }
} ORDER BY ?id ?offence"""

Q_ALIASES = """
SELECT ?offence ?alias WHERE { ?offence a lexkb:Offence ; skos:altLabel ?alias } ORDER BY ?offence ?alias"""

Q_OFFENCE_PROVISIONS = """
SELECT ?offence ?role ?provision ?label ?key WHERE {
  ?offence a lexkb:Offence .
  { ?offence lexkb:definedIn ?provision BIND("defined_in" AS ?role) }
  UNION { ?offence lexkb:penalisedIn ?provision BIND("penalised_in" AS ?role) }
  ?provision rdfs:label ?label ; eli:id_local ?key .
} ORDER BY ?offence ?role ?label"""

# a UNION, not VALUES (?p ?kind): restricted with VALUES ?offence, Oxigraph 0.5 then joins per offence
Q_OFFENCE_CONCEPTS = """
SELECT ?offence ?kind ?notation ?label WHERE {
  ?offence a lexkb:Offence .
  { ?offence lexkb:conduct ?c BIND("conduct" AS ?kind) } UNION { ?offence lexkb:commissiveMeans ?c BIND("means" AS ?kind) }
  UNION { ?offence lexkb:purpose ?c BIND("purposes" AS ?kind) }
  UNION { ?offence lexkb:circumstance ?c BIND("circumstances" AS ?kind) }
  UNION { ?offence lexkb:relationship ?c BIND("relationships" AS ?kind) }
  UNION { ?offence lexkb:victimCondition ?c BIND("victim_conditions" AS ?kind) }
  ?c skos:notation ?notation ; skos:prefLabel ?label .
  FILTER(lang(?label) = "en" || lang(?label) = "es" && NOT EXISTS { ?c skos:prefLabel ?en FILTER(lang(?en) = "en") })
} ORDER BY ?offence ?kind ?label"""

Q_PENALTIES = """
SELECT ?offence ?penalty ?id ?provision ?provlabel ?condition ?imin ?imax ?iunit ?fmin ?fmax ?funit ?cmin ?cmax ?text ?version ?since ?article WHERE {
  ?penalty a lexkb:Penalty ; lexkb:penaltyFor ?offence ; dcterms:identifier ?id ; lexkb:prescribedBy ?provision .
  ?provision rdfs:label ?provlabel .
  OPTIONAL { ?penalty lexkb:imprisonment ?i . ?i schema:minValue ?imin ; schema:maxValue ?imax ; schema:unitCode ?iunit }
  OPTIONAL { ?penalty lexkb:fine ?f . ?f schema:minValue ?fmin ; schema:maxValue ?fmax ; schema:unitCode ?funit }
  OPTIONAL { ?penalty lexkb:communityWork ?w . ?w schema:minValue ?cmin ; schema:maxValue ?cmax }
  OPTIONAL { ?penalty lexkb:conditionText ?condition }
  OPTIONAL { ?penalty lexkb:quotedText ?text }
  OPTIONAL { ?penalty lexkb:statedByVersion ?version . ?version eli:date_publication ?since ; eli:is_member_of ?article }
} ORDER BY ?offence ?since ?provlabel ?id"""

# the passages a penalty cites, and whether each is part of a statute edition (an eli:LegalExpression)
Q_PENALTY_SOURCES = """
SELECT ?penalty ?source ?edition ?date ?document ?submitted WHERE {
  ?penalty a lexkb:Penalty ; dcterms:source ?s . ?s rdfs:label ?source .
  OPTIONAL { ?s dcterms:isPartOf ?edition . ?edition a eli:LegalExpression ; eli:version_date ?date }
  OPTIONAL { ?s dcterms:isPartOf ?d . ?d dcterms:identifier ?document . OPTIONAL { ?d dcterms:dateSubmitted ?submitted } }
} ORDER BY ?penalty ?date ?source"""

# the dated changes of an article (its amendment notes, its repeal): a version holds until the next one
Q_ARTICLE_CHANGES = """
SELECT ?article ?date WHERE {
  { ?e a lexkb:AmendmentEvent ; lexkb:affectedProvision ?article ; dcterms:date ?date }
  UNION { ?article lexkb:repealedOn ?date }
} ORDER BY ?article ?date"""

Q_PENALTY_CONDITIONS = """
SELECT ?penalty ?notation ?label WHERE {
  ?penalty a lexkb:Penalty ; lexkb:victimCondition ?c . ?c skos:notation ?notation ; skos:prefLabel ?label .
  FILTER(lang(?label) = "en")
} ORDER BY ?penalty ?notation"""

Q_MEASURES = """
SELECT ?owner ?measure ?type ?typelabel ?mandatory ?duration ?condition ?provlabel ?text WHERE {
  ?owner lexkb:additionalMeasure ?measure .
  ?measure lexkb:measureType ?t ; lexkb:mandatory ?mandatory ; lexkb:prescribedBy ?prov .
  ?t skos:notation ?type ; skos:prefLabel ?typelabel . FILTER(lang(?typelabel) = "en")
  ?prov rdfs:label ?provlabel .
  OPTIONAL { SELECT * WHERE { ?measure lexkb:duration ?d . ?d skos:prefLabel ?duration FILTER(lang(?duration) = "en") } }
  OPTIONAL { ?measure lexkb:conditionText ?condition }
  OPTIONAL { ?measure lexkb:quotedText ?text }
} ORDER BY ?owner ?type"""

Q_FACTORS = """
SELECT ?penalty ?rule ?ruleid ?ruleprov ?ruletext ?fraction ?upto ?factor ?fid ?flabel ?fprov ?ftext ?rsince ?rarticle WHERE {
  ?rule a lexkb:AggravationRule ; dcterms:identifier ?ruleid ; lexkb:aggravates ?penalty ;
        lexkb:prescribedBy ?rp ; lexkb:effect ?e .
  ?rp rdfs:label ?ruleprov .
  ?e lexkb:increaseFraction ?fraction .
  OPTIONAL { ?e a lexkb:IncreaseUpTo BIND(true AS ?upto) }
  ?factor lexkb:triggers ?rule ; dcterms:identifier ?fid ; rdfs:label ?flabel ; lexkb:prescribedBy ?fp .
  ?fp rdfs:label ?fprov .
  OPTIONAL { ?rule lexkb:quotedText ?ruletext }
  OPTIONAL { ?factor lexkb:quotedText ?ftext }
  OPTIONAL { ?rule lexkb:statedByVersion ?rv . ?rv eli:date_publication ?rsince ; eli:is_member_of ?rarticle }
} ORDER BY ?penalty ?fid"""

Q_EFFECT_PARTS = """
SELECT ?rule ?component ?bound WHERE {
  ?rule a lexkb:AggravationRule ; lexkb:effect ?e . ?e lexkb:affectsComponent ?component ; lexkb:affectsBound ?bound .
} ORDER BY ?rule ?component ?bound"""

Q_RULES = """
SELECT ?offence ?id ?kind ?kindlabel ?provlabel ?refers ?text ?victimid ?victim ?rsince ?rarticle WHERE {
  ?rule a lexkb:ApplicationRule ; dcterms:identifier ?id ; lexkb:governs ?offence ; lexkb:ruleKind ?k ;
        lexkb:prescribedBy ?p .
  ?k skos:notation ?kind ; skos:prefLabel ?kindlabel . FILTER(lang(?kindlabel) = "en")
  ?p rdfs:label ?provlabel .
  OPTIONAL { ?rule lexkb:refersTo ?refers }
  OPTIONAL { ?rule lexkb:quotedText ?text }
  OPTIONAL { SELECT * WHERE { ?rule lexkb:victimCondition ?vc . ?vc skos:notation ?victimid ; skos:prefLabel ?victim
             FILTER(lang(?victim) = "en") } }
  OPTIONAL { ?rule lexkb:statedByVersion ?rv . ?rv eli:date_publication ?rsince ; eli:is_member_of ?rarticle }
} ORDER BY ?offence ?provlabel ?id ?victim"""

Q_CLAIMS = """
SELECT ?provision ?provlabel ?opsc ?opsclabel ?source ?basis ?basislabel ?rationale WHERE {
  ?claim a lexkb:ImplementationClaim ; lexkb:domesticProvision ?provision ; lexkb:treatyProvision ?opsc ;
         dcterms:source ?s .
  ?provision rdfs:label ?provlabel . ?opsc rdfs:label ?opsclabel . ?s rdfs:label ?source .
  OPTIONAL { SELECT * WHERE { ?claim lexkb:claimBasis ?b . ?b skos:notation ?basis ; skos:prefLabel ?basislabel FILTER(lang(?basislabel) = "en") } }
  OPTIONAL { ?claim lexkb:basisRationale ?rationale }
} ORDER BY ?provlabel ?opsclabel ?source"""

# lexkb's readings of the text (lexkb:Reading) that bear on an offence: read of the offence itself,
# of its penalties, rules, aggravation rules or amendment effects, or of the provisions that define
# or penalise it
Q_READINGS = """
SELECT DISTINCT ?offence ?id ?text ?alt ?basis ?basislabel ?rationale ?words ?source WHERE {
  ?offence a lexkb:Offence .
  { ?reading lexkb:readingOf ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:penaltyFor ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:governs ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:aggravates ?tPenalty . ?tPenalty lexkb:penaltyFor ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:affectsOffence ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?offence lexkb:definedIn|lexkb:penalisedIn ?t }
  ?reading a lexkb:Reading ; dcterms:identifier ?id ; lexkb:readingText ?text ; lexkb:alternativeReading ?alt ;
           lexkb:restsOn ?words ; dcterms:source ?s .
  ?s rdfs:label ?source .
  OPTIONAL { SELECT * WHERE { ?reading lexkb:claimBasis ?b . ?b skos:notation ?basis ; skos:prefLabel ?basislabel FILTER(lang(?basislabel) = "en") } }
  OPTIONAL { ?reading lexkb:basisRationale ?rationale }
} ORDER BY ?offence ?id ?words ?source"""

# the same for a provision: read of the provision, of what it prescribes, or of an offence it
# defines or penalises
Q_PROVISION_READINGS = """
SELECT DISTINCT ?provision ?id ?text ?alt ?basis ?basislabel ?rationale ?words ?source WHERE {
  ?provision a eli:LegalResourceSubdivision .
  { ?reading lexkb:readingOf ?provision }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:prescribedBy ?provision }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:definedIn|lexkb:penalisedIn ?provision }
  ?reading a lexkb:Reading ; dcterms:identifier ?id ; lexkb:readingText ?text ; lexkb:alternativeReading ?alt ;
           lexkb:restsOn ?words ; dcterms:source ?s .
  ?s rdfs:label ?source .
  OPTIONAL { SELECT * WHERE { ?reading lexkb:claimBasis ?b . ?b skos:notation ?basis ; skos:prefLabel ?basislabel FILTER(lang(?basislabel) = "en") } }
  OPTIONAL { ?reading lexkb:basisRationale ?rationale }
} ORDER BY ?provision ?id ?words ?source"""

# lexkb's readings of succession (lexkb:earlierOffence, lexkb:laterOffence): the offence of an act
# that a later act abrogated, continued (in lexkb's reading) by an offence of the later act
Q_SUCCESSORS = """
SELECT ?offence ?later ?id WHERE {
  ?reading a lexkb:Reading ; lexkb:earlierOffence ?offence ; lexkb:laterOffence ?later ; dcterms:identifier ?id .
} ORDER BY ?offence ?id ?later"""

Q_SOURCES = """
SELECT DISTINCT ?offence ?source ?para WHERE {
  ?offence a lexkb:Offence .
  { ?offence dcterms:source ?s } UNION { ?p lexkb:penaltyFor ?offence ; dcterms:source ?s }
  UNION { ?r lexkb:governs ?offence ; dcterms:source ?s }
  UNION { ?p lexkb:penaltyFor ?offence . ?rule lexkb:aggravates ?p ; dcterms:source ?s }
  ?s rdfs:label ?source . OPTIONAL { ?s lexkb:paragraph ?para }
} ORDER BY ?offence ?para ?source"""

# the OPTIONALs first (their variables occur nowhere else, so the rows are the same): restricted
# with VALUES ?effect, Oxigraph 0.5 then evaluates them per effect, not over every effect
Q_AMENDMENTS = """
SELECT ?offence ?id ?kind ?kindlabel ?act ?date ?source ?condition ?conditionlabel ?text WHERE {
  ?effect a lexkb:AmendmentEffect .
  ?effect dcterms:identifier ?id ; lexkb:affectsOffence ?offence ; lexkb:effectKind ?k ;
          lexkb:amendingAct ?a ; dcterms:source ?s .
  ?k skos:notation ?kind ; skos:prefLabel ?kindlabel . FILTER(lang(?kindlabel) = "en")
  ?a eli:title_short ?act ; eli:date_publication ?date .
  ?s rdfs:label ?source .
  # after the required patterns, its variables projected: Comunica 3 fails on this sub-SELECT placed first under
  # a VALUES block (a targeted lookup's), "Cannot read properties of undefined (reading 'merge')"
  OPTIONAL { SELECT ?effect ?condition ?conditionlabel WHERE { ?effect lexkb:victimCondition ?vc .
             ?vc skos:notation ?condition ; skos:prefLabel ?conditionlabel FILTER(lang(?conditionlabel) = "en") } }
  OPTIONAL { ?effect lexkb:quotedText ?text }
} ORDER BY ?offence ?kind"""

Q_INSTRUMENTS = """
SELECT ?instrument ?id ?short ?title ?published ?adopted ?inforce ?ratified ?repealer ?repealedon ?source WHERE {
  ?instrument a eli:LegalResource ; dcterms:identifier ?id ; eli:title_short ?short ; eli:title ?title ;
              dcterms:source ?s . FILTER(lang(?title) = "en")
  ?s rdfs:label ?source .
  OPTIONAL { ?instrument eli:date_publication ?published }
  OPTIONAL { ?instrument eli:date_document ?adopted }
  OPTIONAL { ?instrument eli:first_date_entry_in_force ?inforce }
  OPTIONAL { ?instrument lexkb:dateOfRatification ?ratified }
  OPTIONAL { ?instrument eli:repealed_by ?r . ?r eli:title_short ?repealer . OPTIONAL { ?r eli:date_publication ?repealedon } }
} ORDER BY ?id"""

# every name of every instrument, by its short name (what provision labels start with): the short
# name, the titles (any language) and the eli:title_alternative an [instrument]'s aliases give;
# lexkb.lookup reads an article's instrument from them ("Código Penal Federal 204")
Q_INSTRUMENT_NAMES = """
SELECT DISTINCT ?short ?name WHERE {
  ?instrument a eli:LegalResource ; eli:title_short ?short .
  { ?instrument eli:title_short ?name } UNION { ?instrument eli:title ?name } UNION { ?instrument eli:title_alternative ?name }
} ORDER BY ?short ?name"""

Q_NOT_IN_SOURCE = """
SELECT ?instrument ?property WHERE { ?instrument a eli:LegalResource ; lexkb:notInSource ?property } ORDER BY ?instrument ?property"""

Q_PROVISIONS = """
SELECT ?provision ?label ?number ?key ?parent ?instrument ?coverage ?text ?textes ?description ?repealed WHERE {
  ?provision a eli:LegalResourceSubdivision ; rdfs:label ?label ; eli:number ?number ; eli:id_local ?key ;
             eli:is_part_of ?parent ; lexkb:coverage ?c .
  ?c skos:notation ?coverage .
  ?provision eli:is_part_of+ ?instrument . ?instrument a eli:LegalResource .
  OPTIONAL { SELECT * WHERE { ?provision lexkb:quotedText ?text FILTER(lang(?text) = "en") } }
  OPTIONAL { SELECT * WHERE { ?provision lexkb:quotedText ?textes FILTER(lang(?textes) = "es") } }
  OPTIONAL { ?provision dcterms:description ?description }
  OPTIONAL { ?provision lexkb:repealedOn ?repealed }
} ORDER BY ?instrument ?provision"""

Q_PROVISION_SOURCES = """
SELECT ?provision ?source WHERE {
  ?provision a eli:LegalResourceSubdivision ; dcterms:source ?s . ?s rdfs:label ?source .
} ORDER BY ?provision ?source"""

Q_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?class { eli:LegalResource eli:LegalResourceSubdivision lexkb:Offence lexkb:Penalty lexkb:AdditionalMeasure
                  lexkb:AggravationRule lexkb:AggravatingFactor lexkb:ApplicationRule lexkb:ImplementationClaim
                  lexkb:AmendmentEffect lexkb:SourcePassage skos:Concept }
  ?s a ?class } GROUP BY ?class ORDER BY ?class"""


# a fine's unit (ontology/lexkb.ttl) as the JSON output names it: id and label side by side
FINE_UNITS = {
    "DayOfMinimumWage": {"id": "minimum-daily-wage", "label": "days of minimum wage"},
    "DayFine": {"id": "dia-multa", "label": "días multa"},
    "UMADailyValue": {"id": "uma-daily-value", "label": "times the daily value of the UMA"},
}


def _until(changes: list[dict], since: str) -> str | None:
    """The journal date of the first change to an article after `since`: the end of that version."""
    return next((c["date"] for c in changes if c["date"] > since), None)


def _group(rows, key):
    out = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def _unique(values):
    seen, out = set(), []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def _ordered(values: set, order: tuple) -> list:
    return [v for v in order if v in values] + sorted(values - set(order))


FRACTION_WORDS = {0.5: "half", 1.0: "100% (doubled)", round(1 / 3, 6): "a third", round(2 / 3, 6): "two thirds"}


def describe_increase(fraction, components, bounds, up_to: bool = False) -> str:
    words = FRACTION_WORDS.get(round(float(fraction), 6))
    amount = f"by {words}" if words else f"by {fraction:g} of the penalty"
    parts = " and ".join(components)
    which = "both bounds" if set(bounds) == {"min", "max"} else f"{' and '.join(bounds)} bound"
    if up_to:
        return f"{parts} may be increased by up to {words or f'{fraction:g}'} ({which}; at the judge's discretion)"
    return f"{parts} increased {amount} ({which})"


def measure_text(row) -> str:
    qualifiers = ["mandatory" if row["mandatory"] else "discretionary"]
    if row["duration"]:
        qualifiers.append(row["duration"])
    if row["condition"]:
        qualifiers.append(f"condition: {row['condition']}")
    return f"{row['typelabel']} ({'; '.join(qualifiers)})"


def reading_entries(rows) -> list[dict]:
    """Readings from rows of Q_READINGS or Q_PROVISION_READINGS (one per word and source), by id."""
    out: dict[str, dict] = {}
    for r in rows:
        e = out.setdefault(r["id"], {"id": r["id"], "reading": r["text"], "rests_on": [], "alternative": r["alt"],
                                     "basis": r["basis"], "basis_label": r["basislabel"], "rationale": r["rationale"],
                                     "sources": []})
        if r["words"] not in e["rests_on"]:
            e["rests_on"].append(r["words"])
        if r["source"] not in e["sources"]:
            e["sources"].append(r["source"])
    return [out[k] for k in sorted(out)]


def claim_entry(c: dict, **extra) -> dict:
    return dict(extra, opsc=opsc_paragraph(c["opsclabel"]), source=c["source"], basis=c["basis"],
                basis_label=c["basislabel"], rationale=c["rationale"])


def opsc_paragraph(label: str) -> str:
    return label.removeprefix("OPSC art. ")


# name -> query; build_index runs each once over the whole store, lexkb.remote_lookup runs them
# restricted (restricted()) to the few offences a lookup matches. assemble() turns the rows into
# the index either way, so both give entries of the same shape from the same code.
QUERIES = {
    "offences": Q_OFFENCES, "aliases": Q_ALIASES, "offence_provisions": Q_OFFENCE_PROVISIONS,
    "concepts": Q_OFFENCE_CONCEPTS, "penalties": Q_PENALTIES, "penalty_conditions": Q_PENALTY_CONDITIONS,
    "measures": Q_MEASURES, "factors": Q_FACTORS, "effect_parts": Q_EFFECT_PARTS, "rules": Q_RULES,
    "claims": Q_CLAIMS, "readings": Q_READINGS, "provision_readings": Q_PROVISION_READINGS, "sources": Q_SOURCES, "successors": Q_SUCCESSORS, "amendments": Q_AMENDMENTS, "instruments": Q_INSTRUMENTS,
    "not_in_source": Q_NOT_IN_SOURCE, "provisions": Q_PROVISIONS, "provision_sources": Q_PROVISION_SOURCES,
    "penalty_sources": Q_PENALTY_SOURCES, "article_changes": Q_ARTICLE_CHANGES,
}


def iri_term(iri: str) -> str:
    """<iri> for a SPARQL query, for IRIs taken from query results only (never from user input);
    anything that could end the IRI is refused rather than escaped."""
    if not iri or any(c in iri for c in '<>"{}|^`\\ \t\n\r'):
        raise ValueError(f"not an IRI usable in a query: {iri!r}")
    return f"<{iri}>"


def literal_values(var: str, texts) -> str:
    """`VALUES ?var { "a" "b" }` with each text serialised as an RDF literal by pyoxigraph (quotes and
    backslashes escaped): how a value derived from user input is bound, never spliced as query text."""
    import pyoxigraph as ox

    return f"VALUES ?{var} {{ {' '.join(str(ox.Literal(t)) for t in texts)} }}"


def restricted(query: str, var: str, iris) -> str:
    """The query with `VALUES ?var { <iri> ... }` opening its WHERE group: the same rows as the
    unrestricted query, for those values of ?var only (every row of these queries binds ?var)."""
    head, sep, tail = query.partition("WHERE {")
    if not sep:
        raise ValueError("restricted: the query has no 'WHERE {'")
    return f"{head}{sep}\n  VALUES ?{var} {{ {' '.join(iri_term(i) for i in iris)} }}{tail}"


def build_index(store) -> dict:
    """Everything a lookup prints, per offence and per provision."""
    rows = {name: select(store, q) for name, q in QUERIES.items()}
    counts = {str(r["class"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: r["n"] for r in select(store, Q_COUNTS)}
    index = assemble(rows, counts)
    index["instrument_names"] = instrument_names(store)
    return index


def instrument_names(store) -> dict[str, list[str]]:
    """Short name of an instrument -> its names (Q_INSTRUMENT_NAMES), for lexkb.lookup."""
    names: dict[str, list[str]] = {}
    for r in select(store, Q_INSTRUMENT_NAMES):
        names.setdefault(str(r["short"]), []).append(str(r["name"]))
    return names


def assemble(rows: dict, counts: dict) -> dict:
    """The index from the rows of each query in QUERIES (the full store's, or restricted ones)."""
    offences = rows["offences"]
    aliases = _group(rows["aliases"], "offence")
    provisions_of = _group(rows["offence_provisions"], "offence")
    concepts = _group(rows["concepts"], "offence")
    penalties = _group(rows["penalties"], "offence")
    penalty_conditions = _group(rows["penalty_conditions"], "penalty")
    measures = _group(rows["measures"], "owner")
    factors = _group(rows["factors"], "penalty")
    effect_parts = _group(rows["effect_parts"], "rule")
    rules = _group(rows["rules"], "offence")
    claims = _group(rows["claims"], "provision")
    readings = _group(rows.get("readings", []), "offence")
    provision_readings = _group(rows.get("provision_readings", []), "provision")
    sources = _group(rows["sources"], "offence")
    successors = _group(rows.get("successors", []), "offence")
    amendments = _group(rows["amendments"], "offence")
    instruments = rows["instruments"]
    not_in_source = _group(rows["not_in_source"], "instrument")
    provisions = rows["provisions"]
    provision_sources = _group(rows["provision_sources"], "provision")
    penalty_sources = _group(rows.get("penalty_sources", []), "penalty")
    changes = _group(rows.get("article_changes", []), "article")

    instrument_of = {p["provision"]: p["instrument"] for p in provisions}
    result = []
    for o in offences:
        iri = o["offence"]
        own_provisions = provisions_of[iri]
        entry = {
            "id": o["id"],
            "iri": iri,
            "offence": o["en"] or o["es"],
            "offence_es": o["es"],
            "aliases": [a["alias"] for a in aliases[iri]],
            "defined_in": [p["label"] for p in own_provisions if p["role"] == "defined_in"],
            "penalised_in": [p["label"] for p in own_provisions if p["role"] == "penalised_in"],
            "instrument": instrument_of[own_provisions[0]["provision"]],
            "text": o["text"] or o["textes"],
        }
        for kind in ("conduct", "means", "purposes", "circumstances", "relationships"):
            entry[kind] = [c["label"] for c in concepts[iri] if c["kind"] == kind]
        # victim conditions: id (SKOS notation) and label side by side, for offences and penalties alike
        entry["victim_conditions"] = [{"id": c["notation"], "label": c["label"]} for c in concepts[iri]
                                      if c["kind"] == "victim_conditions"]
        entry["penalties"] = []
        factor_entries = {}
        for p in penalties[iri]:
            cited = penalty_sources[p["penalty"]]
            statute = bool(cited) and all(c["edition"] for c in cited)
            unit = str(p["funit"]).rsplit("#", 1)[-1] if p["funit"] else None
            entry["penalties"].append({
                "id": p["id"],
                "provision": p["provlabel"],
                "condition": p["condition"],
                "victim_conditions": [{"id": c["notation"], "label": c["label"]} for c in penalty_conditions[p["penalty"]]],
                # null where the article sets no prison term (e.g. community work only)
                "imprisonment_years": [p["imin"], p["imax"]] if p["imin"] is not None else None,
                "fine": [p["fmin"], p["fmax"]] if unit else None,
                "fine_unit": FINE_UNITS.get(unit),
                "fine_days_wage": [p["fmin"], p["fmax"]] if unit == "DayOfMinimumWage" else None,
                # "jornadas de trabajo en favor de la comunidad" (lexkb:CommunityWorkJornada), or null
                "community_work": [p["cmin"], p["cmax"]] if p["cmin"] is not None else None,
                "additional_measures": [measure_text(m) for m in measures[p["penalty"]]],
                "text": p["text"],
                # "statute": stated by a version of the article, in a statute edition's words;
                # "state-report": the State's account of the law
                "basis": "statute" if statute else "state-report",
                # a statute's: the latest edition that states it; a report's: the paragraphs that do
                "source": (cited[-1]["source"] if statute else "; ".join(c["source"] for c in cited)) if cited else None,
                "sources": [c["source"] for c in cited],
                # the document a report's account comes from, and when the State submitted it
                "document": None if statute or not cited else cited[0]["document"],
                "document_date": None if statute or not cited else cited[0]["submitted"],
                "version": p["version"],
                "valid_from": p["since"],
                "valid_until": _until(changes[p["article"]], p["since"]) if p["version"] else None,
            })
            for f in factors[p["penalty"]]:
                parts = effect_parts[f["rule"]]
                components = _ordered({str(x["component"]).rsplit("#", 1)[-1] for x in parts}, ("imprisonment", "fine"))
                bounds = _ordered({str(x["bound"]).rsplit("/", 1)[-1].removesuffix("Value") for x in parts}, ("min", "max"))
                fe = factor_entries.setdefault(f["fid"], {
                    "id": f["fid"],
                    "label": f["flabel"],
                    "provision": f["fprov"],
                    "effect": describe_increase(f["fraction"], components, bounds, bool(f["upto"])),
                    "up_to": bool(f["upto"]),
                    "rule": f["ruleid"],
                    "rule_provision": f["ruleprov"],
                    "increase_fraction": f["fraction"],
                    "components": components,
                    "bounds": bounds,
                    "applies_to": [],
                    # a statute's rule holds while the version of its article that states it does
                    "basis": "statute" if f["rsince"] else "state-report",
                    "valid_from": f["rsince"],
                    "valid_until": _until(changes[f["rarticle"]], f["rsince"]) if f["rsince"] else None,
                    "additional_measures": [measure_text(m) for m in measures[f["factor"]]],
                    "text": f["ftext"],
                    "rule_text": f["ruletext"],
                })
                fe["applies_to"].append(p["id"])
        entry["aggravating_factors"] = sorted(factor_entries.values(), key=lambda f: (f["rule_provision"], f["provision"], f["id"]))
        rule_entries: dict[str, dict] = {}
        for r in rules[iri]:
            e = rule_entries.setdefault(r["id"], {"id": r["id"], "kind": r["kind"], "label": r["kindlabel"],
                                                  "provision": r["provlabel"], "refers_to": r["refers"], "text": r["text"],
                                                  "victim_conditions": [],
                                                  "basis": "statute" if r["rsince"] else "state-report",
                                                  "valid_from": r["rsince"],
                                                  "valid_until": _until(changes[r["rarticle"]], r["rsince"]) if r["rsince"] else None})
            condition = {"id": r["victimid"], "label": r["victim"]}  # id and label side by side, as for offences
            if r["victim"] and condition not in e["victim_conditions"]:
                e["victim_conditions"].append(condition)
        entry["rules"] = list(rule_entries.values())
        own_iris = _unique(p["provision"] for p in own_provisions)
        # the State's claims; lexkb's editorial mappings are only in opsc_claims, with their basis
        entry["opsc"] = _unique(opsc_paragraph(c["opsclabel"]) for prov in own_iris for c in claims[prov]
                                if c["basis"] != "editorial")
        entry["opsc_claims"] = [claim_entry(c, provision=c["provlabel"]) for prov in own_iris for c in claims[prov]]
        entry["readings"] = reading_entries(readings[iri])
        entry["sources"] = _unique(s["source"] for s in sources[iri])
        # an offence that lexkb reads as continued by another after its act's abrogation
        entry["successors"] = [{"iri": s["later"], "reading": s["id"]} for s in successors[iri]]
        effects: dict[str, dict] = {}  # one entry per effect; its victim conditions as {id, label}, as everywhere
        for a in amendments[iri]:
            e = effects.setdefault(a["id"], {"id": a["id"], "kind": a["kind"], "label": a["kindlabel"], "act": a["act"],
                                             "date": a["date"], "victim_conditions": [], "source": a["source"],
                                             "text": a["text"]})
            condition = {"id": a["condition"], "label": a.get("conditionlabel")}
            if a["condition"] and condition not in e["victim_conditions"]:
                e["victim_conditions"].append(condition)
        entry["amendments"] = list(effects.values())
        result.append(entry)

    instrument_entries = {}
    for i in instruments:
        e = instrument_entries.setdefault(i["instrument"], {
            "id": i["id"], "short": i["short"], "title": i["title"], "date_publication": i["published"],
            "date_adopted": i["adopted"], "first_date_entry_in_force": i["inforce"],
            "date_ratification": i["ratified"], "repealed_by": i["repealer"],
            "repealer_date_publication": i["repealedon"], "sources": [],
            "not_in_source": [str(n["property"]).rsplit("#", 1)[-1] for n in not_in_source[i["instrument"]]],
        })
        if i["source"] not in e["sources"]:
            e["sources"].append(i["source"])

    provision_entries = {}
    for p in provisions:
        provision_entries[p["provision"]] = {
            "iri": p["provision"], "label": p["label"], "number": p["number"], "key": p["key"],
            "parent": p["parent"], "instrument": p["instrument"], "coverage": p["coverage"],
            "text": p["text"] or p["textes"], "description": p["description"], "repealed_on": p["repealed"],
            "sources": [s["source"] for s in provision_sources[p["provision"]]],
            "opsc_claims": [claim_entry(c) for c in claims[p["provision"]]],
            "readings": reading_entries(provision_readings[p["provision"]]),
        }
    return {
        "offences": result,
        "instruments": instrument_entries,
        "provisions": provision_entries,
        "summary": {"counts": counts},
    }


def index_from_store(store) -> dict:
    """The index as `lexkb penalty` and `show` read it from index.json (keys sorted, JSON values),
    built from any store, such as a SPARQL endpoint (lexkb.store.RemoteStore)."""
    import json

    return json.loads(json.dumps(build_index(store), ensure_ascii=False, sort_keys=True))
