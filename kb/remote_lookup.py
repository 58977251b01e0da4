"""Targeted lookups on a large store (a SPARQL endpoint, or a persistent pyoxigraph store): instead
of building the whole index (lexkb.index.build_index) per call, resolve the query to the few
offences or provisions it can match, with selective SPARQL, and build the index entries of those
only, by the same queries restricted with `VALUES ?offence { ... }` (lexkb.index.restricted) and
the same assembly code. `lexkb penalty` and `show` then run their usual code (lexkb.lookup.resolve,
lexkb.penalty.answer, lexkb.provision_view.describe) on this partial index and print what they
print from index.json.

Why the partial index gives the same answer as the whole one:
- an article: the provisions whose label is that article are found through the article's eli:number
  (step 1, a superset checked in Python with lexkb.lookup.same_article), then every offence linked
  to a provision above or below them (a superset of what lexkb.lookup.resolve links, which it
  filters again); those rows first that link them to it, and full entries for a single match only
  (a candidate list prints no more); when nothing is linked, the answer needs every offence's names
  (suggestions);
- a name: in one jurisdiction, its offences' names are read; over all of them, those of the offences
  a SPARQL filter keeps (Q_NAME_CANDIDATES, a superset of every match). Either way they are matched
  in Python with lexkb.lookup.resolve itself, which folds accents; full entries are built for a
  single match, and the fields a candidate list prints for several. Suggestions (no match) read
  every name.

User text never becomes query text: it is matched in Python, or (the jurisdiction code, the digits of
an article number, the folded words of a name) passed as a bound literal. IRIs in VALUES come from
query results only."""
from __future__ import annotations

import json
import re

from .index import QUERIES, assemble, instrument_names, iri_term, literal_values, restricted
from .jurisdiction import ELI, check_code, code_of, restrict_index
from .lookup import NUMBER_SUFFIXES, fold, parse_article, read_citation, resolve, same_article
from .errors import LexkbError
from .store import select

CHUNK = 400  # IRIs per VALUES block (Oxigraph 0.5 joins per value up to about a thousand)
PARALLEL = 2  # VALUES blocks in flight

Q_JURISDICTION_INSTRUMENTS = """
SELECT ?instrument WHERE { ?instrument a eli:LegalResource . FILTER(STRSTARTS(STR(?instrument), ?prefix)) }
ORDER BY ?instrument"""

Q_JURISDICTION_OFFENCES = """
SELECT DISTINCT ?offence WHERE {
  ?provision eli:is_part_of+ ?instrument . ?offence lexkb:definedIn|lexkb:penalisedIn ?provision .
}"""

# step 1 of an article: the provisions at or under the top-level articles numbered like the query
# (VALUES ?number, literals; with a jurisdiction, VALUES ?instrument too)
Q_ARTICLES = """
SELECT DISTINCT ?provision ?label WHERE {
  ?article eli:number ?number .
  ?provision eli:is_part_of* ?article ; rdfs:label ?label ; a eli:LegalResourceSubdivision .
}"""

# the same within the given instruments (their parts first: Oxigraph then joins few rows)
Q_ARTICLES_IN = """
SELECT DISTINCT ?provision ?label WHERE {
  { SELECT ?article WHERE { ?article eli:is_part_of+ ?instrument } }
  ?article eli:number ?number .
  ?provision eli:is_part_of* ?article ; rdfs:label ?label ; a eli:LegalResourceSubdivision .
}"""

Q_PROVISION_LABELS = """
SELECT ?provision ?label WHERE { ?provision a eli:LegalResourceSubdivision ; rdfs:label ?label }"""

