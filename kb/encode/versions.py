"""[version]: a temporal version of an article, its texts in the statute editions, and the
amendment events the editions' notes record for the article (ELI work / version / expression).

    [version]
    provision = "code:206"         # the timeless article (default: the [provision] above)
    since = 2007-03-27             # the journal date of the amendment that made this version
    texts = ["code-2013-06-07", "code-2020-01-24", "code-2025-11-28"]

The build checks what it can from the sources themselves: `since` must be the date of an
amendment ('reformado' or 'adicionado') that a note of the article gives in one of the editions,
or, for the original text, the act's `date_publication` (unless a note says the article was added);
each edition in `texts` must be an edition of the article's act, dated on or after `since`, such
that no edition's notes record a later change to the article up to that edition's date (an edition
may print no notes; a later edition's notes date the reforms before it); and all the texts must be
the same words (their headings' punctuation aside). Amendment events are read from the notes of every
edition of the act and merged across editions (the same note, printed again, is one event with
several sources).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from .. import namespaces as ns
from ..errors import ProvisionError
from ..sources import Library
from ..sources.passage import Address
from ..sources.rdf import LANGUAGES, language_iri
from ..sources.statute import Event, Note

LEXKB = Namespace(ns.LEXKB)
ELI = Namespace(ns.ELI)
KEYS = {"provision", "since", "texts"}
REPEALED_KEYS = {"provision", "on", "texts"}
# what an edition prints in place of a repealed article's words ("Artículo 205. Derogado.",
# "Artículo 201 bis 1. Se deroga")
REPEALED_TEXT = ("derogado", "se deroga")
MAKES_VERSION = ("reformado", "adicionado")


@dataclass(frozen=True)
class Declared:
    article: URIRef
    label: str
    instrument: str
    number: str
    published: dt.date | None = None  # the act's publication: the date of its original text's version


def _body(text: str) -> str:
    """An article's words after its heading's number and punctuation ('Artículo. 206.- El' -> 'El',
    'Artículo 201 bis 1. Se deroga' -> 'Se deroga')."""
    import re

    # 'Artículo 201 bis 1. Se deroga' -> 'Se deroga': a suffix may carry its own number
    return re.sub(r"^\S+\.?\s+\d+\S*(?:\s+(?:[Bb]is|BIS|[Tt]er|Qu\S+)(?:\s+\d+)?\S*)?\s*", "", text, count=1)


def version_iri(article: URIRef, since: dt.date) -> URIRef:
    return URIRef(f"{article}/v{since.isoformat()}")


def encode_version(g, library: Library, t: dict, b, art: Declared, cite, concept) -> URIRef:
    """Add the version, its expressions and its article's amendment events to g; return the version.
    `cite(node, passages, block)` records provenance; `concept(scheme, notation, block)` a closed concept."""
    since, texts, editions, events = _declared(library, t, b, art, "version", "since", "the amendment's journal date",
                                               "the editions that carry this version")
    dates = sorted({e.date for e, _ in events.values() if e.date and e.kind in MAKES_VERSION})
    # The original text: the act as published, for an article no note says was added later.
    added = any(e.kind == "adicionado" and e.level == "articulo" for e, _ in events.values())
    original = art.published is not None and since == art.published and not added
    if since not in dates and not original:
        known = ", ".join(d.isoformat() for d in dates) or "none"
        also = f"; or {art.published.isoformat()}, the act's publication, for the original text" \
            if art.published is not None and not added else ""
        raise ProvisionError(b.file, b.line_of("since"),
                             f"[version] no amendment note of {art.label} gives {since.isoformat()} "
                             f"(reforms and additions the editions' notes give: {known}{also})")
    version = version_iri(art.article, since)
    bodies = {}
    for doc_id in texts:
        doc = library.get(doc_id, b, b.line_of("texts"))
        if doc not in editions:
            raise ProvisionError(b.file, b.line_of("texts"), f"[version] {doc_id!r} is not an edition of {art.label}'s act")
        if doc.get("date_edition") < since:
            raise ProvisionError(b.file, b.line_of("texts"),
                                 f"[version] {doc_id!r} (as of {doc.get('date_edition').isoformat()}) predates the version of {since.isoformat()}")
        later = sorted(e.date for e, _ in events.values() if e.date and since < e.date <= doc.get("date_edition")
                       and e.kind in MAKES_VERSION + ("derogado",))
        if later:
            raise ProvisionError(b.file, b.line_of("texts"),
                                 f"[version] the notes record a change to {art.label} on {later[0].isoformat()}, after "
                                 f"{since.isoformat()} and by {doc_id!r} (as of {doc.get('date_edition').isoformat()}): "
                                 "that edition carries a later version")
        [passage] = library.passages({"doc": doc.id, "art": art.number}, b, b.line_of("texts"))
        bodies[doc_id] = _body(passage.text)
        expression = URIRef(f"{version}/{LANGUAGES.get(doc.language, doc.language).lower()}@{doc.get('date_edition').isoformat()}")
        g.add((expression, RDF.type, ELI.LegalExpression))
        g.add((expression, ELI.realizes, version))
        g.add((version, ELI.is_realized_by, expression))
        g.add((expression, ELI.version_date, Literal(doc.get("date_edition"))))
        lang = language_iri(doc.language)
        if lang is not None:
            g.add((expression, ELI.language, lang))
        g.add((expression, RDFS.label, Literal(f"{art.label}, version of {since.isoformat()}, text of {doc.title} "
                                               f"({doc.get('edition')})")))
        cite(expression, [passage], b)
    first = next(iter(bodies.values()))
    for doc_id, body in bodies.items():
        if body != first:
            raise ProvisionError(b.file, b.line_of("texts"),
                                 f"[version] the texts of {art.label} in {texts[0]!r} and {doc_id!r} differ: not one version")
    g.add((art.article, RDF.type, ELI.ComplexWork))
    g.add((version, RDF.type, LEXKB.ArticleVersion))
    g.add((version, ELI.is_member_of, art.article))
    g.add((version, RDFS.label, Literal(f"{art.label}, version of {since.isoformat()}")))
    g.add((version, ELI.date_publication, Literal(since)))
    g.add((version, LEXKB.notInSource, ELI.first_date_entry_in_force))
    cite(version, [library.passages({"doc": d, "art": art.number}, b)[0] for d in texts], b)
    _emit_events(g, library, b, art, events, cite, concept, version, since)
    return version


def encode_repeal(g, library: Library, t: dict, b, art: Declared, cite, concept) -> None:
    """[repealed]: the article's 'Derogado' note gives `on`, and each edition in `texts` prints the
    article as repealed. The article gets lexkb:repealedOn (the journal date of the repeal; its entry
    into force is not in source) and its amendment events."""
    on, texts, editions, events = _declared(library, t, b, art, "repealed", "on", "the journal date of the 'Derogado' note",
                                            "the editions that print the article repealed")
    dates = sorted({e.date for e, _ in events.values() if e.date and e.kind == "derogado" and e.level in (None, "articulo")})
    if on not in dates:
        known = ", ".join(d.isoformat() for d in dates) or "none"
        raise ProvisionError(b.file, b.line_of("on"), f"[repealed] no 'Derogado' note of {art.label} gives "
                             f"{on.isoformat()} (repeals the editions' notes give: {known})")
    passages = []
    for doc_id in texts:
        doc = library.get(doc_id, b, b.line_of("texts"))
        if doc not in editions:
            raise ProvisionError(b.file, b.line_of("texts"), f"[repealed] {doc_id!r} is not an edition of {art.label}'s act")
        [passage] = library.passages({"doc": doc.id, "art": art.number}, b, b.line_of("texts"))
        if _body(passage.text).strip().rstrip(".").lower() not in REPEALED_TEXT:
            raise ProvisionError(b.file, b.line_of("texts"), f"[repealed] {doc_id!r} prints {art.label} with words, "
                                 f"not as repealed: {_body(passage.text)[:60]!r}")
        if doc.get("date_edition") < on:
            raise ProvisionError(b.file, b.line_of("texts"), f"[repealed] {doc_id!r} (as of "
                                 f"{doc.get('date_edition').isoformat()}) predates the repeal of {on.isoformat()}")
        passages.append(passage)
    g.add((art.article, LEXKB.repealedOn, Literal(on)))
    cite(art.article, passages, b)
    _emit_events(g, library, b, art, events, cite, concept, None, None)


def _emit_events(g, library: Library, b, art: Declared, events: dict, cite, concept, version, since) -> None:
    for (event, docs), node in _event_nodes(art, events):
        g.add((node, RDF.type, LEXKB.AmendmentEvent))
        g.add((node, LEXKB.amendmentKind, concept("amendment-kind", event.kind, b)))
        if event.level:
            g.add((node, LEXKB.amendmentLevel, concept("amendment-level", event.level, b)))
        g.add((node, LEXKB.affectedProvision, art.article))
        if event.date:
            g.add((node, DCTERMS.date, Literal(event.date)))
        else:
            g.add((node, LEXKB.notInSource, DCTERMS.date))
        g.add((node, LEXKB.quotedText, Literal(event.note, lang=library.documents[docs[0]].language)))
        g.add((node, RDFS.label, Literal(f"{art.label}: {event.note}")))
        if version is not None and event.date == since and event.kind in MAKES_VERSION:
            g.add((node, LEXKB.resultingVersion, version))
        cite(node, [library.passages({"doc": d, "art": art.number}, b)[0] for d in docs], b)


def _declared(library: Library, t: dict, b, art: Declared, kind: str, key: str, date_words: str, texts_words: str):
    """The table's date and editions, checked for type; the editions of the article's act; its events."""
    date = t.get(key)
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ProvisionError(b.file, b.line_of(key), f"[{kind}] '{key}' must be a date ({date_words})")
    texts = t.get("texts")
    if not isinstance(texts, list) or not texts or not all(isinstance(x, str) for x in texts):
        raise ProvisionError(b.file, b.line_of("texts"), f"[{kind}] 'texts' must list {texts_words}")
    editions = [d for d in library.documents.values() if d.kind == "statute-edition" and d.get("instrument") == art.instrument]
    return date, texts, editions, _events(library, editions, art, b)


def _events(library: Library, editions, art: Declared, b) -> dict:
    """(kind, level, date, unit) -> (Event, [edition ids]) over every edition that has the article."""
    out: dict[tuple, tuple[Event, list[str]]] = {}
    for doc in sorted(editions, key=lambda d: d.get("date_edition")):
        article = library.parsed(doc).article(art.number)
        if article is None:
            continue
        for note in article.notes:
            for event in note.events:
                key = (event.kind, event.level, event.date, _unit(note))
                if key in out:
                    out[key][1].append(doc.id)
                else:
                    out[key] = (event, [doc.id])
    return out


def _unit(note: Note) -> str:
    a = note.after
    return Address(article="x", parrafo=a.parrafo, fraccion=a.fraccion, inciso=a.inciso).path().split("/", 1)[-1]


def _event_nodes(art: Declared, events: dict):
    seen: dict[str, int] = {}
    for (kind, level, date, unit), value in sorted(events.items(), key=lambda kv: (kv[0][2] or dt.date.min, kv[0][0], kv[0][1] or "", kv[0][3])):
        tail = f"{date.isoformat() if date else 'undated'}-{level or 'unit'}-{kind}"
        if level not in (None, "articulo"):
            tail += f"-{unit.replace('/', '-')}"
        seen[tail] = seen.get(tail, 0) + 1
        if seen[tail] > 1:
            tail += f"-{seen[tail]}"
        yield value, URIRef(f"{art.article}/amendment/{tail}")
