"""What the audit reads from the graph, by SPARQL (the graph is the single source of truth): the
State's report and its date, the articles of the instruments it describes, their versions, the
editions that print them, their dated amendment notes, and the penalties (with measures and victim
conditions) each source states. Works on any store lexkb.store.select takes: the embedded one, a
persistent --store, an --endpoint."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..index import Q_PENALTY_CONDITIONS  # one query for a penalty's victim conditions
from ..store import select

# the State's report: a source document with a date of submission that is no statute edition
Q_REPORT = """
SELECT ?doc ?id ?submitted WHERE {
  ?doc a lexkb:SourceDocument ; dcterms:identifier ?id ; dcterms:dateSubmitted ?submitted .
  FILTER NOT EXISTS { ?doc a eli:LegalExpression }
} ORDER BY ?id"""

# articles (id_local art_N, not a fracción 'art_N/I' nor a chapter) of every instrument
Q_ARTICLES = """
SELECT ?article ?label ?number ?instrument ?short ?repealed WHERE {
  ?article a eli:LegalResourceSubdivision ; rdfs:label ?label ; eli:number ?number ; eli:id_local ?key ;
           eli:is_part_of+ ?instrument .
  ?instrument a eli:LegalResource ; eli:title_short ?short .
  FILTER(STRSTARTS(?key, "art_") && !CONTAINS(?key, "/"))
  OPTIONAL { ?article lexkb:repealedOn ?repealed }
} ORDER BY ?label"""

# the report paragraphs that describe an article (or a part of it)
Q_REPORT_PASSAGES = """
SELECT DISTINCT ?article ?para ?source WHERE {
  ?part eli:is_part_of* ?article ; dcterms:source ?s .
  ?s lexkb:paragraph ?para ; rdfs:label ?source ; dcterms:isPartOf ?doc .
  ?doc dcterms:dateSubmitted ?submitted .
} ORDER BY ?article ?para"""

Q_EDITIONS = """
SELECT ?instrument ?edition ?date ?label WHERE {
  ?instrument a eli:LegalResource ; eli:is_realized_by ?edition .
  ?edition a eli:LegalExpression ; eli:version_date ?date ; rdfs:label ?label .
} ORDER BY ?instrument ?date"""

# each version of an article with the edition passages that print it
Q_VERSIONS = """
SELECT ?article ?version ?since ?edate ?passage WHERE {
  ?version a lexkb:ArticleVersion ; eli:is_member_of ?article ; eli:date_publication ?since .
  OPTIONAL { ?version eli:is_realized_by ?text . ?text eli:version_date ?edate ; dcterms:source ?p .
             ?p rdfs:label ?passage }
} ORDER BY ?article ?since ?edate"""

# the dated changes of an article: its amendment notes and its repeal
Q_CHANGES = """
SELECT ?article ?date ?kind ?level WHERE {
  { ?e a lexkb:AmendmentEvent ; lexkb:affectedProvision ?article ; dcterms:date ?date .
    OPTIONAL { ?e lexkb:amendmentKind/skos:notation ?kind } OPTIONAL { ?e lexkb:amendmentLevel/skos:notation ?level } }
  UNION { ?article lexkb:repealedOn ?date BIND("derogado" AS ?kind) BIND("articulo" AS ?level) }
} ORDER BY ?article ?date ?kind ?level"""

Q_PENALTIES = """
SELECT ?penalty ?id ?article ?provision ?offence ?imin ?imax ?fmin ?fmax ?funit ?version WHERE {
  ?penalty a lexkb:Penalty ; dcterms:identifier ?id ; lexkb:penaltyFor ?offence ; lexkb:prescribedBy ?p ;
           lexkb:imprisonment ?i .
  ?p rdfs:label ?provision ; eli:is_part_of* ?article . ?article eli:id_local ?key .
  FILTER(STRSTARTS(?key, "art_") && !CONTAINS(?key, "/"))
  ?i schema:minValue ?imin ; schema:maxValue ?imax .
  OPTIONAL { ?penalty lexkb:fine ?f . ?f schema:minValue ?fmin ; schema:maxValue ?fmax ; schema:unitCode ?funit }
  OPTIONAL { ?penalty lexkb:statedByVersion ?version }
} ORDER BY ?article ?id"""

Q_PENALTY_SOURCES = """
SELECT ?penalty ?source ?para WHERE {
  ?penalty a lexkb:Penalty ; dcterms:source ?s . ?s rdfs:label ?source . OPTIONAL { ?s lexkb:paragraph ?para }
} ORDER BY ?penalty ?para ?source"""

Q_MEASURES = """
SELECT ?penalty ?type ?label ?mandatory ?duration WHERE {
  ?penalty a lexkb:Penalty ; lexkb:additionalMeasure ?m .
  ?m lexkb:measureType ?t ; lexkb:mandatory ?mandatory .
  ?t skos:notation ?type ; skos:prefLabel ?label . FILTER(lang(?label) = "en")
  OPTIONAL { SELECT * WHERE { ?m lexkb:duration ?d . ?d skos:prefLabel ?duration FILTER(lang(?duration) = "en") } }
} ORDER BY ?penalty ?type"""


def day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Change:
    date: dt.date
    kind: str | None   # reformado, adicionado, derogado, fe-de-erratas (the note's verb)
    level: str | None  # articulo, parrafo, fraccion, inciso


@dataclass(frozen=True)
class Measure:
    type: str
    label: str
    mandatory: bool
    duration: str | None


@dataclass
class Penalty:
    id: str
    provision: str            # the label of the provision that prescribes it, e.g. "ACT art. 6 I"
    offence: str
    imprisonment: tuple
    fine: tuple | None
    fine_unit: str | None     # local name of the unit: DayOfMinimumWage, DayFine, UMADailyValue
    version: str | None       # the article version that states it (a statute's penalty), else None
    sources: list[str] = field(default_factory=list)
    conditions: dict = field(default_factory=dict)   # notation -> label
    measures: list = field(default_factory=list)


@dataclass
class Article:
    iri: str
    label: str
    number: str
    instrument: str
    short: str
    repealed: dt.date | None
    report_sources: list[str] = field(default_factory=list)
    versions: dict = field(default_factory=dict)     # version IRI -> since (date)
    texts: dict = field(default_factory=dict)        # (version IRI, edition date) -> passage label
    changes: list = field(default_factory=list)      # [Change], by date
    penalties: list = field(default_factory=list)    # [Penalty]


@dataclass
class Facts:
    report: str
    submitted: dt.date
    articles: list                                   # [Article]
    editions: dict                                   # instrument IRI -> [(date, label)], by date


def read(store) -> Facts:
    from ..errors import LexkbError

    reports = select(store, Q_REPORT)
    if len(reports) != 1:
        raise LexkbError(f"the knowledge base holds {len(reports)} State reports with a date of submission; "
                         "the audit needs exactly one (is it built? run 'lexkb build')")
    articles = {r["article"]: Article(r["article"], r["label"], r["number"], r["instrument"], r["short"],
                                      day(r["repealed"]) if r["repealed"] else None)
                for r in select(store, Q_ARTICLES)}
    for r in select(store, Q_REPORT_PASSAGES):
        a = articles.get(r["article"])
        if a is not None and r["source"] not in a.report_sources:
            a.report_sources.append(r["source"])
    editions: dict = {}
    for r in select(store, Q_EDITIONS):
        editions.setdefault(r["instrument"], []).append((day(r["date"]), r["label"]))
    for r in select(store, Q_VERSIONS):
        a = articles.get(r["article"])
        if a is None:
            continue
        a.versions[r["version"]] = day(r["since"])
        if r["edate"] is not None:
            a.texts[(r["version"], day(r["edate"]))] = r["passage"]
    for r in select(store, Q_CHANGES):
        a = articles.get(r["article"])
        if a is not None:
            change = Change(day(r["date"]), r["kind"], r["level"])
            if change not in a.changes:
                a.changes.append(change)
    penalties: dict = {}
    for r in select(store, Q_PENALTIES):
        if r["article"] not in articles:
            continue
        fine = (r["fmin"], r["fmax"]) if r["fmin"] is not None else None
        p = Penalty(r["id"], r["provision"], r["offence"], (r["imin"], r["imax"]), fine,
                    r["funit"].rsplit("#", 1)[-1] if r["funit"] else None, r["version"])
        penalties[r["penalty"]] = p
        articles[r["article"]].penalties.append(p)
    for r in select(store, Q_PENALTY_SOURCES):
        if r["penalty"] in penalties:
            penalties[r["penalty"]].sources.append(r["source"])
    for r in select(store, Q_PENALTY_CONDITIONS):
        if r["penalty"] in penalties:
            penalties[r["penalty"]].conditions[r["notation"]] = r["label"]
    for r in select(store, Q_MEASURES):
        if r["penalty"] in penalties:
            penalties[r["penalty"]].measures.append(Measure(r["type"], r["label"], bool(r["mandatory"]), r["duration"]))
    return Facts(reports[0]["id"], day(reports[0]["submitted"]), list(articles.values()), editions)
