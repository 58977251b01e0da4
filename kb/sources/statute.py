"""A statute edition addressed by article, and within an article by párrafo, fracción and inciso;
its amendment notes read as dated events.

The text is the vendored file. Furniture lines go first (furniture.py); then:

- **Articles.** A heading is a line that starts with one of the layout's heading words and an
  article number, with an optional ordinal (`1o.`) and suffix (`Bis`, `BIS`, `bis 1`, `-Bis`,
  `Ter`, `Quáter`, `Quintus`, `-A`), then `.-`, `.` or `-`: `Artículo 204.-`, `Artículo 203 BIS.-`,
  `Artículo 205 Bis.`, `Artículo 205-Bis.`, `Artículo 209 Quáter.`, `Artículo 1o.-`, `Artículo. 206.-`. Its key folds
  case, accents and hyphens ("205 bis", "209 quater"), so any spelling finds it. The body runs to
  the next heading, a chapter/title heading line (`CAPÍTULO V`, `TITULO OCTAVO`, …) or the layout's
  end of body (transitory provisions); the first article with a key wins, so the transitory
  articles of reform decrees never shadow the code's own.
- **Amendment notes** (`Artículo reformado DOF 27-03-2007`, `Párrafo reformado DOF …`, `Fracción
  adicionada DOF …`, `Derogado DOF …`, `Fe de erratas …`) are not article text. A note may wrap
  over lines (a line ending in `DOF` or `,`, or a next line that starts with a date or with
  `Reformado DOF` …). Each note is read as dated events (`Note.events`); a date that lost a hyphen
  at a line end (`2703-2007`, `25-042023`, `31-121974`) is read as dd-mm-yyyy, which is the only
  reading of eight digits in that order.
- **Párrafos, fracciones, incisos.** A párrafo ends where an amendment note follows it, or where a
  line ending in `.` is followed by a line that starts with a capital letter and is not a list
  marker; a párrafo keeps the list it introduces. A fracción starts at a line `I.-`, `II.`, `III)`
  (roman numeral, possibly alone on its line) and runs to the next fracción or the end of its
  párrafo; an inciso (`a)`) likewise, inside its fracción or, without one, inside its párrafo.
  A fracción that holds two sentences on separate lines is cut at the second one: cite its
  article (or párrafo) for such a quote.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from .furniture import Layout, apply_rules, normalise
from .passage import Address

SUFFIX = r"(?i:bis|ter|qu[aá]ter|quintus|sextus|septimus|octies|nonies)|[A-Z]"
STRUCTURE = re.compile(r"^(LIBRO|T[IÍ]TULO|CAP[IÍ]TULO|SECCI[OÓ]N)\b(?!\s+(reformad|adicionad|derogad))")
FRACCION = re.compile(r"^([IVXL]+)(?:\.-|\.|\)|-)(?:\s+(.*))?$")
INCISO = re.compile(r"^([a-z])\)(?:\s+(.*))?$")
NOTE_SUBJECTS = ("Artículo", "Párrafo", "Párrafos", "Fracción", "Fracciones", "Inciso", "Incisos", "Numeral",
                 "Apartado", "Capítulo", "Título", "Sección", "Denominación", "Último párrafo", "Primer párrafo",
                 "Fe de erratas", "Reforma", "Derogado", "Derogada", "Adicionado", "Reformado")
VERB = re.compile(r"\b(reformad|adicionad|derogad|recorrid|reubicad)[oa]s?\b", re.I)
DATE = re.compile(r"(?<!\d)(\d{2})-?(\d{2})-?(\d{4})(?!\d)")
KINDS = {"reformad": "reformado", "adicionad": "adicionado", "derogad": "derogado", "recorrid": "recorrido",
         "reubicad": "reubicado"}
LEVELS = {"artículo": "articulo", "párrafo": "parrafo", "párrafos": "parrafo", "último párrafo": "parrafo",
          "primer párrafo": "parrafo", "fracción": "fraccion", "fracciones": "fraccion", "inciso": "inciso",
          "incisos": "inciso", "numeral": "numeral", "apartado": "apartado"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def article_key(number: str) -> str:
    """'205-Bis' / '205 BIS' / '205 bis' -> '205 bis'; '209 Quáter' -> '209 quater'; '1o' -> '1'."""
    text = fold(number).replace("-", " ")
    text = re.sub(r"^(\d+)\s*[oº]\b", r"\1", text)
    return " ".join(text.split())


def heading_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(
        rf"^(?:{'|'.join(map(re.escape, words))})\.?\s+(\d+)\s*(?:o|º)?\.?(?:\s*-?\s*({SUFFIX})(?:\s+(\d+))?)?\s*(?:\.-|\.|-)(?:\s+(.*))?$")


@dataclass(frozen=True)
class Event:
    """One dated change an amendment note records: kind (reformado, adicionado, derogado, …), level
    (articulo, parrafo, fraccion, inciso, …; None when the note names none), date (None if the note
    gives none readable), and the note's words verbatim."""

    kind: str
    level: str | None
    date: dt.date | None
    note: str


