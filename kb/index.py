"""The lookup index: what `penalty` and `show` print, extracted from the graph by SPARQL once per
build and stored as JSON, so that a lookup needs neither rdflib nor a SPARQL engine.

The graph stays the single source of truth: every value here is a query result, and the tests
compare index and graph."""
from __future__ import annotations

from collections import defaultdict

from .store import select

Q_OFFENCES = """
SELECT ?offence ?id ?en ?es ?text WHERE {
  ?offence a lexkb:Offence ; dcterms:identifier ?id ; skos:prefLabel ?en . FILTER(lang(?en) = "en")
  OPTIONAL { ?offence skos:prefLabel ?es FILTER(lang(?es) = "es") }
  OPTIONAL { ?offence lexkb:quotedText ?text }
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
  ?c skos:notation ?notation ; skos:prefLabel ?label . FILTER(lang(?label) = "en")
} ORDER BY ?offence ?kind ?label"""

Q_PENALTIES = """
SELECT ?offence ?penalty ?id ?provision ?provlabel ?condition ?imin ?imax ?iunit ?fmin ?fmax ?funit ?text WHERE {
  ?penalty a lexkb:Penalty ; lexkb:penaltyFor ?offence ; dcterms:identifier ?id ; lexkb:prescribedBy ?provision ;
           lexkb:imprisonment ?i ; lexkb:fine ?f .
  ?provision rdfs:label ?provlabel .
  ?i schema:minValue ?imin ; schema:maxValue ?imax ; schema:unitCode ?iunit .
  ?f schema:minValue ?fmin ; schema:maxValue ?fmax ; schema:unitCode ?funit .
  OPTIONAL { ?penalty lexkb:conditionText ?condition }
  OPTIONAL { ?penalty lexkb:quotedText ?text }
} ORDER BY ?offence ?provlabel ?id"""

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
  OPTIONAL { ?measure lexkb:duration ?d . ?d skos:prefLabel ?duration FILTER(lang(?duration) = "en") }
  OPTIONAL { ?measure lexkb:conditionText ?condition }
  OPTIONAL { ?measure lexkb:quotedText ?text }
} ORDER BY ?owner ?type"""

Q_FACTORS = """
SELECT ?penalty ?rule ?ruleid ?ruleprov ?ruletext ?fraction ?factor ?fid ?flabel ?fprov ?ftext WHERE {
  ?rule a lexkb:AggravationRule ; dcterms:identifier ?ruleid ; lexkb:aggravates ?penalty ;
        lexkb:prescribedBy ?rp ; lexkb:effect ?e .
  ?rp rdfs:label ?ruleprov .
  ?e lexkb:increaseFraction ?fraction .
  ?factor lexkb:triggers ?rule ; dcterms:identifier ?fid ; rdfs:label ?flabel ; lexkb:prescribedBy ?fp .
  ?fp rdfs:label ?fprov .
  OPTIONAL { ?rule lexkb:quotedText ?ruletext }
  OPTIONAL { ?factor lexkb:quotedText ?ftext }
} ORDER BY ?penalty ?fid"""

Q_EFFECT_PARTS = """
SELECT ?rule ?component ?bound WHERE {
  ?rule a lexkb:AggravationRule ; lexkb:effect ?e . ?e lexkb:affectsComponent ?component ; lexkb:affectsBound ?bound .
} ORDER BY ?rule ?component ?bound"""

Q_RULES = """
SELECT ?offence ?id ?kind ?kindlabel ?provlabel ?refers ?text ?victimid ?victim WHERE {
  ?rule a lexkb:ApplicationRule ; dcterms:identifier ?id ; lexkb:governs ?offence ; lexkb:ruleKind ?k ;
        lexkb:prescribedBy ?p .
  ?k skos:notation ?kind ; skos:prefLabel ?kindlabel . FILTER(lang(?kindlabel) = "en")
  ?p rdfs:label ?provlabel .
  OPTIONAL { ?rule lexkb:refersTo ?refers }
  OPTIONAL { ?rule lexkb:quotedText ?text }
  OPTIONAL { ?rule lexkb:victimCondition ?vc . ?vc skos:notation ?victimid ; skos:prefLabel ?victim
             FILTER(lang(?victim) = "en") }
} ORDER BY ?offence ?provlabel ?id ?victim"""

Q_CLAIMS = """
SELECT ?provision ?provlabel ?opsc ?opsclabel ?source ?basis ?basislabel ?rationale WHERE {
  ?claim a lexkb:ImplementationClaim ; lexkb:domesticProvision ?provision ; lexkb:treatyProvision ?opsc ;
         dcterms:source ?s .
  ?provision rdfs:label ?provlabel . ?opsc rdfs:label ?opsclabel . ?s rdfs:label ?source .
  OPTIONAL { ?claim lexkb:claimBasis ?b . ?b skos:notation ?basis ; skos:prefLabel ?basislabel FILTER(lang(?basislabel) = "en") }
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
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:aggravates/lexkb:penaltyFor ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?t lexkb:affectsOffence ?offence }
  UNION { ?reading lexkb:readingOf ?t . ?offence lexkb:definedIn|lexkb:penalisedIn ?t }
  ?reading a lexkb:Reading ; dcterms:identifier ?id ; lexkb:readingText ?text ; lexkb:alternativeReading ?alt ;
           lexkb:restsOn ?words ; dcterms:source ?s .
  ?s rdfs:label ?source .
  OPTIONAL { ?reading lexkb:claimBasis ?b . ?b skos:notation ?basis ; skos:prefLabel ?basislabel FILTER(lang(?basislabel) = "en") }
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
  OPTIONAL { ?reading lexkb:claimBasis ?b . ?b skos:notation ?basis ; skos:prefLabel ?basislabel FILTER(lang(?basislabel) = "en") }
  OPTIONAL { ?reading lexkb:basisRationale ?rationale }
} ORDER BY ?provision ?id ?words ?source"""

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
  OPTIONAL { ?effect lexkb:victimCondition ?vc . ?vc skos:notation ?condition ; skos:prefLabel ?conditionlabel
             FILTER(lang(?conditionlabel) = "en") }
  OPTIONAL { ?effect lexkb:quotedText ?text }
  ?effect dcterms:identifier ?id ; lexkb:affectsOffence ?offence ; lexkb:effectKind ?k ;
          lexkb:amendingAct ?a ; dcterms:source ?s .
  ?k skos:notation ?kind ; skos:prefLabel ?kindlabel . FILTER(lang(?kindlabel) = "en")
  ?a eli:title_short ?act ; eli:date_publication ?date .
  ?s rdfs:label ?source .
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

Q_NOT_IN_SOURCE = """
SELECT ?instrument ?property WHERE { ?instrument a eli:LegalResource ; lexkb:notInSource ?property } ORDER BY ?instrument ?property"""

Q_PROVISIONS = """
SELECT ?provision ?label ?number ?key ?parent ?instrument ?coverage ?text ?description WHERE {
  ?provision a eli:LegalResourceSubdivision ; rdfs:label ?label ; eli:number ?number ; eli:id_local ?key ;
             eli:is_part_of ?parent ; lexkb:coverage ?c .
  ?c skos:notation ?coverage .
  ?provision eli:is_part_of+ ?instrument . ?instrument a eli:LegalResource .
  OPTIONAL { ?provision lexkb:quotedText ?text }
  OPTIONAL { ?provision dcterms:description ?description }
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


def describe_increase(fraction, components, bounds) -> str:
    amount = {0.5: "by half"}.get(fraction, f"by {fraction:g} of the penalty")
    parts = " and ".join(components)
    which = "both bounds" if set(bounds) == {"min", "max"} else f"{' and '.join(bounds)} bound"
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
    "claims": Q_CLAIMS, "readings": Q_READINGS, "provision_readings": Q_PROVISION_READINGS, "sources": Q_SOURCES, "amendments": Q_AMENDMENTS, "instruments": Q_INSTRUMENTS,
    "not_in_source": Q_NOT_IN_SOURCE, "provisions": Q_PROVISIONS, "provision_sources": Q_PROVISION_SOURCES,
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
    return assemble(rows, counts)


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
    amendments = _group(rows["amendments"], "offence")
    instruments = rows["instruments"]
    not_in_source = _group(rows["not_in_source"], "instrument")
    provisions = rows["provisions"]
    provision_sources = _group(rows["provision_sources"], "provision")

    instrument_of = {p["provision"]: p["instrument"] for p in provisions}
    result = []
    for o in offences:
        iri = o["offence"]
        own_provisions = provisions_of[iri]
        entry = {
            "id": o["id"],
            "iri": iri,
            "offence": o["en"],
            "offence_es": o["es"],
            "aliases": [a["alias"] for a in aliases[iri]],
            "defined_in": [p["label"] for p in own_provisions if p["role"] == "defined_in"],
            "penalised_in": [p["label"] for p in own_provisions if p["role"] == "penalised_in"],
            "instrument": instrument_of[own_provisions[0]["provision"]],
            "text": o["text"],
        }
        for kind in ("conduct", "means", "purposes", "circumstances", "relationships"):
            entry[kind] = [c["label"] for c in concepts[iri] if c["kind"] == kind]
        # victim conditions: id (SKOS notation) and label side by side, for offences and penalties alike
        entry["victim_conditions"] = [{"id": c["notation"], "label": c["label"]} for c in concepts[iri]
                                      if c["kind"] == "victim_conditions"]
        entry["penalties"] = []
        factor_entries = {}
        for p in penalties[iri]:
            entry["penalties"].append({
                "id": p["id"],
                "provision": p["provlabel"],
                "condition": p["condition"],
                "victim_conditions": [{"id": c["notation"], "label": c["label"]} for c in penalty_conditions[p["penalty"]]],
                "imprisonment_years": [p["imin"], p["imax"]],
                "fine_days_wage": [p["fmin"], p["fmax"]],
                "additional_measures": [measure_text(m) for m in measures[p["penalty"]]],
                "text": p["text"],
            })
            for f in factors[p["penalty"]]:
                parts = effect_parts[f["rule"]]
                components = _ordered({str(x["component"]).rsplit("#", 1)[-1] for x in parts}, ("imprisonment", "fine"))
                bounds = _ordered({str(x["bound"]).rsplit("/", 1)[-1].removesuffix("Value") for x in parts}, ("min", "max"))
                fe = factor_entries.setdefault(f["fid"], {
                    "id": f["fid"],
                    "label": f["flabel"],
                    "provision": f["fprov"],
                    "effect": describe_increase(f["fraction"], components, bounds),
                    "rule": f["ruleid"],
                    "rule_provision": f["ruleprov"],
                    "increase_fraction": f["fraction"],
                    "components": components,
                    "bounds": bounds,
                    "applies_to": [],
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
                                                  "victim_conditions": []})
            condition = {"id": r["victimid"], "label": r["victim"]}  # id and label side by side, as for offences
            if r["victim"] and condition not in e["victim_conditions"]:
                e["victim_conditions"].append(condition)
        entry["rules"] = list(rule_entries.values())
        own_iris = _unique(p["provision"] for p in own_provisions)
        entry["opsc"] = _unique(opsc_paragraph(c["opsclabel"]) for prov in own_iris for c in claims[prov])
        entry["opsc_claims"] = [claim_entry(c, provision=c["provlabel"]) for prov in own_iris for c in claims[prov]]
        entry["readings"] = reading_entries(readings[iri])
        entry["sources"] = _unique(s["source"] for s in sources[iri])
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
            "text": p["text"], "description": p["description"],
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