# every offence linked to a provision at, above or below the given ones (a superset of
# lexkb.lookup.offence_provisions: defined, penalised, penalty, rule and factor provisions)
Q_LINKED = """
SELECT DISTINCT ?offence WHERE {
  { ?q eli:is_part_of* ?provision } UNION { ?provision eli:is_part_of+ ?q }
  { ?offence lexkb:definedIn|lexkb:penalisedIn ?q }
  UNION { ?penalty lexkb:prescribedBy ?q ; lexkb:penaltyFor ?offence }
  UNION { ?rule lexkb:prescribedBy ?q ; lexkb:governs ?offence }
  UNION { ?factor lexkb:prescribedBy ?q ; lexkb:triggers ?r . ?r lexkb:aggravates ?p . ?p lexkb:penaltyFor ?offence }
}"""

# the offences a name can match: a superset of every match of lexkb.lookup.resolve (exact,
# fragment, word prefixes), all of which contain each word of the folded query. fold() lower-cases,
# strips accents and collapses whitespace; on a name of printable ASCII without double spaces it is
# LCASE (and a strip), so CONTAINS(LCASE(name), word) decides it; every other name passes and is
# folded in Python. The words are bound as literals (?w0, ?w1, ...). Names of other resources may
# pass too: Q_STUBS keeps offences only.
# Run once per name property (NAME), in parallel.
Q_NAME_CANDIDATES = """
SELECT ?offence WHERE { ?offence NAME ?name FILTER((WORDS) || REGEX(STR(?name), "[^ -~]|  ")) }"""
NAME_PROPERTIES = ("skos:prefLabel", "skos:altLabel", "dcterms:identifier")

# what resolve() matches names on and a candidate list prints, in one query (restricted to a few
# hundred offences: Oxigraph then joins per offence, as it does not for thousands)
Q_STUBS = """
SELECT ?offence ?id ?en ?es ?alias ?defined_in ?penalised_in WHERE {
  ?offence a lexkb:Offence ; dcterms:identifier ?id .
  OPTIONAL { SELECT * WHERE { ?offence skos:prefLabel ?en FILTER(lang(?en) = "en") } }
  OPTIONAL { SELECT * WHERE { ?offence skos:prefLabel ?es FILTER(lang(?es) = "es") } }
  OPTIONAL { ?offence skos:altLabel ?alias }
  OPTIONAL { ?offence lexkb:definedIn ?d . ?d rdfs:label ?defined_in ; eli:id_local ?dkey }
  OPTIONAL { ?offence lexkb:penalisedIn ?p . ?p rdfs:label ?penalised_in ; eli:id_local ?pkey }
}"""

Q_ALL_OFFENCES = """SELECT ?offence WHERE { ?offence a lexkb:Offence }"""

Q_EFFECTS = """
SELECT DISTINCT ?effect WHERE { ?effect lexkb:affectsOffence ?offence }"""

Q_PARTS = """
SELECT ?provision WHERE { ?provision eli:is_part_of ?parent ; a eli:LegalResourceSubdivision }"""

Q_CLAIMANTS = """
SELECT DISTINCT ?provision WHERE { ?claim a lexkb:ImplementationClaim ; lexkb:treatyProvision ?opsc ; lexkb:domesticProvision ?provision }"""


def _chunks(iris):
    iris = list(dict.fromkeys(iris))
    for i in range(0, len(iris), CHUNK):
        yield iris[i:i + CHUNK]


def select_in(store, query: str, var: str, iris) -> list[dict]:
    """The query's rows for those values of ?var (none for no values), VALUES blocks of CHUNK; two
    blocks at a time (pyoxigraph evaluates outside the GIL, and a server answers them in parallel)."""
    return select_all(store, [restricted(query, var, chunk) for chunk in _chunks(iris)])


def select_all(store, queries: list[str], bind: dict | None = None) -> list[dict]:
    """The rows of every query, in order; PARALLEL at a time."""
    if len(queries) < 2:
        return [row for q in queries for row in select(store, q, bind=bind)]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return [row for rows in pool.map(lambda q: select(store, q, bind=bind), queries) for row in rows]