@dataclass(frozen=True)
class Note:
    text: str  # the note verbatim, its lines joined by one space
    line: int  # 1-based line in the file
    after: Address | None  # the unit the note follows (it concerns that unit)

    @property
    def events(self) -> list[Event]:
        return read_note(self.text)


def read_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def read_note(text: str) -> list[Event]:
    """'Artículo derogado DOF 14-01-1966. Adicionado DOF 13-01-1984. Reformado DOF 03-01-1989,
    04-01-2000' -> derogado 1966-01-14, adicionado 1984-01-13, reformado 1989-01-03 and 2000-01-04,
    each at the level its subject names ('Artículo' -> articulo). 'Fe de erratas' is kind
    fe-de-erratas."""
    folded = fold(text)
    erratas = re.match(r"fe de erratas(?: a(?:l| la| los| las)?)?\s*", folded)
    subject = folded[erratas.end():] if erratas else folded
    level = next((code for word, code in LEVELS.items() if subject.startswith(fold(word))), None)
    kind = "fe-de-erratas" if erratas else None
    events: list[Event] = []
    for m in re.finditer(rf"{VERB.pattern}|{DATE.pattern}", text, re.I):
        if m.group(1):
            kind = KINDS[m.group(1).lower()]
        elif kind is not None:
            events.append(Event(kind, level, read_date(m.group(2), m.group(3), m.group(4)), text))
    return events


@dataclass
class _Unit:
    kind: str  # parrafo, fraccion, inciso
    label: str
    lines: list[str] = field(default_factory=list)
    children: list["_Unit"] = field(default_factory=list)

    def text(self) -> str:
        parts = list(self.lines)
        return normalise(" ".join(parts))


@dataclass
class Article:
    number: str  # as the heading spells it: '205 Bis'
    key: str
    line: int
    heading: str  # the heading line verbatim
    body: list[tuple[int, str]]  # (line, text) of the article, furniture dropped, notes kept
    journal: str | None

    @cached_property
    def parsed(self):
        return _segment(self)

    @property
    def notes(self) -> list[Note]:
        return self.parsed[1]

    def text(self) -> str:
        return normalise(" ".join(u_text for u_text in self.parsed[2]))

    def events(self) -> list[Event]:
        return [e for n in self.notes for e in n.events]

    def passage(self, address: Address) -> str | None:
        """The text at address inside this article, or None if it has no such unit."""
        parrafos = self.parsed[0]
        if address.parrafo is None and address.fraccion is None and address.inciso is None:
            return self.text()
        scope = parrafos
        if address.parrafo is not None:
            if not 1 <= address.parrafo <= len(parrafos):
                return None
            scope = [parrafos[address.parrafo - 1]]
            if address.fraccion is None and address.inciso is None:
                return scope[0]["text"]
        if address.fraccion is not None:
            hits = [f for p in scope for f in p["fracciones"] if f["label"] == address.fraccion]
            if not hits:
                return None
            if address.inciso is None:
                return hits[0]["text"]
            scope_incisos = hits[0]["incisos"]
        else:
            scope_incisos = [i for p in scope for i in p["incisos"]]
        hits = [i for i in scope_incisos if i["label"] == address.inciso]
        return hits[0]["text"] if hits else None


def _is_note_start(line: str, journal: str | None) -> bool:
    if not any(line.startswith(s) for s in NOTE_SUBJECTS):
        return False
    if line.startswith("Fe de erratas"):
        return True
    return bool(VERB.search(line)) and (journal is None or journal in line or line.rstrip().endswith(("con", ",")))


