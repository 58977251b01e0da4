"""Compiling literate provision files into the lexkb RDF graph.

Each TOML block holds one or more tables whose name says what it encodes: `provision`, `offence`,
`conduct`, `penalty`, `measure`, `aggravation`, `rule`, `claim`, `instrument`, `document`,
`source`, `amendment_effect`, `not_covered`, `reading`. The compiler mints every IRI (no blank nodes, so
output is stable), attaches `dcterms:source` to every resource, checks each quote verbatim against
the passage it cites (kb/sources: a report's paragraph, a statute edition's article), and records
the file and line each resource came from. Nothing here names a State or a document: jurisdictions,
documents and layouts are tables in the provision files.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from . import namespaces as ns
from .errors import ProvisionError
from .literate import Block, read_blocks
from .encode import versions
from .jurisdiction import code_of as jurisdiction_of
from .sources import LAYOUT_KEYS, Library, Passage
from .sources.document import KEYS as DOCUMENT_KEYS
from .sources.furniture import normalise
from .sources.rdf import document_triples, passage_triples

LEXKB = Namespace(ns.LEXKB)
ELI = Namespace(ns.ELI)
SCHEMA = Namespace(ns.SCHEMA)
UNIT = Namespace(ns.QUDT_UNIT)
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")

# Keys each table may hold: anything else is a typo the author should hear about.
KEYS = {
    "provision": {"ref", "chapter", "source", "summary"},
    "offence": {"id", "label", "label_es", "label_es_source", "aliases", "defined_in", "penalised_in", "conduct",
                "means", "purposes", "circumstances", "relationships", "victim_conditions", "source"},
    "conduct": {"offence", "verbs"},
    "penalty": {"id", "offence", "provision", "version", "imprisonment_years", "fine_days_wage", "fine",
                "fine_unit", "victim_conditions", "condition", "source"},
    "measure": {"penalty", "factor", "type", "mandatory", "duration", "condition", "provision",
                "source"},
    "aggravation": {"id", "aggravates", "increase", "up_to", "components", "bounds", "factors", "provision",
                    "version", "source"},
    "factor": {"id", "label", "victim_conditions"},
    "rule": {"id", "kind", "offence", "victim_conditions", "refers_to", "provision", "version", "source"},
    "claim": {"provision", "opsc", "source", "basis", "rationale"},
    "reading": {"id", "of", "rests_on", "reading", "alternative", "basis", "rationale", "source", "succession"},
    "jurisdiction": {"code", "name", "country"},
    "version": versions.KEYS,
    "repealed": versions.REPEALED_KEYS,
    "layout": LAYOUT_KEYS,
    "instrument": {"id", "iri", "short", "kind", "jurisdiction", "title", "title_es", "part",
                   "part_es", "date_adopted", "date_publication", "first_date_entry_in_force",
                   "date_ratification", "repealed_by", "amends", "not_in_source", "source", "aliases"},
    "document": DOCUMENT_KEYS,
    "source": {"id", "label"},
    "amendment_effect": {"id", "decree", "kind", "offences", "unmodelled", "victim_conditions",
                         "source"},
    "not_covered": {"instrument", "numbers", "note", "source"},
}
# The type of every key that is not free-form: TOML's own types are checked here, before any value is
# used, so that `verbs = [1, 2]` or `aliases = [{ label = 5 }]` is an error at its own line.
STR, STR_LIST, TABLE_LIST = "a string", "a list of strings", "a list of tables"
SOURCE = "a paragraph number, a declared source, an address table, or a list of them"
TYPES = {
    **{key: STR for key in ("id", "label", "label_es", "ref", "chapter", "summary", "condition", "type", "kind",
                            "refers_to", "title", "title_es", "part", "part_es", "short", "iri", "jurisdiction",
                            "decree", "duration", "penalty", "factor", "provision", "instrument", "repealed_by",
                            "amends", "note", "symbol", "fine_unit")},
    **{key: STR_LIST for key in ("defined_in", "penalised_in", "conduct", "means", "purposes", "victim_conditions",
                                 "verbs", "aggravates", "components", "bounds", "opsc", "not_in_source", "offences",
                                 "unmodelled", "numbers")},
    "aliases": TABLE_LIST, "factors": TABLE_LIST, "source": SOURCE, "label_es_source": SOURCE,
}
# Keys whose type depends on the table: an [instrument]'s aliases are names (strings), an [offence]'s
# are tables (a label and its source).
KIND_TYPES = {("instrument", "aliases"): STR_LIST}
OFFENCE_AS_LIST = {"amendment_effect"}  # [amendment_effect] offences = [...]; elsewhere offence is one id
# Ids and IRI paths become parts of IRIs: letters, digits, '.', '_' and '-' only (no '>', no spaces).
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
IRI_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")
# Article numbers and chapters ("203 bis", "III", "VI"): words of letters and digits, one space or '-' apart.
NUMBER = re.compile(r"^[^\W_]+(?:[ -][^\W_]+)*$")

PLAUSIBLE_YEARS = (1800, 2100)  # the shapes say the same (ontology/shapes.ttl, LegalResourceShape)
# Words of a rule and the increase they mean; an encoding whose increase disagrees is an error.
INCREASE_WORDS = [
    (re.compile(r"\b(by|of) (one |a )?half\b|\bby 50 ?(%|per ?cent)", re.I), Decimal("0.5")),
    (re.compile(r"\b(by|of) (one |a )?third\b", re.I), Decimal(1) / Decimal(3)),
    (re.compile(r"\b(by|of) two[- ]thirds\b", re.I), Decimal(2) / Decimal(3)),
    (re.compile(r"\b(by|of) (one |a )?quarter\b|\bby 25 ?(%|per ?cent)", re.I), Decimal("0.25")),
    (re.compile(r"\bdoubled\b|\bby 100 ?(%|per ?cent)", re.I), Decimal(1)),
    (re.compile(r"\b(increased|aumentar[áa]n?) (by|en) (up to )?(one|a|una) (half|mitad)\b", re.I), Decimal("0.5")),
    # the statute's Spanish: "en una mitad", "hasta en una mitad", "hasta en dos terceras partes", "al doble"
    (re.compile(r"\ben (una )?mitad\b", re.I), Decimal("0.5")),
    (re.compile(r"\bdos terceras partes\b", re.I), Decimal(2) / Decimal(3)),
    (re.compile(r"\buna tercera parte\b", re.I), Decimal(1) / Decimal(3)),
    (re.compile(r"\bal doble\b", re.I), Decimal(1)),
]
# "hasta en una mitad", "up to half": a ceiling the judge may reach, not a fixed increase
UP_TO_WORDS = re.compile(r"\bhasta en\b|\bup to\b", re.I)
# fine units: the key of a [penalty]'s fine_unit, and its IRI (ontology/lexkb.ttl)
FINE_UNITS = {"minimum-daily-wage": "DayOfMinimumWage", "dia-multa": "DayFine", "uma-daily-value": "UMADailyValue"}
MAX_INCREASE = Decimal(2)  # more than tripled: no rule in the field's sources says so


def numbers_in(text: str, language: str = "en") -> set[Decimal]:
    """The numbers a quote states ("between 2 and 9 years", "1,500 days", "de ocho a quince años")."""
    from .numerals import numbers_in as stated

    return stated(text, language)


NOT_IN_SOURCE_PROPS = {"date_publication", "first_date_entry_in_force", "date_no_longer_in_force",
                       "date_document"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# what a reading's `of` may name ("aggravation:ID", "provision:INSTRUMENT:6/III"): the IRI kind
READING_TARGETS = {"offence": "offence", "penalty": "penalty", "aggravation": "aggravation",
                   "factor": "aggravating-factor", "rule": "rule", "amendment_effect": "amendment-effect"}


def _is_source(value) -> bool:
    """A paragraph number, a declared source's id, or an address table ({ doc = …, art = … }, checked
    by kb/sources)."""
    return isinstance(value, (str, dict)) or isinstance(value, int) and not isinstance(value, bool)


def _describe(value) -> str:
    kinds = {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "a list",
             dict: "a table"}
    if isinstance(value, list) and value:
        inner = {kinds.get(type(v), type(v).__name__) for v in value}
        return f"a list holding {' and '.join(sorted(inner))}"
    return kinds.get(type(value), type(value).__name__)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Ref:
    """A provision reference such as 'INSTRUMENT:203 bis' or 'INSTRUMENT:6/III/a'."""

    instrument: str
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: object, where: Block) -> "Ref":
        if not isinstance(text, str) or ":" not in text:
            raise ProvisionError(where.file, where.line,
                                 f"provision reference {text!r} must look like 'INSTRUMENT:203 bis' or 'INSTRUMENT:6/III/a'")
        inst, _, path = text.partition(":")
        parts = tuple(p.strip() for p in path.split("/"))
        line = where.line_of_value(text)
        if not inst or not all(parts):
            raise ProvisionError(where.file, line, f"provision reference {text!r} has an empty part")
        bad = next((p for p in (inst.strip(),) + parts if not NUMBER.match(p)), None)
        if bad is not None:
            raise ProvisionError(where.file, line, f"provision reference {text!r}: {bad!r} is not an article number "
                                 "(letters and digits, words one space apart, e.g. 'INSTRUMENT:203 bis')")
        return cls(inst.strip(), parts)

    def key(self) -> str:
        return f"{self.instrument}:{'/'.join(self.parts)}"

    def parent(self) -> "Ref | None":
        return Ref(self.instrument, self.parts[:-1]) if len(self.parts) > 1 else None


@dataclass
class Context:
    """What a block inherits from the blocks above it in the same file."""

    provision: Ref | None = None
    source: list = field(default_factory=list)
    penalty: str | None = None
    aggravation: str | None = None


class Compiler:
    def __init__(self, provisions_dir: Path):
        self.library = Library(provisions_dir)
        self.document_blocks: dict[str, Block] = {}
        self.jurisdictions: dict[str, dict] = {}
        self.provision_codes: dict[URIRef, str | None] = {}
        self.entity_codes: dict[tuple[str, str], str] = {}
        self.g = Graph()
        for prefix, iri in ns.PREFIXES.items():
            self.g.bind(prefix, iri, override=True)
        self.g.bind("country", COUNTRY)
        self.sourcemap: dict[str, str] = {}
        self.instruments: dict[str, dict] = {}
        self.provisions: dict[str, tuple[Ref, Block]] = {}
        self.offences: dict[str, Block] = {}
        self.penalties: dict[str, Block] = {}
        self.factors: dict[str, Block] = {}
        self.provision_text: dict[URIRef, dict[str, list[str]]] = {}
        self.labels: dict[URIRef, str] = {}
        # (article key, since) -> (article Ref, texts): every [version], known before any penalty names one
        self.versions: dict[tuple[str, dt.date], tuple[Ref, list]] = {}

    # ------------------------------------------------------------------ IRIs
    def instrument_iri(self, inst: str, where: Block) -> URIRef:
        if inst not in self.instruments:
            raise ProvisionError(where.file, where.line, f"unknown instrument {inst!r}")
        return URIRef(ns.instrument_iri(self.instruments[inst]["iri"]))

    def provision_iri(self, ref: Ref, where: Block) -> URIRef:
        base = self.instrument_iri(ref.instrument, where)
        tail = "/".join([ns.subdivision_path(ref.parts[0])] + list(ref.parts[1:]))
        return URIRef(f"{base}/{tail}")

    def provision_label(self, ref: Ref) -> str:
        info = self.instruments[ref.instrument]
        first, rest = ref.parts[0], ref.parts[1:]
        if info["kind"] == "treaty":
            number = first + "".join(f"({p})" for p in rest)
        else:
            number = first + (f" {rest[0]}" if rest else "") + "".join(f"({p})" for p in rest[1:])
        return f"{info['short']} art. {number}"

    def entity(self, kind: str, ident: str, code: str | None = None) -> URIRef:
        """IRI of an offence, penalty, rule …: under its jurisdiction's code, which comes from the
        instrument of the provision it belongs to (given, or recorded when the id was registered)."""
        if code is not None:
            self.entity_codes.setdefault((kind, ident), code)
        code = code or self.entity_codes.get((kind, ident))
        if code is None:
            raise ProvisionError("provisions", None, f"{kind} {ident!r} belongs to no jurisdiction")
        return URIRef(ns.entity_iri(code, kind, ident))

    def code_of(self, provision: URIRef, where: Block) -> str:
        """The jurisdiction code of a provision's instrument; an error for a treaty's provision."""
        code = self.provision_codes.get(provision)
        if code is None:
            raise ProvisionError(where.file, where.line,
                                 f"{self.labels.get(provision, provision)} belongs to no jurisdiction (its instrument declares none)")
        return code

    def ref_code(self, ref: Ref) -> str | None:
        return self.instruments[ref.instrument].get("jurisdiction")

    def concept(self, scheme: str, ident: str) -> URIRef:
        return URIRef(ns.concept_iri(scheme, ident))

    # ------------------------------------------------------------------ sources
    def source_nodes(self, value, where: Block) -> list[URIRef]:
        return [URIRef(p.iri()) for p in self.library.passages(value, where)]

    def cite(self, node: URIRef, sources: list[URIRef], where: Block) -> None:
        for s in sources:
            self.g.add((node, DCTERMS.source, s))
        self.sourcemap.setdefault(str(node), where.where())

    def check_verbatim(self, text: str, source_value, where: Block, line: int) -> str:
        """Check text verbatim against the passages source_value cites; return its language."""
        return self.library.check_quote(text, self.library.passages(source_value, where, line), where, line)

    def lit_quoted(self, text: str, source_value, where: Block, line: int) -> Literal:
        """A string from a source, checked verbatim, tagged with the cited document's language."""
        return Literal(text, lang=self.check_verbatim(text, source_value, where, line))

    # ------------------------------------------------------------------ helpers
    def lit_en(self, text: str) -> Literal:
        return Literal(text, lang="en")

    def need(self, table: dict, key: str, kind: str, where: Block, types=(str,)):
        if key not in table:
            raise ProvisionError(where.file, where.line, f"[{kind}] needs '{key}'")
        value = table[key]
        if not isinstance(value, types) or isinstance(value, bool) and bool not in types:
            raise ProvisionError(where.file, where.line, f"[{kind}] '{key}' has the wrong type ({type(value).__name__})")
        return value

    def check_keys(self, kind: str, table: dict, where: Block) -> None:
        if not isinstance(table, dict):
            raise ProvisionError(where.file, where.line, f"[{kind}] must be a table")
        extra = set(table) - KEYS[kind]
        if extra:
            raise ProvisionError(where.file, where.line_of(sorted(extra)[0]),
                                 f"[{kind}] unknown key(s) {', '.join(sorted(extra))}; allowed: {', '.join(sorted(KEYS[kind]))}")
        self.check_types(kind, table, where)

    def check_types(self, kind: str, table: dict, where: Block) -> None:
        """Each key's TOML type (TYPES), no nan or infinity anywhere, and ids and numbers that can be
        part of an IRI; errors at the key's own line."""
        import math

        for key, value in table.items():
            line = where.line_of(key)
            expected = STR_LIST if key == "offences" and kind in OFFENCE_AS_LIST else \
                STR if key == "offence" else KIND_TYPES.get((kind, key), TYPES.get(key))
            ok = {
                None: True,
                STR: isinstance(value, str),
                STR_LIST: isinstance(value, list) and all(isinstance(v, str) for v in value),
                TABLE_LIST: isinstance(value, list) and all(isinstance(v, dict) for v in value),
                SOURCE: _is_source(value) or isinstance(value, list) and bool(value) and all(map(_is_source, value)),
            }[expected]
            if not ok:
                raise ProvisionError(where.file, line, f"[{kind}] '{key}' must be {expected}, not {_describe(value)}")
            stack = [value]
            while stack:  # iterative: TOML nests arrays as deep as it likes
                v = stack.pop()
                if isinstance(v, float) and not math.isfinite(v):
                    raise ProvisionError(where.file, line, f"[{kind}] '{key}' holds {v!r}: give a finite number")
                if isinstance(v, (dt.date, dt.datetime)) and not PLAUSIBLE_YEARS[0] <= v.year <= PLAUSIBLE_YEARS[1]:
                    raise ProvisionError(where.file, line, f"[{kind}] '{key}' = {v}: a year outside "
                                         f"{PLAUSIBLE_YEARS[0]}-{PLAUSIBLE_YEARS[1]} is not a plausible date for a "
                                         "legal source")
                if isinstance(v, list):
                    stack.extend(v)
                elif isinstance(v, dict):
                    stack.extend(v.values())
            if key == "id" and not ID.match(value):
                raise ProvisionError(where.file, line, f"[{kind}] id {value!r}: use letters, digits, '.', '_' and '-' only")
            if key == "iri" and not IRI_PATH.match(value):
                raise ProvisionError(where.file, line, f"[{kind}] iri {value!r}: a path such as 'CODE/act/2007' "
                                     "(letters, digits, '.', '_', '-', and '/')")
            if key == "chapter" and not NUMBER.match(value):
                raise ProvisionError(where.file, line, f"[{kind}] chapter {value!r}: letters and digits, words one "
                                     "space apart, e.g. 'VI'")
            if key == "numbers" and kind == "not_covered":
                bad = next((n for n in value if not NUMBER.match(n)), None)
                if bad is not None:
                    raise ProvisionError(where.file, line, f"[{kind}] number {bad!r}: letters and digits, e.g. '205 bis'")
        for key in ("aliases", "factors"):
            if KIND_TYPES.get((kind, key)) == STR_LIST:
                continue
            for item in table.get(key, []):
                if key == "aliases" and not isinstance(item.get("label"), str):
                    raise ProvisionError(where.file, where.line_of(key), f"[{kind}] each alias's label must be a string, "
                                         f"not {_describe(item.get('label'))}")
                if key == "factors":
                    self.check_keys("factor", item, where)

    def range_pair(self, table: dict, key: str, kind: str, where: Block) -> tuple[Decimal, Decimal]:
        value = self.need(table, key, kind, where, (list,))
        line = where.line_of(key)
        if len(value) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            raise ProvisionError(where.file, line, f"[{kind}] '{key}' must be [min, max] numbers")
        lo, hi = (Decimal(str(v)) for v in value)
        if lo > hi:
            raise ProvisionError(where.file, line, f"[{kind}] '{key}' minimum {lo} exceeds maximum {hi}")
        if lo <= 0:
            raise ProvisionError(where.file, line, f"[{kind}] '{key}' bounds must be positive")
        return lo, hi

    def check_numbers_against_quote(self, t: dict, b: Block, language: str = "en") -> None:
        """The numbers of a penalty's ranges are the numbers its quote gives: [3, 10] under "between
        2 and 9 years" is a wrong number, worse than a crash. English quotes are compared where they
        write numbers in digits; Spanish ones in digits and in words (kb/numerals.py)."""
        quoted = numbers_in(" ".join(q.text for q in b.quotes), language)
        if not quoted:
            return
        for key in ("imprisonment_years", "fine_days_wage", "fine"):
            value = t.get(key)
            if isinstance(value, list):
                missing = [v for v in value if isinstance(v, (int, float)) and not isinstance(v, bool)
                           and Decimal(str(v)) not in quoted]
                if missing:
                    shown = ", ".join(str(int(n)) if n == n.to_integral_value() else format(n.normalize(), "f")
                                      for n in sorted(quoted))
                    raise ProvisionError(b.file, b.line_of(key), f"[penalty] '{key}' = {value}: "
                                         f"{', '.join(str(m) for m in missing)} is not a number of the quote above it "
                                         f"(which gives {shown})")

    def check_increase_words(self, increase: Decimal, b: Block, up_to: bool = False) -> None:
        """The increase agrees with the rule's words ("increased by half" is 0.5, "al doble" 1), a
        ceiling ("hasta en una mitad") is encoded as one (up_to), and the increase is plausible."""
        text = " ".join(q.text for q in b.quotes)
        said = False
        for pattern, meant in INCREASE_WORDS:
            match = pattern.search(text)
            if match:
                said = True
                if abs(increase - meant) > Decimal("0.001"):
                    raise ProvisionError(b.file, b.line_of("increase"), f"[aggravation] 'increase' = {increase}, but the "
                                         f"quote above it says {match.group(0)!r} ({meant:.4g})")
        if said and bool(UP_TO_WORDS.search(text)) != up_to:
            raise ProvisionError(b.file, b.line_of("up_to") if "up_to" in b.content else b.line_of("increase"),
                                 "[aggravation] the quote above it says 'hasta en' / 'up to' (a ceiling): give up_to = true"
                                 if not up_to else "[aggravation] up_to = true, but the quote above it sets a fixed "
                                 "increase (no 'hasta en' / 'up to')")
        if increase > MAX_INCREASE:
            raise ProvisionError(b.file, b.line_of("increase"), f"[aggravation] 'increase' = {increase}: more than "
                                 f"{MAX_INCREASE} (tripled) is not a plausible increase; check the rule's words")

    def check_instrument_dates(self) -> None:
        """Dates in their order: adopted <= published <= in force, and an act published before the act
        that repeals it."""
        for ident, info in self.instruments.items():
            b = info["block"]
            adopted, published, in_force = (info.get(k) for k in ("date_adopted", "date_publication",
                                                                    "first_date_entry_in_force"))
            if isinstance(adopted, dt.date) and isinstance(published, dt.date) and adopted > published:
                raise ProvisionError(b.file, b.line_of("date_adopted"), f"instrument {ident!r} adopted on {adopted}, "
                                     f"after its publication on {published}")
            if isinstance(in_force, dt.date) and isinstance(published, dt.date) and in_force < published:
                raise ProvisionError(b.file, b.line_of("first_date_entry_in_force"), f"instrument {ident!r} in force on "
                                     f"{in_force}, before its publication on {published}")
            other = self.instruments.get(info.get("repealed_by"))
            if other is not None and isinstance(published, dt.date) and \
                    isinstance(other.get("date_publication"), dt.date) and other["date_publication"] <= published:
                raise ProvisionError(b.file, b.line_of("repealed_by"), f"instrument {ident!r} published on {published} "
                                     f"is repealed by {info['repealed_by']!r}, published earlier, on "
                                     f"{other['date_publication']}")

    def victim_conditions(self, node: URIRef, values, where: Block) -> None:
        for v in values or []:
            concept = self.concept("victim-condition", v)
            if (concept, RDF.type, SKOS.Concept) not in self.vocabulary:
                raise ProvisionError(where.file, where.line_of("victim_conditions"),
                                     f"unknown victim condition {v!r}; known: {', '.join(self.known('victim-condition'))}")
            self.g.add((node, LEXKB.victimCondition, concept))

    def closed_concept(self, scheme: str, value: str, where: Block) -> URIRef:
        concept = self.concept(scheme, value)
        if (concept, RDF.type, SKOS.Concept) not in self.vocabulary:
            raise ProvisionError(where.file, where.line,
                                 f"unknown {scheme} {value!r}; known: {', '.join(self.known(scheme))}")
        return concept

    def known(self, scheme: str) -> list[str]:
        scheme_iri = URIRef(ns.concept_iri(scheme, "").rstrip("/"))
        return sorted(str(self.vocabulary.value(c, SKOS.notation))
                      for c in self.vocabulary.subjects(SKOS.inScheme, scheme_iri))

    def open_concept(self, scheme: str, label: str, sources: list[URIRef], where: Block, language: str = "en") -> URIRef:
        """A concept named by a source's own words, in that source's language (a statute's Spanish verbs
        are not translated)."""
        concept = self.concept(scheme, slug(label))
        scheme_iri = URIRef(ns.concept_iri(scheme, "").rstrip("/"))
        self.g.add((concept, RDF.type, SKOS.Concept))
        self.g.add((concept, SKOS.inScheme, scheme_iri))
        self.g.add((concept, SKOS.prefLabel, Literal(label, lang=language)))
        self.g.add((concept, SKOS.notation, Literal(slug(label))))
        self.g.add((scheme_iri, RDF.type, SKOS.ConceptScheme))
        self.g.add((scheme_iri, SKOS.prefLabel, self.lit_en(scheme.replace("-", " "))))
        self.cite(concept, sources, where)
        self.cite(scheme_iri, sources, where)
        return concept

    def quoted(self, node: URIRef, block: Block, source_value, add: bool = True) -> None:
        """Check the block's quotes against the cited paragraphs; record them on node."""
        by_language: dict[str, list[str]] = {}
        for q in block.quotes:
            by_language.setdefault(self.check_verbatim(q.text, source_value, block, q.line), []).append(q.text)
        if add:
            for lang, texts in by_language.items():
                self.g.add((node, LEXKB.quotedText, Literal("\n".join(texts), lang=lang)))

    # ------------------------------------------------------------------ compile
    def compile(self, files: list[tuple[Path, str]], vocabulary: Graph) -> Graph:
        self.vocabulary = vocabulary
        blocks = [b for path, name in files for b in read_blocks(path, name)]
        # Declarations first (sources, instruments, provisions), so that any file may refer to
        # any other; then the rest, in file order.
        for b in blocks:
            for kind, table in b.data.items():
                if kind not in KEYS or kind == "factor":
                    raise ProvisionError(b.file, b.line,
                                         f"unknown table [{kind}]; expected one of: {', '.join(k for k in KEYS if k != 'factor')}")
                if not isinstance(table, dict):
                    raise ProvisionError(b.file, b.line, f"[{kind}] must be a table")
                self.check_keys(kind, table, b)
                if kind in ("source", "document", "layout", "jurisdiction"):
                    self.declare_source(kind, table, b)
        for b in blocks:
            if "instrument" in b.data:
                self.declare_instrument(b.data["instrument"], b)
        self.check_instrument_dates()
        by_file: dict[str, list[Block]] = {}
        for b in blocks:
            by_file.setdefault(b.file, []).append(b)
        for file_blocks in by_file.values():
            current: Ref | None = None
            for b in file_blocks:
                if "provision" in b.data:
                    ref = Ref.parse(self.need(b.data["provision"], "ref", "provision", b), b)
                    if ref.instrument not in self.instruments:
                        raise ProvisionError(b.file, b.line, f"unknown instrument {ref.instrument!r} in {ref.key()!r}")
                    if ref.key() in self.provisions:
                        other = self.provisions[ref.key()][1]
                        raise ProvisionError(b.file, b.line, f"provision {ref.key()!r} is already declared at {other.where()}")
                    self.provisions[ref.key()] = (ref, b)
                    self.labels[self.provision_iri(ref, b)] = self.provision_label(ref)
                    self.provision_codes[self.provision_iri(ref, b)] = self.ref_code(ref)
                    current = ref
                if "version" in b.data:
                    t = b.data["version"]
                    vref = Ref.parse(t["provision"], b) if "provision" in t else current
                    if vref is not None and isinstance(t.get("since"), dt.date):
                        self.versions.setdefault((Ref(vref.instrument, vref.parts[:1]).key(), t["since"]),
                                                 (vref, t.get("texts")))
                for kind in ("offence", "penalty"):
                    if kind in b.data:
                        t = b.data[kind]
                        ident = self.need(t, "id", kind, b)
                        registry = self.offences if kind == "offence" else self.penalties
                        if ident in registry:
                            raise ProvisionError(b.file, b.line, f"{kind} id {ident!r} is already used at {registry[ident].where()}")
                        registry[ident] = b
                        # An offence belongs to the jurisdiction of the provision defining it; a
                        # penalty to that of the provision prescribing it.
                        refs = t.get("defined_in") if kind == "offence" else [t["provision"]] if "provision" in t else None
                        ref = Ref.parse(refs[0], b) if isinstance(refs, list) and refs else current
                        code = self.ref_code(ref) if ref is not None and ref.instrument in self.instruments else None
                        if code is None:
                            raise ProvisionError(b.file, b.line, f"{kind} {ident!r}: its provision's instrument declares no jurisdiction")
                        self.entity_codes[(kind, ident)] = code
        readings = []
        for file_blocks in by_file.values():
            ctx = Context()
            for b in file_blocks:
                for kind, table in b.data.items():
                    if kind == "reading":
                        readings.append((table, b))
                        continue
                    handler = getattr(self, f"on_{kind}", None)
                    if handler:
                        handler(table, b, ctx)
                self.collect_text(b, ctx)
        # readings last: they may name any resource of any file
        for table, b in readings:
            self.on_reading(table, b)
        for node, by_language in self.provision_text.items():
            for lang, quotes in by_language.items():
                self.g.add((node, LEXKB.quotedText, Literal("\n".join(quotes), lang=lang)))
        self.emit_sources()
        return self.g

    def collect_text(self, b: Block, ctx: Context) -> None:
        """A provision's words are the quotes of its own block and of the blocks that encode it."""
        if not b.quotes or "version" in b.data:
            return
        explicit = [t["provision"] for k, t in b.data.items() if k != "provision" and "provision" in t]
        if "provision" in b.data:
            target = self.provision_iri(ctx.provision, b)
        elif explicit:
            target = self.provision_ref(explicit[0], b)
        elif ctx.provision is not None and "instrument" not in b.data:
            target = self.provision_iri(ctx.provision, b)
        else:
            return
        lang = self.quote_language(self.block_source(b, ctx), b)
        self.provision_text.setdefault(target, {}).setdefault(lang, []).extend(q.text for q in b.quotes)

    def quote_language(self, source_value, b: Block) -> str:
        """The language of the document a block's quotes were checked against."""
        if source_value is None:
            return "en"
        langs = [p.language for p in self.library.passages(source_value, b) if p.text is not None]
        return langs[0] if langs else "en"

    def block_source(self, b: Block, ctx: Context):
        """The source a block's quotes are checked against: its tables' own, else the provision's."""
        for kind, t in b.data.items():
            if isinstance(t, dict) and "source" in t:
                return t["source"]
            if isinstance(t, dict) and "provision" in t and kind != "provision":
                ref = Ref.parse(t["provision"], b)
                if ref.key() in self.provisions:
                    return self.provisions[ref.key()][1].data["provision"].get("source", ctx.source)
        return ctx.source or None

    # ------------------------------------------------------------------ declarations
    def declare_source(self, kind: str, table: dict, b: Block) -> None:
        if kind == "document":
            doc = self.library.declare(table, b)
            self.document_blocks[doc.id] = b
            self.sourcemap[ns.source_iri(doc.id)] = b.where()
            return
        if kind == "layout":
            self.library.declare_layout(table, b)
            return
        if kind == "jurisdiction":
            code = self.need(table, "code", kind, b)
            self.need(table, "name", kind, b)
            if not SLUG.match(code):
                raise ProvisionError(b.file, b.line_of("code"), f"[jurisdiction] code {code!r} must be lower-case letters and digits")
            if code in self.jurisdictions:
                raise ProvisionError(b.file, b.line, f"jurisdiction {code!r} is declared twice")
            self.jurisdictions[code] = table
            return
        ident = self.need(table, "id", kind, b)
        node = URIRef(ns.BASE + "source/" + ident)
        self.library.declare_named(ident, self.need(table, "label", kind, b), b)
        self.g.add((node, RDF.type, LEXKB.SourcePassage))
        self.g.add((node, RDFS.label, Literal(table["label"])))
        self.sourcemap[str(node)] = b.where()

    def declare_instrument(self, t: dict, b: Block) -> None:
        ident = self.need(t, "id", "instrument", b)
        if ident in self.instruments:
            raise ProvisionError(b.file, b.line, f"instrument {ident!r} is declared twice")
        for key in ("iri", "short", "kind", "title"):
            self.need(t, key, "instrument", b)
        if "jurisdiction" in t and t["jurisdiction"] not in self.jurisdictions:
            raise ProvisionError(b.file, b.line_of("jurisdiction"),
                                 f"unknown jurisdiction {t['jurisdiction']!r}; declared: {', '.join(sorted(self.jurisdictions)) or 'none'}")
        self.instruments[ident] = dict(t, block=b)

    def on_instrument(self, t: dict, b: Block, ctx: Context) -> None:
        node = self.instrument_iri(t["id"], b)
        sources = self.source_nodes(t.get("source"), b)
        g = self.g
        g.add((node, RDF.type, ELI.LegalResource))
        g.add((node, ELI.title, self.lit_en(t["title"])))
        if "title_es" in t:
            g.add((node, ELI.title, Literal(t["title_es"], lang="es")))
        g.add((node, ELI.title_short, Literal(t["short"])))
        # other names a reader types for the instrument ("Código Penal Federal 204"): lexkb.lookup
        # reads them with the short name and the titles
        for alias in t.get("aliases", []):
            g.add((node, ELI.title_alternative, Literal(alias)))
        g.add((node, RDFS.label, Literal(t["short"])))
        g.add((node, DCTERMS.identifier, Literal(t["id"])))
        country = self.jurisdictions.get(t.get("jurisdiction"), {}).get("country")
        if country:
            g.add((node, ELI.jurisdiction, COUNTRY[country]))
        if "part" in t:
            g.add((node, DCTERMS.description, self.lit_en(f"Articles modelled: {t['part']}")))
        if "part_es" in t:
            g.add((node, DCTERMS.description, Literal(f"Artículos modelados: {t['part_es']}", lang="es")))
        for key, prop in (("date_adopted", ELI.date_document), ("date_publication", ELI.date_publication),
                          ("first_date_entry_in_force", ELI.first_date_entry_in_force),
                          ("date_ratification", LEXKB.dateOfRatification)):
            if key in t:
                g.add((node, prop, Literal(self.need(t, key, "instrument", b, (dt.date,)))))
        for key in t.get("not_in_source", []):
            if key not in NOT_IN_SOURCE_PROPS:
                raise ProvisionError(b.file, b.line, f"not_in_source: unknown property {key!r}")
            g.add((node, LEXKB.notInSource, ELI[key]))
        if "repealed_by" in t:
            other = self.instrument_iri(t["repealed_by"], b)
            g.add((node, ELI.repealed_by, other))
            g.add((other, ELI.repeals, node))
        if "amends" in t:
            other = self.instrument_iri(t["amends"], b)
            g.add((node, ELI.amends, other))
            g.add((other, ELI.amended_by, node))
        self.quoted(node, b, t.get("source"))
        self.cite(node, sources, b)

    # ------------------------------------------------------------------ provisions
    def on_provision(self, t: dict, b: Block, ctx: Context) -> None:
        ref = Ref.parse(t["ref"], b)
        ctx.provision = ref
        if "source" in t:
            ctx.source = t["source"]
        elif not ctx.source:
            raise ProvisionError(b.file, b.line, f"provision {ref.key()!r} needs a source")
        node = self.provision_iri(ref, b)
        sources = self.source_nodes(ctx.source, b)
        g = self.g
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, ELI.number, Literal(ref.parts[-1])))
        g.add((node, ELI.id_local, Literal(str(node)[len(str(self.instrument_iri(ref.instrument, b))) + 1:])))
        g.add((node, RDFS.label, Literal(self.provision_label(ref))))
        g.add((node, LEXKB.coverage, self.concept("coverage", "described")))
        parent_ref = ref.parent()
        if parent_ref is not None:
            if parent_ref.key() not in self.provisions:
                raise ProvisionError(b.file, b.line, f"provision {ref.key()!r} has no declared parent {parent_ref.key()!r}")
            parent = self.provision_iri(parent_ref, b)
        elif "chapter" in t:
            parent = URIRef(f"{self.instrument_iri(ref.instrument, b)}/chp_{t['chapter']}")
            g.add((parent, RDF.type, ELI.LegalResourceSubdivision))
            g.add((parent, ELI.number, Literal(t["chapter"])))
            g.add((parent, ELI.id_local, Literal(f"chp_{t['chapter']}")))
            g.add((parent, RDFS.label, Literal(f"{self.instruments[ref.instrument]['short']} chapter {t['chapter']}")))
            g.add((parent, LEXKB.coverage, self.concept("coverage", "described")))
            inst = self.instrument_iri(ref.instrument, b)
            g.add((parent, ELI.is_part_of, inst))
            g.add((inst, ELI.has_part, parent))
            self.cite(parent, sources, b)
        else:
            parent = self.instrument_iri(ref.instrument, b)
        g.add((node, ELI.is_part_of, parent))
        g.add((parent, ELI.has_part, node))
        if "summary" in t:
            g.add((node, DCTERMS.description, self.lit_en(t["summary"])))
        self.quoted(node, b, ctx.source, add=False)
        self.cite(node, sources, b)

    def current_provision(self, t: dict, b: Block, ctx: Context) -> tuple[URIRef, object]:
        """The provision a table belongs to: its own 'provision' key, else the one above it."""
        if "provision" in t:
            ref = Ref.parse(t["provision"], b)
            if ref.key() not in self.provisions:
                raise ProvisionError(b.file, b.line, f"unknown provision {ref.key()!r}")
            declared = self.provisions[ref.key()][1].data["provision"]
            source = t.get("source", declared.get("source", ctx.source))
            return self.provision_iri(ref, b), source
        if ctx.provision is None:
            raise ProvisionError(b.file, b.line, "no [provision] above this block and no 'provision' key")
        return self.provision_iri(ctx.provision, b), t.get("source", ctx.source)

    def label_of(self, provision: URIRef) -> str:
        return self.labels[provision]

    def provision_ref(self, text, b: Block) -> URIRef:
        ref = Ref.parse(text, b)
        if ref.key() not in self.provisions:
            line = next((b.line + i for i, t in enumerate(b.content.splitlines(), 1) if repr(text)[1:-1] in t), b.line)
            raise ProvisionError(b.file, line, f"unknown provision {ref.key()!r}")
        return self.provision_iri(ref, b)

    def declared_article(self, t: dict, b: Block, ctx: Context, kind: str, whole: str) -> tuple[Ref, versions.Declared]:
        """The whole article a [version] or [repealed] is about: its 'provision', else the one above it."""
        ref = Ref.parse(t["provision"], b) if "provision" in t else ctx.provision
        if ref is None or ref.key() not in self.provisions:
            raise ProvisionError(b.file, b.line, f"[{kind}] needs a declared article: a [provision] above it or 'provision'")
        if len(ref.parts) != 1:
            raise ProvisionError(b.file, b.line_of("provision"), f"[{kind}] {ref.key()!r}: {whole}")
        article = self.provision_iri(ref, b)
        return ref, versions.Declared(article, self.label_of(article), ref.instrument, ref.parts[0],
                                      self.instruments[ref.instrument].get("date_publication"))

    def on_version(self, t: dict, b: Block, ctx: Context) -> None:
        """A temporal version of an article and its texts in the editions (kb/encode/versions.py)."""
        ref, declared = self.declared_article(t, b, ctx, "version", "versions are of whole articles")
        versions.encode_version(self.g, self.library, t, b, declared,
                                lambda node, passages, where: self.cite(node, [URIRef(p.iri()) for p in passages], where),
                                self.closed_concept)
        # The words quoted above a [version] are in every text it lists; they stay on the texts
        # (the editions' passages), not on the article, which keeps the words of its own source.
        for q in b.quotes:
            for doc in t["texts"]:
                self.check_verbatim(q.text, {"doc": doc, "art": ref.parts[0]}, b, q.line)

    def on_repealed(self, t: dict, b: Block, ctx: Context) -> None:
        """An article the editions print as repealed, and its amendment events (kb/encode/versions.py)."""
        _, declared = self.declared_article(t, b, ctx, "repealed", "whole articles are repealed")
        versions.encode_repeal(self.g, self.library, t, b, declared,
                               lambda node, passages, where: self.cite(node, [URIRef(p.iri()) for p in passages], where),
                               self.closed_concept)

    # ------------------------------------------------------------------ offences
    def offence_node(self, ident, b: Block) -> URIRef:
        if ident not in self.offences:
            raise ProvisionError(b.file, b.line_of("offence"), f"unknown offence {ident!r}; known: {', '.join(sorted(self.offences))}")
        return self.entity("offence", ident)

    def on_offence(self, t: dict, b: Block, ctx: Context) -> None:
        ident = t["id"]
        if not SLUG.match(ident):
            raise ProvisionError(b.file, b.line, f"offence id {ident!r} must be lower-case words joined by '-'")
        node = self.entity("offence", ident)
        _, source = self.current_provision(t, b, ctx)
        sources = self.source_nodes(source, b)
        g = self.g
        g.add((node, RDF.type, LEXKB.Offence))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        # the English name is optional where the Spanish one is given: the statute is not translated here
        if "label" in t or "label_es" not in t:
            g.add((node, SKOS.prefLabel, self.lit_en(self.need(t, "label", "offence", b))))
        if "label_es" in t:
            g.add((node, SKOS.prefLabel, Literal(t["label_es"], lang="es")))
            if "label_es_source" in t:
                self.check_verbatim(t["label_es"], t["label_es_source"], b, b.line_of("label_es"))
                sources += self.source_nodes(t["label_es_source"], b)
        elif "label_es_source" in t:
            raise ProvisionError(b.file, b.line_of("label_es_source"), "[offence] 'label_es_source' without 'label_es'")
        for alias in t.get("aliases", []):
            if not isinstance(alias, dict) or set(alias) != {"label", "source"}:
                raise ProvisionError(b.file, b.line, "each alias must be { label = \"...\", source = N }")
            g.add((node, SKOS.altLabel, self.lit_quoted(alias["label"], alias["source"], b, b.line)))
            sources += self.source_nodes(alias["source"], b)
        for key, prop in (("defined_in", LEXKB.definedIn), ("penalised_in", LEXKB.penalisedIn)):
            for ref in self.need(t, key, "offence", b, (list,)):
                g.add((node, prop, self.provision_ref(ref, b)))
        for key, scheme, prop in (("conduct", "conduct", LEXKB.conduct), ("means", "commissive-means", LEXKB.commissiveMeans),
                                  ("purposes", "purpose", LEXKB.purpose),
                                  ("circumstances", "circumstance", LEXKB.circumstance),
                                  ("relationships", "relationship", LEXKB.relationship)):
            for label in t.get(key, []):
                g.add((node, prop, self.open_concept(scheme, label, self.source_nodes(source, b), b,
                                                     self.quote_language(source, b))))
        self.victim_conditions(node, t.get("victim_conditions"), b)
        self.quoted(node, b, source)
        self.cite(node, sources, b)

    def on_conduct(self, t: dict, b: Block, ctx: Context) -> None:
        node = self.offence_node(self.need(t, "offence", "conduct", b), b)
        _, source = self.current_provision(t, b, ctx)
        for label in self.need(t, "verbs", "conduct", b, (list,)):
            self.g.add((node, LEXKB.conduct, self.open_concept("conduct", label, self.source_nodes(source, b), b,
                                                               self.quote_language(source, b))))

    # ------------------------------------------------------------------ penalties
    def stated_version(self, t: dict, kind: str, provision_ref: str | None, b: Block, ctx: Context):
        """The article version a penalty or aggravation is stated by (`version = DATE`), and the
        source its quotes are checked against when it gives none: that version's texts, at the article."""
        if "version" not in t:
            return None, None
        since = t["version"]
        if not isinstance(since, dt.date) or isinstance(since, dt.datetime):
            raise ProvisionError(b.file, b.line_of("version"), f"[{kind}] 'version' must be a date: the 'since' of a [version] of its article")
        ref = Ref.parse(provision_ref, b) if provision_ref else ctx.provision
        if ref is None:
            raise ProvisionError(b.file, b.line, f"[{kind}] 'version' needs a provision")
        article = Ref(ref.instrument, ref.parts[:1])
        if (article.key(), since) not in self.versions:
            known = ", ".join(d.isoformat() for k, d in sorted(self.versions) if k == article.key()) or "none"
            raise ProvisionError(b.file, b.line_of("version"), f"[{kind}] no [version] of {article.key()!r} since "
                                 f"{since.isoformat()} (declared versions: {known})")
        texts = self.versions[(article.key(), since)][1] or []
        node = versions.version_iri(self.provision_iri(article, b), since)
        return node, [{"doc": d, "art": article.parts[0]} for d in texts]

    def fine(self, t: dict, b: Block) -> tuple[Decimal, Decimal, URIRef] | None:
        """The fine range and its unit: `fine_days_wage` (the report's "minimum daily wages"), or
        `fine` with `fine_unit` ("días multa" and the UMA's daily value are other units)."""
        if "fine_days_wage" in t:
            if "fine" in t or "fine_unit" in t:
                raise ProvisionError(b.file, b.line_of("fine"), "[penalty] give 'fine_days_wage' or 'fine' with 'fine_unit', not both")
            return (*self.range_pair(t, "fine_days_wage", "penalty", b), LEXKB[FINE_UNITS["minimum-daily-wage"]])
        if "fine" not in t:
            if "fine_unit" in t:
                raise ProvisionError(b.file, b.line_of("fine_unit"), "[penalty] 'fine_unit' without 'fine'")
            return None
        unit = t.get("fine_unit")
        if unit not in FINE_UNITS:
            raise ProvisionError(b.file, b.line_of("fine_unit") if "fine_unit" in t else b.line_of("fine"),
                                 f"[penalty] 'fine' needs 'fine_unit', one of: {', '.join(FINE_UNITS)}")
        return (*self.range_pair(t, "fine", "penalty", b), LEXKB[FINE_UNITS[unit]])

    def on_penalty(self, t: dict, b: Block, ctx: Context) -> None:
        ident = t["id"]
        node = self.entity("penalty", ident)
        version, texts = self.stated_version(t, "penalty", t.get("provision"), b, ctx)
        if texts and "source" not in t:
            t = dict(t, source=texts)
        provision, source = self.current_provision(t, b, ctx)
        sources = self.source_nodes(source, b)
        offence = self.offence_node(self.need(t, "offence", "penalty", b), b)
        g = self.g
        g.add((node, RDF.type, LEXKB.Penalty))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, LEXKB.penaltyFor, offence))
        g.add((node, LEXKB.prescribedBy, provision))
        label = f"Penalty under {self.label_of(provision)}"
        if version is not None:
            g.add((node, LEXKB.statedByVersion, version))
            label += f", version of {t['version'].isoformat()}"
        g.add((node, RDFS.label, self.lit_en(label)))
        ranges = [("imprisonment_years", LEXKB.imprisonment, *self.range_pair(t, "imprisonment_years", "penalty", b), UNIT.YR)]
        fine = self.fine(t, b)
        if fine is not None:
            ranges.append(("fine", LEXKB.fine, *fine))
        for key, prop, lo, hi, unit in ranges:
            rng = URIRef(f"{node}/{prop.split('#')[1]}")
            g.add((node, prop, rng))
            g.add((rng, RDF.type, SCHEMA.QuantitativeValue))
            g.add((rng, SCHEMA.minValue, Literal(lo, datatype=XSD.decimal)))
            g.add((rng, SCHEMA.maxValue, Literal(hi, datatype=XSD.decimal)))
            g.add((rng, SCHEMA.unitCode, unit))
            self.cite(rng, sources, b)
        self.victim_conditions(node, t.get("victim_conditions"), b)
        if "condition" in t:
            g.add((node, LEXKB.conditionText, self.lit_quoted(t["condition"], source, b, b.line)))
        self.quoted(node, b, source)
        # once the quote is known to be the source's words
        self.check_numbers_against_quote(t, b, self.quote_language(source, b))
        self.cite(node, sources, b)
        ctx.penalty = ident

    def on_measure(self, t: dict, b: Block, ctx: Context) -> None:
        kind = self.need(t, "type", "measure", b)
        mtype = self.closed_concept("measure-type", kind, b)
        provision, source = self.current_provision(t, b, ctx)
        if "factor" in t:
            owner_id = t["factor"]
            owner = self.entity("aggravating-factor", owner_id, self.code_of(provision, b))
            if owner_id not in self.factors:
                raise ProvisionError(b.file, b.line, f"unknown aggravating factor {owner_id!r}")
        else:
            owner_id = t.get("penalty", ctx.penalty)
            if owner_id not in self.penalties:
                raise ProvisionError(b.file, b.line, f"measure belongs to no known penalty ({owner_id!r}); add penalty = \"...\"")
            owner = self.entity("penalty", owner_id)
        node = URIRef(f"{owner}/measure/{kind}")
        code = self.code_of(provision, b)
        sources = self.source_nodes(source, b)
        g = self.g
        g.add((owner, LEXKB.additionalMeasure, node))
        g.add((node, RDF.type, LEXKB.AdditionalMeasure))
        g.add((node, LEXKB.measureType, mtype))
        g.add((node, LEXKB.mandatory, Literal(self.need(t, "mandatory", "measure", b, (bool,)))))
        g.add((node, LEXKB.prescribedBy, provision))
        if "duration" in t:
            g.add((node, LEXKB.duration, self.closed_concept("measure-duration", t["duration"], b)))
        if "condition" in t:
            g.add((node, LEXKB.conditionText, self.lit_quoted(t["condition"], source, b, b.line)))
        self.quoted(node, b, source)
        self.cite(node, sources, b)

    # ------------------------------------------------------------------ aggravation
    def on_aggravation(self, t: dict, b: Block, ctx: Context) -> None:
        provision, source = self.current_provision(t, b, ctx)
        sources = self.source_nodes(source, b)
        code = self.code_of(provision, b)
        g = self.g
        if "id" in t:
            ident = t["id"]
            node = self.entity("aggravation", ident, code)
            g.add((node, RDF.type, LEXKB.AggravationRule))
            g.add((node, DCTERMS.identifier, Literal(ident)))
            g.add((node, LEXKB.prescribedBy, provision))
            for pid in self.need(t, "aggravates", "aggravation", b, (list,)):
                if pid not in self.penalties:
                    raise ProvisionError(b.file, b.line, f"aggravation names unknown penalty {pid!r}")
                g.add((node, LEXKB.aggravates, self.entity("penalty", pid)))
            version, _ = self.stated_version(t, "aggravation", t.get("provision"), b, ctx)
            if version is not None:
                g.add((node, LEXKB.statedByVersion, version))
            increase = self.need(t, "increase", "aggravation", b, (int, float))
            if increase <= 0:
                raise ProvisionError(b.file, b.line, "[aggravation] 'increase' must be positive")
            up_to = self.need(t, "up_to", "aggravation", b, (bool,)) if "up_to" in t else False
            effect = URIRef(f"{node}/effect")
            g.add((node, LEXKB.effect, effect))
            # "hasta en una mitad": the judge may raise the bounds by up to the fraction (a ceiling)
            g.add((effect, RDF.type, LEXKB.ProportionalIncrease))
            if up_to:
                g.add((effect, RDF.type, LEXKB.IncreaseUpTo))
            g.add((effect, LEXKB.increaseFraction, Literal(Decimal(str(increase)), datatype=XSD.decimal)))
            for comp in self.need(t, "components", "aggravation", b, (list,)):
                if comp not in ("imprisonment", "fine"):
                    raise ProvisionError(b.file, b.line, f"[aggravation] unknown component {comp!r}; use imprisonment, fine")
                g.add((effect, LEXKB.affectsComponent, LEXKB[comp]))
            for bound in self.need(t, "bounds", "aggravation", b, (list,)):
                if bound not in ("min", "max"):
                    raise ProvisionError(b.file, b.line, f"[aggravation] unknown bound {bound!r}; use min, max")
                g.add((effect, LEXKB.affectsBound, SCHEMA[f"{bound}Value"]))
            self.cite(effect, sources, b)
            self.quoted(node, b, source)
            self.check_increase_words(Decimal(str(increase)), b, up_to)
            self.cite(node, sources, b)
            ctx.aggravation = ident
            quotes_used = True
        else:
            quotes_used = False
        if ctx.aggravation is None:
            raise ProvisionError(b.file, b.line, "aggravating factors need an [aggravation] with an id above them")
        rule = self.entity("aggravation", ctx.aggravation, code)
        for f in t.get("factors", []):
            self.check_keys("factor", f, b)
            fid = self.need(f, "id", "factor", b)
            if fid in self.factors:
                raise ProvisionError(b.file, b.line, f"aggravating factor {fid!r} is already declared at {self.factors[fid].where()}")
            self.factors[fid] = b
            node = self.entity("aggravating-factor", fid, code)
            g.add((node, RDF.type, LEXKB.AggravatingFactor))
            g.add((node, DCTERMS.identifier, Literal(fid)))
            g.add((node, RDFS.label, self.lit_en(self.need(f, "label", "factor", b))))
            g.add((node, LEXKB.triggers, rule))
            g.add((node, LEXKB.prescribedBy, provision))
            self.victim_conditions(node, f.get("victim_conditions"), b)
            if not quotes_used:
                self.quoted(node, b, source)
            self.cite(node, sources, b)

    # ------------------------------------------------------------------ other rules
    def on_rule(self, t: dict, b: Block, ctx: Context) -> None:
        ident = self.need(t, "id", "rule", b)
        provision, source = self.current_provision(t, b, ctx)
        node = self.entity("rule", ident, self.code_of(provision, b))
        g = self.g
        g.add((node, RDF.type, LEXKB.ApplicationRule))
        version, _ = self.stated_version(t, "rule", t.get("provision"), b, ctx)
        if version is not None:
            g.add((node, LEXKB.statedByVersion, version))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, LEXKB.ruleKind, self.closed_concept("rule-kind", self.need(t, "kind", "rule", b), b)))
        g.add((node, LEXKB.governs, self.offence_node(self.need(t, "offence", "rule", b), b)))
        g.add((node, LEXKB.prescribedBy, provision))
        if "refers_to" in t:
            g.add((node, LEXKB.refersTo, self.lit_en(t["refers_to"])))
        self.victim_conditions(node, t.get("victim_conditions"), b)
        self.quoted(node, b, source)
        self.cite(node, self.source_nodes(source, b), b)

    # ------------------------------------------------------------------ OPSC claims
    def on_claim(self, t: dict, b: Block, ctx: Context) -> None:
        provision, _ = self.current_provision(t, b, ctx)
        source = self.need(t, "source", "claim", b, (int, list))
        sources = self.source_nodes(source, b)
        basis, rationale = self.basis(t, "claim", b)
        code = self.code_of(provision, b)
        # a mapping lexkb's authors make is lexkb's claim, never the State's
        editorial = basis == self.concept("claim-basis", "editorial")
        claimant = "lexkb (editorial)" if editorial else self.jurisdictions[code]["name"]
        domestic_id = str(provision).split(f"/eli/{code}/", 1)[-1].replace("/", "-")
        for target in self.need(t, "opsc", "claim", b, (list,)):
            if f"opsc:{target}" not in self.provisions:
                raise ProvisionError(b.file, b.line_of("opsc"), f"unknown provision 'opsc:{target}'")
            treaty = self.provision_ref(f"opsc:{target}", b)
            node = URIRef(ns.entity_iri(code, "claim", f"{domestic_id}--opsc-{target.replace('/', '-')}"))
            g = self.g
            g.add((node, RDF.type, LEXKB.ImplementationClaim))
            g.add((node, LEXKB.domesticProvision, provision))
            g.add((node, LEXKB.treatyProvision, treaty))
            g.add((node, LEXKB.claimant, Literal(claimant)))
            g.add((node, LEXKB.claimBasis, basis))
            if rationale:
                g.add((node, LEXKB.basisRationale, self.lit_en(rationale)))
            g.add((node, RDFS.label, self.lit_en(f"{'lexkb reads' if editorial else claimant + ' claims'} {self.label_of(provision)} implements {self.provision_label(Ref.parse('opsc:' + target, b))}")))
            self.cite(node, sources, b)
        self.quoted(provision, b, source, add=False)

    # ------------------------------------------------------------------ basis and readings
    def basis(self, t: dict, kind: str, b: Block) -> tuple[URIRef, str | None]:
        """The claim-basis concept of a claim or reading, and its one-line rationale: required
        unless the basis is 'stated'."""
        value = self.need(t, "basis", kind, b)
        concept = self.concept("claim-basis", value)
        if (concept, RDF.type, SKOS.Concept) not in self.vocabulary:
            raise ProvisionError(b.file, b.line_of("basis"),
                                 f"unknown claim-basis {value!r}; known: {', '.join(self.known('claim-basis'))}")
        rationale = t.get("rationale")
        if rationale is not None and (not isinstance(rationale, str) or not rationale.strip() or "\n" in rationale.strip()):
            raise ProvisionError(b.file, b.line_of("rationale"), f"[{kind}] 'rationale' must be one line of text")
        if value != "stated" and not rationale:
            raise ProvisionError(b.file, b.line_of("basis"),
                                 f"[{kind}] basis {value!r} needs a 'rationale': one line saying why")
        return concept, rationale

    def reading_target(self, text, b: Block) -> URIRef:
        if not isinstance(text, str) or ":" not in text:
            raise ProvisionError(b.file, b.line_of("of"), f"[reading] 'of' value {text!r} must look like 'KIND:ID', e.g. 'aggravation:ID' or 'provision:INSTRUMENT:6/III'")
        kind, _, ident = text.partition(":")
        if kind == "provision":
            return self.provision_ref(ident, b)
        if kind not in READING_TARGETS:
            raise ProvisionError(b.file, b.line_of("of"),
                                 f"[reading] 'of' kind {kind!r} is not one of: provision, {', '.join(READING_TARGETS)}")
        if (READING_TARGETS[kind], ident) not in self.entity_codes:
            raise ProvisionError(b.file, b.line_of("of"), f"[reading] 'of' names no resource: {text!r}")
        node = self.entity(READING_TARGETS[kind], ident)
        if (node, RDF.type, None) not in self.g:
            raise ProvisionError(b.file, b.line_of("of"), f"[reading] 'of' names no resource: {text!r}")
        return node

    def on_reading(self, t: dict, b: Block) -> None:
        ident = self.need(t, "id", "reading", b)
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9-]*$", ident):
            raise ProvisionError(b.file, b.line, f"reading id {ident!r} must be letters and digits joined by '-'")
        targets = [self.reading_target(target, b) for target in self.need(t, "of", "reading", b, (list,))]
        # a reading belongs to the jurisdiction of what it reads
        code = next((jurisdiction_of(str(x)) for x in targets if jurisdiction_of(str(x))), None)
        node = self.entity("reading", ident, code)
        if (node, RDF.type, LEXKB.Reading) in self.g:
            raise ProvisionError(b.file, b.line, f"reading id {ident!r} is declared twice")
        source = self.need(t, "source", "reading", b, (int, list))
        g = self.g
        g.add((node, RDF.type, LEXKB.Reading))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        for target in targets:
            g.add((node, LEXKB.readingOf, target))
        rests_on = self.need(t, "rests_on", "reading", b, (list, str))
        for words in rests_on if isinstance(rests_on, list) else [rests_on]:
            g.add((node, LEXKB.restsOn, self.lit_quoted(words, source, b, b.line_of("rests_on"))))
        g.add((node, LEXKB.readingText, self.lit_en(self.need(t, "reading", "reading", b))))
        g.add((node, LEXKB.alternativeReading, self.lit_en(self.need(t, "alternative", "reading", b))))
        basis, rationale = self.basis(t, "reading", b)
        g.add((node, LEXKB.claimBasis, basis))
        if rationale:
            g.add((node, LEXKB.basisRationale, self.lit_en(rationale)))
        g.add((node, RDFS.label, self.lit_en(f"lexkb's reading: {t['reading']}")))
        if "succession" in t:
            self.on_succession(t["succession"], node, targets, b)
        self.cite(node, self.source_nodes(source, b), b)

    def on_succession(self, value, node: URIRef, targets: list[URIRef], b: Block) -> None:
        """A reading that an offence of a later act continues one of the act it abrogated: what
        `penalty --on` answers with for a date after the abrogation."""
        line = b.line_of("succession")
        if not isinstance(value, dict) or set(value) != {"from", "to"}:
            raise ProvisionError(b.file, line, "[reading] 'succession' must be a table { from = \"offence:ID\", to = \"offence:ID\" }")
        ends = {}
        for key in ("from", "to"):
            text = value[key]
            if not isinstance(text, str) or not text.startswith("offence:"):
                raise ProvisionError(b.file, line, f"[reading] succession {key!r} must name an offence ('offence:ID'), not {text!r}")
            ends[key] = self.reading_target(text, b)
            if ends[key] not in targets:
                raise ProvisionError(b.file, line, f"[reading] succession {key!r} {text!r} must be one of the reading's 'of'")
        if ends["from"] == ends["to"]:
            raise ProvisionError(b.file, line, "[reading] a succession joins two different offences")
        self.g.add((node, LEXKB.earlierOffence, ends["from"]))
        self.g.add((node, LEXKB.laterOffence, ends["to"]))

    # ------------------------------------------------------------------ amendments
    def on_amendment_effect(self, t: dict, b: Block, ctx: Context) -> None:
        ident = self.need(t, "id", "amendment_effect", b)
        decree = self.instrument_iri(self.need(t, "decree", "amendment_effect", b), b)
        source = t.get("source", self.instruments[t["decree"]].get("source"))
        code = self.instruments[t["decree"]].get("jurisdiction")
        if code is None:
            raise ProvisionError(b.file, b.line, f"amendment effect {ident!r}: its decree declares no jurisdiction")
        node = self.entity("amendment-effect", ident, code)
        g = self.g
        g.add((node, RDF.type, LEXKB.AmendmentEffect))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, LEXKB.amendingAct, decree))
        g.add((node, LEXKB.effectKind, self.closed_concept("amendment-effect", self.need(t, "kind", "amendment_effect", b), b)))
        for oid in t.get("offences", []):
            g.add((node, LEXKB.affectsOffence, self.offence_node(oid, b)))
        for name in t.get("unmodelled", []):
            g.add((node, LEXKB.affectsUnmodelledOffence, self.lit_quoted(name, source, b, b.line)))
        self.victim_conditions(node, t.get("victim_conditions"), b)
        self.quoted(node, b, source)
        self.cite(node, self.source_nodes(source, b), b)

    # ------------------------------------------------------------------ silence
    def on_not_covered(self, t: dict, b: Block, ctx: Context) -> None:
        inst = self.need(t, "instrument", "not_covered", b)
        inst_node = self.instrument_iri(inst, b)
        if "source" in t:
            sources = self.source_nodes(t["source"], b)
        elif self.library.default is not None:
            sources = self.source_nodes(self.library.default.id, b)
        else:
            raise ProvisionError(b.file, b.line, "[not_covered] needs 'source': the document that is silent")
        for number in self.need(t, "numbers", "not_covered", b, (list,)):
            ref = Ref(inst, (number,))
            if ref.key() in self.provisions:
                raise ProvisionError(b.file, b.line, f"{ref.key()!r} is both described and listed as not covered")
            node = self.provision_iri(ref, b)
            g = self.g
            g.add((node, RDF.type, ELI.LegalResourceSubdivision))
            g.add((node, ELI.number, Literal(number)))
            g.add((node, ELI.id_local, Literal(ns.subdivision_path(number))))
            g.add((node, RDFS.label, Literal(self.provision_label(ref))))
            g.add((node, ELI.is_part_of, inst_node))
            g.add((inst_node, ELI.has_part, node))
            g.add((node, LEXKB.coverage, self.concept("coverage", "not-in-source")))
            if "note" in t:
                g.add((node, RDFS.comment, self.lit_en(t["note"])))
            self.cite(node, sources, b)

    # ------------------------------------------------------------------ citations
    def emit_sources(self) -> None:
        if not self.library.documents:
            raise ProvisionError("provisions", None, "no [document] block declares a source document")
        self._vocabulary_passages()
        for declared in self.library.documents.values():
            inst = declared.get("instrument")
            where = self.document_blocks[declared.id]
            for triple in document_triples(declared, self.instrument_iri(inst, where) if inst else None):
                self.g.add(triple)
        for passage in self.library.cited.values():
            if passage.address is not None:
                for triple in passage_triples(passage, self.library.label(passage)):
                    self.g.add(triple)

    def _vocabulary_passages(self) -> None:
        """Paragraphs of a declared report that the vocabulary (ontology/concepts.ttl) cites are
        cited passages too."""
        where = Block({}, "ontology/concepts.ttl", 0)
        reports = [(ns.source_iri(d.id) + "/para-", d.id) for d in self.library.documents.values() if d.kind == "report"]
        for o in sorted(set(self.vocabulary.objects(None, DCTERMS.source))):
            for prefix, doc in reports:
                if str(o).startswith(prefix) and str(o)[len(prefix):].isdigit():
                    self.library.passages({"doc": doc, "para": int(str(o)[len(prefix):])}, where)