class Scope:
    """All jurisdictions, or one: its instruments (found with the code bound as a literal)."""

    def __init__(self, store, code: str | None):
        self.store, self.code = store, check_code(code)
        self.instruments = self._treaties = None
        if self.code is not None:
            rows = select(store, Q_JURISDICTION_INSTRUMENTS, bind={"prefix": f"{ELI}{self.code}/"})
            self.instruments = [r["instrument"] for r in rows]
            if not self.instruments:
                raise LexkbError(f"--jurisdiction {self.code!r}: not in the knowledge base (no instrument under "
                                 f"{ELI}{self.code}/)")
        self._offences = None
        self._names = None

    def names(self) -> dict[str, list[str]]:
        """The instruments' names (lexkb.index.instrument_names), read once: what an article's
        instrument is recognised by."""
        if self._names is None:
            self._names = instrument_names(self.store)
        return self._names

    def treaties(self) -> list[str]:
        """The shared instruments (treaties, under /eli/un/), part of every jurisdiction's view."""
        if self._treaties is None:
            rows = select(self.store, Q_JURISDICTION_INSTRUMENTS, bind={"prefix": f"{ELI}un/"})
            self._treaties = [r["instrument"] for r in rows if code_of(r["instrument"]) is None]
        return self._treaties

    def offences(self) -> list[str] | None:
        """The jurisdiction's offence IRIs (None: all)."""
        if self.instruments is None:
            return None
        if self._offences is None:
            self._offences = [r["offence"] for r in select_in(self.store, Q_JURISDICTION_OFFENCES, "instrument",
                                                                self.instruments)]
        return self._offences

    def select(self, query: str, var: str = "offence") -> list[dict]:
        """The query over the scope's offences (all of them without a jurisdiction)."""
        offences = self.offences()
        return select(self.store, query) if offences is None else select_in(self.store, query, var, offences)

    def finish(self, index: dict) -> dict:
        """The index as JSON would give it (keys sorted), seen from the jurisdiction."""
        index = json.loads(json.dumps(dict(index, instrument_names=self.names()), ensure_ascii=False, sort_keys=True))
        return restrict_index(index, self.code, check=False)


# ---------------------------------------------------------------- entries

# Q_FACTORS without its two OPTIONALs (restricted with VALUES, Oxigraph 0.5 evaluates them over
# every rule and factor); factor_rows() adds them back, as the left joins would
FACTOR_TEXTS = ("  OPTIONAL { ?rule lexkb:quotedText ?ruletext }\n", "  OPTIONAL { ?factor lexkb:quotedText ?ftext }\n")
assert all(t in QUERIES["factors"] for t in FACTOR_TEXTS)
Q_FACTORS_CORE = QUERIES["factors"].replace(FACTOR_TEXTS[0], "").replace(FACTOR_TEXTS[1], "")
Q_TEXTS = """SELECT ?resource ?text WHERE { ?resource lexkb:quotedText ?text }"""

# the rows by offence that lexkb.lookup.resolve links an offence to an article by (offence_provisions:
# defined, penalised, penalty and rule provisions; with the factors and the provisions, all of them)
# and a candidate list prints
LINKING = ("offences", "offence_provisions", "penalties", "rules")
BY_OFFENCE = ("offences", "aliases", "offence_provisions", "concepts", "penalties", "rules", "readings", "sources",
              "successors")


def factor_rows(store, penalties) -> list[dict]:
    """The rows of Q_FACTORS for those penalties: Q_FACTORS_CORE, then the texts of its rules and
    factors (one row per text, None without)."""
    rows = select_in(store, Q_FACTORS_CORE, "penalty", penalties)
    texts: dict[str, list] = {}
    for r in select_in(store, Q_TEXTS, "resource", [r["rule"] for r in rows] + [r["factor"] for r in rows]):
        texts.setdefault(r["resource"], []).append(r["text"])
    if len(set(penalties)) > CHUNK:
        rows.sort(key=lambda r: (r["penalty"], r["fid"]))
    return [dict(r, ruletext=rt, ftext=ft) for r in rows
            for rt in texts.get(r["rule"]) or [None] for ft in texts.get(r["factor"]) or [None]]