def _continues_note(note: str, nxt: str, journal: str | None) -> bool:
    tail = note.rstrip()
    if journal and (tail.endswith(journal) or nxt.strip().startswith(journal + " ")):
        return True
    if tail.endswith((",", " con", " y")) or VERB.search(tail.rsplit(" ", 1)[-1]):
        return True
    if DATE.match(nxt.strip()):
        return True
    return bool(re.match(r"^(Reformad|Adicionad|Derogad|Recorrid)[oa]s?\b", nxt.strip()))


def _segment(article: Article):
    """(párrafos, notes, text lines): each párrafo a dict with its text, fracciones and incisos."""
    parrafos: list[dict] = []
    notes: list[Note] = []
    text_lines: list[str] = []
    lines = [(n, t) for n, t in article.body]
    current_p = current_f = current_i = None
    last_text = ""
    i = 0

    def new_parrafo():
        nonlocal current_p, current_f, current_i
        current_p = {"lines": [], "fracciones": [], "incisos": []}
        parrafos.append(current_p)
        current_f = current_i = None

    def add(text):
        current_p["lines"].append(text)
        if current_f is not None:
            current_f["lines"].append(text)
        if current_i is not None:
            current_i["lines"].append(text)
        text_lines.append(text)

    first = article.heading
    new_parrafo()
    add(first)
    last_text = first
    closed = False  # a note closed the párrafo: the next text line opens a new one
    while i < len(lines):
        number, raw = lines[i]
        line = raw.strip()
        i += 1
        if not line:
            continue
        if _is_note_start(line, article.journal):
            note = line
            while i < len(lines) and lines[i][1].strip() and _continues_note(note, lines[i][1], article.journal):
                note += " " + lines[i][1].strip()
                i += 1
            after = Address(article=article.number, parrafo=len(parrafos),
                            fraccion=current_f["label"] if current_f else None,
                            inciso=current_i["label"] if current_i else None)
            notes.append(Note(normalise(note), number, after))
            closed = True
            continue
        fr = FRACCION.match(line)
        inc = INCISO.match(line) if not fr else None
        if closed or (not fr and not inc and last_text.endswith(".") and line[:1].isupper()):
            if not (closed and (fr or inc)):
                new_parrafo()
            closed = False
        if fr:
            current_f = {"label": fr.group(1), "lines": [], "incisos": []}
            current_p["fracciones"].append(current_f)
            current_i = None
        elif inc:
            current_i = {"label": inc.group(1), "lines": []}
            (current_f["incisos"] if current_f else current_p["incisos"]).append(current_i)
        add(line)
        last_text = line
    for p in parrafos:
        p["text"] = normalise(" ".join(p["lines"]))
        for f in p["fracciones"]:
            f["text"] = normalise(" ".join(f["lines"]))
            for inc in f["incisos"]:
                inc["text"] = normalise(" ".join(inc["lines"]))
        for inc in p["incisos"]:
            inc["text"] = normalise(" ".join(inc["lines"]))
    return parrafos, notes, text_lines


class Statute:
    """One edition's articles, parsed once from its text."""

    def __init__(self, text: str, layout: Layout = Layout()):
        self.layout = layout
        heading = heading_pattern(layout.heading_words)
        self.articles: dict[str, Article] = {}
        current: Article | None = None
        for number, line in apply_rules(text.split("\n"), layout.rules()):
            stripped = line.strip()
            if layout.body_end is not None and layout.body_end.fullmatch(stripped):
                break
            m = heading.match(stripped) if stripped.startswith(layout.heading_words) else None
            if m:
                digits, suffix, sub, _ = m.groups()
                spelled = digits + (f" {suffix}" if suffix else "") + (f" {sub}" if sub else "")
                key = article_key(spelled)
                current = None
                if key not in self.articles:
                    current = Article(spelled, key, number, stripped, [], layout.journal)
                    self.articles[key] = current
                continue
            if stripped[:1] in "LTCS" and STRUCTURE.match(stripped):
                current = None
                continue
            if current is not None:
                current.body.append((number, line))

    def article(self, number: str) -> Article | None:
        return self.articles.get(article_key(number))

    def passage(self, address: Address) -> str | None:
        art = self.article(address.article)
        return art.passage(address) if art else None
