"""Finding offences and provisions from what a lawyer types: an article in any usual spelling, or
an offence name or fragment in English or Spanish. Works on the compiled index (stdlib only), so a
lookup costs little more than starting Python."""
from __future__ import annotations

import re
import unicodedata
from collections import namedtuple
from functools import lru_cache

from .jurisdiction import code_of

ARTICLE_WORDS = re.compile(r"\b(?:articles?|articulos?|arts?)\b\.?")
ARTICLE_SHAPE = re.compile(r"^\d+[\s()a-z0-9.]*$")
# Latin ordinal suffixes of inserted articles ("209 Quáter", "209 Quintus")
NUMBER_SUFFIXES = {"bis", "ter", "quater", "quintus", "quinquies", "sexies", "septies", "octies", "nonies", "decies"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed: 'Trata de Personas' == 'trata de personas'."""
    if text.isascii():  # NFKD leaves ASCII as it is
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


# instrument: the folded short name of the instrument the query names ("pc" for "PC 12") or None;
# key: "203bis", "6iiia", "31b". A namedtuple, not a dataclass: importing dataclasses (and inspect)
# would cost a plain lookup a tenth of its time.
ArticleQuery = namedtuple("ArticleQuery", "instrument key")


def instrument_words(names: dict[str, list[str]] | None) -> dict[str, str]:
    """Folded name -> folded short name, from the index's "instrument_names" (short name -> its
    names: the short name, the titles, the [instrument]'s aliases; lexkb.index.instrument_names).
    A short name always names its own instrument; another name that two instruments share (with
    different short names) names neither."""
    words: dict[str, str] = {}
    shared: set[str] = set()
    for short, spellings in (names or {}).items():
        for name in spellings:
            word = fold(name)
            if words.get(word, fold(short)) != fold(short):
                shared.add(word)
            words.setdefault(word, fold(short))
    for short in names or {}:
        shared.discard(fold(short))
        words[fold(short)] = fold(short)
    return {w: s for w, s in words.items() if w and w not in shared}


ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _named(t: str, word: str) -> list[tuple[int, int]]:
    """Where the query names the instrument by `word`: first ('INSTRUMENT 203 bis', 'INSTRUMENT: 203')
    or last ('203 bis, INSTRUMENT'), as a whole word; the spans (start, end), with the colon that may
    follow a name given first (commas and full stops are stripped from the article's ends later). String
    tests, not a regular expression per name: compiling two per instrument name was a tenth of a cold lookup."""
    n, spans = len(word), []
    if t.startswith(word) and (len(t) == n or t[n] not in ALNUM):
        spans.append((0, n + 1 if t[n:n + 1] == ":" else n))
    if t.endswith(word) and (len(t) == n or t[-n - 1] not in ALNUM):
        spans.append((len(t) - n, len(t)))
    return spans


def parse_article(text: str, names: dict[str, list[str]] | None = None) -> ArticleQuery | None:
    """'Article 203 (bis)', 'art. 203bis', 'INSTRUMENT 203 bis', '6 III(a), INSTRUMENT' -> ArticleQuery.
    An instrument is recognised by its names (`names`: the index's "instrument_names"); without
    them, a query that names one is not an article."""
    t = fold(text)
    # the instrument is named first or last ('INSTRUMENT 203 bis', '203 bis, INSTRUMENT'): the longest
    # name at each end ('codigo penal' inside 'codigo penal federal' is not a second one); a query
    # that names two (or one twice) is not one article
    found: dict[int, tuple[int, str, tuple[int, int]]] = {}
    for word, inst in instrument_words(names).items():
        for span in _named(t, word):
            end = 0 if span[0] == 0 else 1
            if end not in found or len(word) > found[end][0]:
                found[end] = (len(word), inst, span)
    if len(found) > 1:
        return None
    instrument = None
    if found:
        _, instrument, (start, stop) = next(iter(found.values()))
        t = (t[:start] + t[stop:]).strip()
    t = ARTICLE_WORDS.sub(" ", t).strip(" ,.")
    if not ARTICLE_SHAPE.match(t):
        return None
    key = re.sub(r"[^a-z0-9]", "", t)
    return ArticleQuery(instrument, key)


def provision_key(label: str) -> ArticleQuery:
    """Key of a provision label such as 'INSTRUMENT art. 203 bis' or 'TREATY art. 3(1)(b)'."""
    short, _, number = label.partition(" art. ")
    return ArticleQuery(fold(short), re.sub(r"[^a-z0-9]", "", fold(number)))


def same_article(query: ArticleQuery, label: str) -> bool:
    key = provision_key(label)
    return key.key == query.key and (query.instrument is None or query.instrument == key.instrument)


def names_of(offence: dict) -> list[str]:
    return [offence["offence"], offence.get("offence_es") or "", offence["id"], *offence.get("aliases", [])]


def folded_names(offence: dict) -> list[str]:
    """names_of, folded; an offence's header in index.json carries them folded when the index is built
    (lexkb.index_file), which spares a cold lookup folding some 120 names, most of them Spanish."""
    if "folded_names" in offence:
        return offence["folded_names"]
    return [fold(n) for n in names_of(offence)]


class Match:
    """The outcome of resolving a query to offences."""

    __slots__ = ("offences", "provision_filter", "candidates", "not_in_source", "suggestions", "repealed")

    def __init__(self, offences: list[dict] | None = None, provision_filter: str | None = None,
                 candidates: list[dict] | None = None, not_in_source: dict | None = None,
                 suggestions: list[str] | None = None, repealed: dict | None = None):
        self.offences = offences if offences is not None else []
        self.provision_filter = provision_filter  # restrict penalties to this provision and its parts
        self.candidates = candidates if candidates is not None else []
        self.not_in_source = not_in_source        # a provision in the range that the source does not describe
        self.suggestions = suggestions if suggestions is not None else []
        self.repealed = repealed                  # a repealed article: no offence, the date of its repeal

    def __repr__(self) -> str:
        return "Match(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__) + ")"

    def __eq__(self, other) -> bool:
        return isinstance(other, Match) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)


def offence_provisions(offence: dict) -> list[str]:
    """Labels of every provision that defines, penalises or otherwise governs the offence."""
    labels = offence["defined_in"] + offence["penalised_in"]
    labels += [p["provision"] for p in offence["penalties"]]
    labels += [r["provision"] for r in offence.get("rules", [])]
    labels += [f["provision"] for f in offence["aggravating_factors"]]
    return list(dict.fromkeys(labels))


def within(label: str, provision: str) -> bool:
    """'ACT art. 6 II' is within 'ACT art. 6'; 'CODE art. 203 bis' is not within 'CODE art. 203'."""
    if label == provision or label.startswith(provision + "("):
        return True
    if label.startswith(provision + " "):
        # "201 bis 1" is an article of its own, not a part of "201 bis" (parts are numerals I, II … or letters)
        first = label[len(provision) + 1:].split(" ", 1)[0].split("(", 1)[0]
        return first not in NUMBER_SUFFIXES and not first.isdigit()
    return False


def resolve(query: str, index: dict) -> Match:
    offences = index["offences"]
    article = parse_article(query, index.get("instrument_names"))
    if article is not None:
        provisions = [p for p in index["provisions"].values() if same_article(article, p["label"])]
        # labels repeat across jurisdictions ("CP art. 203" in several States' codes): a provision
        # links the offences of its own jurisdiction (all of them for a shared one, a treaty's)
        everyone = [(i, o, offence_provisions(o)) for i, o in enumerate(offences)] if provisions else []
        by_code: dict[str | None, list] = {}
        for x in everyone:
            by_code.setdefault(code_of(x[1]["iri"]), []).append(x)
        linked = []
        for p in provisions:
            code = code_of(p["iri"])
            pool = everyone if code is None else sorted(by_code.get(code, []) + by_code.get(None, []), key=lambda x: x[0])
            linked.append((p, [o for _, o, labels in pool
                               if any(within(l, p["label"]) or within(p["label"], l) for l in labels)]))
        hits = [(p, os) for p, os in linked if os]
        if len(hits) == 1:
            p, os = hits[0]
            penalised_here = any(within(pen["provision"], p["label"]) for o in os for pen in o["penalties"])
            return Match(offences=os, provision_filter=p["label"] if penalised_here and p["key"].count("/") else None)
        if len(hits) > 1:
            return Match(candidates=[o for _, os in hits for o in os])
        repealed = [p for p in provisions if p.get("repealed_on")]
        if repealed:
            return Match(repealed=repealed[0])
        silent = [p for p in provisions if p["coverage"] == "not-in-source"]
        if silent:
            return Match(not_in_source=silent[0])
        return Match(suggestions=suggest(query, index))
    q = fold(query)
    if not q:
        return Match(suggestions=[])
    exact = [o for o in offences if q in folded_names(o)]
    if exact:
        return Match(offences=exact) if len(exact) == 1 else Match(candidates=exact)
    fragment = [o for o in offences if any(q in n for n in folded_names(o))]
    if not fragment:
        words = q.split()
        fragment = [o for o in offences
                    if any(all(any(w2.startswith(w) for w2 in re.split(r"[\s-]+", n)) for w in words)
                           for n in folded_names(o))]
    if len(fragment) > 1:
        # a name that begins with the query ("trata" -> "trata de personas") wins over names that
        # only contain it somewhere ("… la Trata de Personas", "tratamiento")
        leading = [o for o in fragment if any(_leads(q, n) for n in folded_names(o))]
        fragment = leading or fragment
    if len(fragment) == 1:
        return Match(offences=fragment)
    if fragment:
        return Match(candidates=fragment)
    return Match(suggestions=suggest(query, index))


def _leads(q: str, name: str) -> bool:
    return name.startswith(q) and (len(name) == len(q) or not name[len(q)].isalnum())


def suggest(query: str, index: dict, limit: int = 3) -> list[str]:
    import difflib

    choices: dict[str, str] = {}
    for o in index["offences"]:
        for n in names_of(o):
            if n:
                choices.setdefault(fold(n), n)
        for label in o["defined_in"] + o["penalised_in"]:
            choices.setdefault(fold(label), label)
    close = difflib.get_close_matches(fold(query), list(choices), n=limit, cutoff=0.5)
    return [choices[c] for c in close]


# The report cites OPSC art. 3(1)(a) and (b) as "article 3 (a)" and "article 3 (b)" (paras. 45, 49):
# the lettered sub-paragraphs of article 3 are in its paragraph 1 (shared/reference/sources.md).
OPSC_3_LETTER = re.compile(r"^3([a-z])$")
OPSC_3_READING = ("the report cites article 3's lettered sub-paragraphs without their paragraph number "
                  "(\"article 3 (b)\", paras. 45 and 49); OPSC article 3 has them in paragraph 1")


def read_citation(article: ArticleQuery) -> tuple[ArticleQuery, str] | None:
    """The report's citation style, read as the treaty numbers it: OPSC '3 (b)' -> 3(1)(b)."""
    m = OPSC_3_LETTER.match(article.key)
    if m and article.instrument == "opsc":
        return ArticleQuery("opsc", f"31{m.group(1)}"), OPSC_3_READING
    return None


def find_provisions(query: str, index: dict) -> list[dict]:
    return find_provisions_read(query, index)[0]


def find_provisions_read(query: str, index: dict) -> tuple[list[dict], str | None]:
    """The provisions the query names, and how lexkb read it when it is not the treaty's own
    numbering (None when it is)."""
    article = parse_article(query, index.get("instrument_names"))
    if article is None:
        return [], None
    found = [p for p in index["provisions"].values() if same_article(article, p["label"])]
    reading = read_citation(article) if not found else None
    if reading is not None:
        found = [p for p in index["provisions"].values() if same_article(reading[0], p["label"])]
        if found:
            return found, reading[1]
    return found, None