def entries(store, offences, provisions=(), linking_only: bool = False) -> dict:
    """The index (shaped as index.json) of those offences, with those provisions besides their own;
    linking_only, from the rows that link offences to provisions only (the other keys empty)."""
    offences = list(dict.fromkeys(offences))
    rows = {name: [] for name in QUERIES}
    for name in LINKING if linking_only else BY_OFFENCE:
        rows[name] = select_in(store, QUERIES[name], "offence", offences)
    if len(offences) > CHUNK:  # chunks each come sorted; the whole list is sorted as ORDER BY ?id ?offence does
        rows["offences"].sort(key=lambda r: (r["id"], r["offence"]))
    penalties = [r["penalty"] for r in rows["penalties"]]
    rows["factors"] = factor_rows(store, penalties)
    wanted = list(provisions) + [r["provision"] for r in rows["offence_provisions"]]
    rows["provisions"] = select_in(store, QUERIES["provisions"], "provision", wanted)
    if linking_only:
        return assemble(rows, {})
    # amendments through their effects: restricted by ?offence, Oxigraph 0.5 evaluates the query's
    # OPTIONALs over every effect in the store; by ?effect it does not
    effects = [r["effect"] for r in select_in(store, Q_EFFECTS, "offence", offences)]
    wanted_offences = set(offences)
    rows["amendments"] = [r for r in select_in(store, QUERIES["amendments"], "effect", effects)
                          if r["offence"] in wanted_offences]
    if len(set(effects)) > CHUNK:
        rows["amendments"].sort(key=lambda r: (r["offence"], r["kind"]))
    rows["penalty_conditions"] = select_in(store, QUERIES["penalty_conditions"], "penalty", penalties)
    rows["penalty_sources"] = select_in(store, QUERIES["penalty_sources"], "penalty", penalties)
    rows["article_changes"] = select_in(store, QUERIES["article_changes"], "article",
                                        sorted({r["article"] for r in rows["penalties"] if r["article"]}
                                               | {r["rarticle"] for r in rows["factors"] + rows["rules"] if r["rarticle"]}))
    rows["measures"] = select_in(store, QUERIES["measures"], "owner", penalties + [r["factor"] for r in rows["factors"]])
    rows["effect_parts"] = select_in(store, QUERIES["effect_parts"], "rule", [r["rule"] for r in rows["factors"]])
    rows["claims"] = select_in(store, QUERIES["claims"], "provision", wanted)
    rows["provision_readings"] = select_in(store, QUERIES["provision_readings"], "provision", wanted)
    rows["provision_sources"] = select_in(store, QUERIES["provision_sources"], "provision", wanted)
    instruments = [r["instrument"] for r in rows["provisions"]]
    rows["instruments"] = select_in(store, QUERIES["instruments"], "instrument", instruments)
    rows["not_in_source"] = select_in(store, QUERIES["not_in_source"], "instrument", instruments)
    return assemble(rows, {})


def with_successors(store, offences, provisions=()) -> dict:
    """entries() of those offences and of the offences lexkb reads as continuing them (their
    "successors"), which `penalty --on` answers with after an act's abrogation."""
    later = [r["later"] for r in select_in(store, QUERIES["successors"], "offence", offences) if r["later"] not in offences]
    return entries(store, list(offences) + later, provisions)


def stubs_of(store, offences) -> list[dict]:
    """Those offences with their names and the labels of the provisions that define and penalise
    them (Q_STUBS): what resolve() matches names on, suggest() suggests from and a candidate list
    prints; the other keys of an entry are empty. In the index's order: by id, then IRI."""
    stubs: dict[str, dict] = {}
    for r in select_in(store, Q_STUBS, "offence", sorted(set(offences))):  # neighbours together: faster reads
        o = stubs.setdefault(r["offence"], {"id": r["id"], "iri": r["offence"], "offence": r["en"] or r["es"],
                                            "offence_es": r["es"], "aliases": [], "defined_in": [],
                                            "penalised_in": [], "penalties": [], "rules": [],
                                            "aggravating_factors": []})
        for key, var in (("aliases", "alias"), ("defined_in", "defined_in"), ("penalised_in", "penalised_in")):
            if r[var] is not None and r[var] not in o[key]:
                o[key].append(r[var])
    out = sorted(stubs.values(), key=lambda o: (o["id"], o["iri"]))
    for o in out:  # as Q_ALIASES and Q_OFFENCE_PROVISIONS order them
        o["aliases"].sort()
        o["defined_in"].sort()
        o["penalised_in"].sort()
    return out


def name_stubs(scope: Scope) -> list[dict]:
    """The stubs of every offence of the scope."""
    offences = scope.offences()
    if offences is None:
        offences = [r["offence"] for r in select(scope.store, Q_ALL_OFFENCES)]
    return stubs_of(scope.store, offences)


def matching_stubs(scope: Scope, query: str) -> list[dict] | None:
    """The stubs of the offences whose names may contain every word of the folded query
    (Q_NAME_CANDIDATES); None when resolve() matches none of them. resolve() on these gives what it
    gives on every offence: whatever it matches is among them (suggestions for no match need every
    name)."""
    words = list(dict.fromkeys(fold(query).split()))
    if not words:
        return None
    contains = " && ".join(f"CONTAINS(LCASE(STR(?name)), ?w{i})" for i in range(len(words)))
    sparql = Q_NAME_CANDIDATES.replace("WORDS", contains)
    rows = select_all(scope.store, [sparql.replace("NAME", p) for p in NAME_PROPERTIES],
                      bind={f"w{i}": w for i, w in enumerate(words)})
    out = stubs_of(scope.store, [r["offence"] for r in rows])
    match = resolve(query, _index(out))
    return out if match.offences or match.candidates else None


def _index(offences: list[dict], provisions: dict | None = None, instruments: dict | None = None) -> dict:
    return {"offences": offences, "provisions": provisions or {}, "instruments": instruments or {},
            "summary": {"counts": {}}}


# ---------------------------------------------------------------- articles

def article_numbers(key: str) -> list[str]:
    """eli:number spellings of the top-level article a key can start with: '203bis' -> '2', '20',
    '203', '203 bis' (and the like); the digits come from the query, the words from NUMBER_SUFFIXES."""
    digits = re.match(r"\d+", key).group(0)
    out = []
    for i in range(1, len(digits) + 1):
        out.append(digits[:i])
        rest = key[i:]
        for s in sorted(NUMBER_SUFFIXES):
            if rest.startswith(s):
                out.append(f"{digits[:i]} {s}")
                # an article numbered after its suffix ('201 bis 1')
                more = re.match(r"\d+", rest[len(s):])
                if more:
                    out.append(f"{digits[:i]} {s} {more.group(0)}")
    return out


def article_provisions(scope: Scope, article) -> list[tuple[str, str]]:
    """(IRI, label) of every provision (of the scope, and the shared treaties) whose label is the article."""
    numbers = literal_values("number", article_numbers(article.key))
    if scope.instruments is None:
        rows = select(scope.store, Q_ARTICLES.replace("WHERE {", "WHERE {\n  " + numbers, 1))
    else:
        # the jurisdiction's instruments; the treaties too unless the query names an instrument that
        # the jurisdiction has this article in (a treaty's provision would have to share its name)
        rows = _articles_in(scope.store, scope.instruments, numbers)
        if article.instrument is None or not any(same_article(article, r["label"]) for r in rows):
            rows += _articles_in(scope.store, scope.treaties(), numbers)
    return sorted({r["provision"]: r["label"] for r in rows if same_article(article, r["label"])}.items())


def _articles_in(store, instruments: list[str], numbers: str) -> list[dict]:
    if not instruments:
        return []
    values = " ".join(iri_term(i) for i in instruments)
    query = (Q_ARTICLES_IN.replace("{ SELECT ?article WHERE {", "{ SELECT ?article WHERE { VALUES ?instrument { " + values + " }", 1)
             .replace("  ?article eli:number", "  " + numbers + "\n  ?article eli:number", 1))
    return select(store, query)


def _provision_stubs(scope: Scope, found) -> dict:
    """Provision entries for the provisions found (lexkb.lookup.resolve reads label, key, coverage)."""
    index = entries(scope.store, [], [iri for iri, _ in found])
    return index["provisions"]


# ---------------------------------------------------------------- the two commands

def lookup_index(store, query: str, jurisdiction: str | None = None) -> dict:
    """The index `lexkb penalty QUERY` needs: it answers as from the whole index.json."""
    scope = Scope(store, jurisdiction)
    article = parse_article(query, scope.names())
    if article is not None:
        found = article_provisions(scope, article)
        if found:
            linked = [r["offence"] for r in select_in(store, Q_LINKED, "provision", [iri for iri, _ in found])]
            if scope.code is not None:
                own = set(scope.offences())
                linked = [o for o in linked if o in own]
            # what links offences to the article first: a candidate list prints no more
            index = scope.finish(entries(store, linked, [iri for iri, _ in found], linking_only=True))
            match = resolve(query, index)
            if match.offences:
                return scope.finish(with_successors(store, [o["iri"] for o in match.offences], [iri for iri, _ in found]))
            if match.repealed:  # its sources, which the message cites
                return scope.finish(entries(store, [], [iri for iri, _ in found]))
            if match.candidates or match.not_in_source:
                return index
            provisions = index["provisions"]
        else:
            provisions = {}
        return scope.finish(_index(name_stubs(scope), provisions))
    # all jurisdictions: the few offences whose names can match; one jurisdiction: all of its own
    stubs = matching_stubs(scope, query) if scope.code is None else None
    if stubs is None:  # resolve's suggestions need every name
        stubs = name_stubs(scope)
    match = resolve(query, _index(stubs))
    if len(match.offences) == 1 and not match.candidates:
        return scope.finish(with_successors(store, [match.offences[0]["iri"]]))
    return scope.finish(_index(match.candidates or stubs))


def show_index(store, article_text: str, jurisdiction: str | None = None) -> dict:
    """The index `lexkb show ARTICLE` needs: the provision, its parts, the offences linked to it and
    the provisions claimed to implement it; every provision label when nothing matches (hints)."""
    scope = Scope(store, jurisdiction)
    article = parse_article(article_text, scope.names())
    found = article_provisions(scope, article) if article is not None else []
    reading = read_citation(article) if article is not None and not found else None
    if reading is not None:  # the report's citation style (OPSC '3 (b)'), as lexkb.lookup reads it
        found = article_provisions(scope, reading[0])
    if len(found) != 1:
        if found:
            return scope.finish(_index([], _provision_stubs(scope, found)))
        rows = select(store, Q_PROVISION_LABELS)
        provisions = {r["provision"]: {"iri": r["provision"], "label": r["label"]} for r in rows}
        return scope.finish(_index([], provisions))
    iri = found[0][0]
    parts = [r["provision"] for r in select(store, restricted(Q_PARTS, "parent", [iri]))]
    claimants = [r["provision"] for r in select(store, restricted(Q_CLAIMANTS, "opsc", [iri]))]
    linked = [r["offence"] for r in select(store, restricted(Q_LINKED, "provision", [iri]))]
    if scope.code is not None:
        own = set(scope.offences())
        linked = [o for o in linked if o in own]
    return scope.finish(entries(store, linked, [iri, *parts, *claimants]))
