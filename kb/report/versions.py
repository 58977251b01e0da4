"""An article version's page, `versions/ARTICLE-SLUG/DATE.html`: the statute's words of that version
as the editions that carry it print them (lexkb:ArticleVersion, eli:is_realized_by, the edition's
source passage), its dates, the editions, the article's other versions, and what changed from the
previous version: the words (difflib over words) and the encoded data (penalties, fine unit,
measures, aggravating factors) side by side; then the State's account of the article, where the
data has one.

Dates are the data's: a version holds from the journal publication of the decree that made it
until the next change the editions' notes record (exclusive), as `lexkb table history` gives them
(lexkb.tables.versions.Dating); entry into force is not in source."""
from __future__ import annotations

import difflib
import re

from ..tables.render import fmt_number
from ..tables.versions import UNITS
from .citations import cite_html, sources_of, version_path
from .i18n import pick
from .page import Page, esc, href

WORDS = {
    "version-of": ("{a}, version of {d}", "{a}, versión del {d}"),
    "provision": ("The article's page", "Página del artículo"),
    "dates": ("Dates", "Fechas"),
    "published": ("Published (journal date of the decree that made this text)",
                  "Publicada (fecha en el diario oficial del decreto que dio este texto)"),
    "until": ("Holds until (exclusive; the next change the editions record)",
              "Rige hasta (excluida; el siguiente cambio que anotan las ediciones)"),
    "no-later": ("no later change in the editions lexkb holds", "sin cambio posterior en las ediciones que lexkb tiene"),
    "in-force": ("Entry into force", "Entrada en vigor"),
    "nis": ("not in source", "no consta en la fuente"),
    "notes": ("The editions' amendment notes for this date", "Notas de reforma de las ediciones para esta fecha"),
    "text": ("The statute's words", "Texto de la ley"),
    "same-text": ("The same words in every edition that carries this version ({n}).",
                  "Las mismas palabras en todas las ediciones que contienen esta versión ({n})."),
    "differs": ("The editions print this version's text differently; each text with the editions that print it.",
                "Las ediciones imprimen el texto de esta versión de forma distinta; cada texto con las ediciones que lo imprimen."),
    "editions": ("Editions that carry it", "Ediciones que la contienen"),
    "editions-of": ("The editions that carry the version of {d}", "Las ediciones que contienen la versión del {d}"),
    "edition": ("Edition", "Edición"),
    "edition-date": ("Edition date", "Fecha de la edición"),
    "passage": ("Source passage", "Pasaje de la fuente"),
    "file": ("Vendored file (sha256)", "Archivo conservado (sha256)"),
    "others": ("Versions of this article", "Versiones de este artículo"),
    "this": ("this page", "esta página"),
    "changed": ("What changed from the version of {d}", "Qué cambió respecto de la versión del {d}"),
    "between": ("The editions' notes also record a change on {dates}, between the two versions; no edition lexkb holds "
                "carries the text of that date, so this comparison spans it.",
                "Las notas de las ediciones registran también un cambio el {dates}, entre ambas versiones; ninguna edición "
                "que lexkb tiene contiene el texto de esa fecha, así que esta comparación lo abarca."),
    "first": ("The first version of this article in the editions lexkb holds: nothing to compare it with.",
              "Primera versión de este artículo en las ediciones que lexkb tiene: no hay con qué compararla."),
    "words": ("Words", "Palabras"),
    "legend": ("Removed words are struck through and marked [− …]; added words are underlined and marked [+ …]. "
               "Old text from the edition of {old}, new text from the edition of {new}.",
               "Las palabras suprimidas van tachadas y marcadas [− …]; las añadidas, subrayadas y marcadas [+ …]. "
               "Texto anterior de la edición del {old}; texto nuevo de la edición del {new}."),
    "count": ("{r} word(s) removed, {a} word(s) added.", "{r} palabra(s) suprimida(s), {a} palabra(s) añadida(s)."),
    "no-word-change": ("The words are the same.", "Las palabras son las mismas."),
    "data": ("Encoded data", "Datos codificados"),
    "data-caption": ("The encoded data of the version of {old} and of {new}",
                     "Los datos codificados de la versión del {old} y del {new}"),
    "what": ("What", "Qué"),
    "before": ("Version of {d}", "Versión del {d}"),
    "change": ("Changed?", "¿Cambió?"),
    "yes": ("changed", "cambió"),
    "no": ("same", "igual"),
    "imprisonment": ("imprisonment (years)", "prisión (años)"),
    "fine": ("fine", "multa"),
    "fine-unit": ("fine unit", "unidad de la multa"),
    "community": ("community work (jornadas)", "trabajo en favor de la comunidad (jornadas)"),
    "measures": ("additional measures", "medidas adicionales"),
    "factors": ("aggravating factor", "agravante"),
    "rules": ("rule", "regla"),
    "penalty": ("penalty", "pena"),
    "none": ("none in source", "no consta en la fuente"),
    "data-only": ("Penalties and rules this version states", "Penas y reglas que establece esta versión"),
    "data-caption-one": ("The encoded data of the version of {d}", "Los datos codificados de la versión del {d}"),
    "value": ("Value", "Valor"),
    "state": ("The State's account of this article (report of {y})", "El relato del Estado sobre este artículo (informe de {y})"),
    "state-nodate": ("The State's account of this article", "El relato del Estado sobre este artículo"),
    "state-note": ("As the State reported it, with no date of its own; its figures are the report's, not this version's.",
                   "Según lo comunicó el Estado, sin fecha propia; sus cifras son las del informe, no las de esta versión."),
    "variant": ("variant", "variante"),
    "added": ("added", "añadido"),
    "removed": ("removed", "suprimido"),
}


def w(key: str, lang: str, **kw) -> str:
    text = pick(*WORDS[key], lang)
    return text.format(**kw) if kw else text


def range_text(r, lang: str) -> str | None:
    return None if r is None else f"{fmt_number(r[0], lang)}–{fmt_number(r[1], lang)}"


def unit_text(pen: dict, lang: str) -> str | None:
    unit = pen.get("fine_unit")
    if not unit:
        return None
    for ident, en, es in UNITS.values():
        if ident == unit.get("id"):
            return pick(en, es, lang)
    return unit.get("label")


def penalty_fields(pen: dict | None, lang: str) -> dict[str, str]:
    """A penalty's encoded data as the words the before/after table compares."""
    if pen is None:
        return {}
    nis = w("none", lang)
    fine = pen.get("fine") if pen.get("fine") is not None else pen.get("fine_days_wage")
    out = {"imprisonment": range_text(pen.get("imprisonment_years"), lang) or nis,
           "fine": range_text(fine, lang) or nis,
           "fine-unit": unit_text(pen, lang) or nis}
    if pen.get("community_work") is not None:
        out["community"] = range_text(pen["community_work"], lang)
    out["measures"] = "; ".join(pen.get("additional_measures") or []) or nis
    return out


# ------------------------------------------------------------------ word diff
TOKEN = re.compile(r"(\s*)(\w+|[^\w\s]+)")


def word_diff(old: str, new: str) -> tuple[str, int, int]:
    """(HTML of the new text with removed and added words marked, words removed, words added).
    Words and punctuation are compared apart, each keeping the space before it as printed."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)

    def text(tokens) -> str:
        return "".join((" " if space else "") + tok for space, tok in tokens)

    def words(tokens) -> int:
        return sum(1 for _, tok in tokens if re.match(r"\w", tok))

    def marked(tag: str, sign: str, tokens) -> str:
        # the marker outside <del>/<ins>, so that it is not struck through; the space before stays outside
        body = text(tokens)
        return (" " if body.startswith(" ") else "") + (
            f'<span class="chg {tag}"><span class="mark">[{sign}</span><{tag}>{esc(body.lstrip())}</{tag}>'
            f'<span class="mark">]</span></span>')

    out, removed, added = [], 0, 0
    matcher = difflib.SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(esc(text(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            removed += words(a[i1:i2])
            out.append(marked("del", "−", a[i1:i2]))
        if op in ("insert", "replace"):
            added += words(b[j1:j2])
            ins = marked("ins", "+", b[j1:j2])
            out.append(ins.lstrip() if op == "replace" else ins)
    return "".join(out).strip(), removed, added


# ------------------------------------------------------------------ data
Q_NOTES = """
SELECT ?version ?date ?note ?source WHERE {
  ?event a lexkb:AmendmentEvent ; lexkb:resultingVersion ?version ; dcterms:date ?date .
  OPTIONAL { ?event lexkb:quotedText ?note }
  OPTIONAL { ?event dcterms:source ?s . ?s rdfs:label ?source }
} ORDER BY ?version ?date ?note"""


def _subtree(by_iri: dict, article: str) -> set[str]:
    """The labels of an article and of every provision inside it."""
    labels, frontier = set(), {article}
    while frontier:
        labels |= {by_iri[i]["label"] for i in frontier if i in by_iri}
        frontier = {i for i, p in by_iri.items() if p.get("parent") in frontier}
    return labels


def _penalties(index: dict) -> dict[str, dict]:
    out = {}
    for o in index["offences"]:
        for pen in o["penalties"]:
            out.setdefault(pen["id"], pen)
    return out


def _factors(index: dict) -> list[dict]:
    seen, out = set(), []
    for o in index["offences"]:
        for f in o["aggravating_factors"] + o.get("rules", []):
            if f["id"] not in seen:
                seen.add(f["id"])
                out.append(f)
    return out


def _match(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pair the penalties of two versions by their variant (the source's words), the rest in order."""
    rest, pairs = list(old), []
    for pen in new:
        hit = next((o for o in rest if (o.get("condition") or "") == (pen.get("condition") or "")), None)
        if hit is not None:
            rest.remove(hit)
        pairs.append((hit, pen))
    pairs = [(o if o is not None else (rest.pop(0) if rest else None), p) for o, p in pairs]
    return pairs + [(o, None) for o in rest]


# ------------------------------------------------------------------ the pages
def version_pages(ctx) -> dict[str, Page]:
    from ..store import select
    from ..tables.versions import Dating

    lang = ctx.lang
    s = sources_of(ctx)
    dating = Dating(ctx.store)
    notes: dict[str, list[dict]] = {}
    for r in select(ctx.store, Q_NOTES):
        notes.setdefault(r["version"], []).append(r)
    penalties = _penalties(ctx.index)
    by_version: dict[str, list[dict]] = {}
    for pen in penalties.values():
        if pen.get("version"):
            by_version.setdefault(pen["version"], []).append(pen)
    factors = _factors(ctx.index)
    by_label = {p["label"]: p for p in ctx.by_iri.values()}

    grouped: dict[str, dict[str, list[dict]]] = {}
    labels = {}
    for r in s.expressions:
        labels[r["article"]] = r["articleLabel"]
        grouped.setdefault(r["article"], {}).setdefault(str(r["since"])[:10], []).append(r)

    pages = {}
    for article, versions in grouped.items():
        label = labels[article]
        subtree = _subtree(ctx.by_iri, article)
        dates = sorted(versions)
        texts = {d: _texts(s, versions[d]) for d in dates}
        for n, since in enumerate(dates):
            path = version_path(label, since)
            prev = dates[n - 1] if n else None
            version_iri = versions[since][0]["version"]
            own = by_version.get(version_iri, [])
            own_factors = [f for f in factors if f.get("valid_from") == since and f.get("basis") == "statute"
                           and (f.get("rule_provision") or f.get("provision")) in subtree]
            ctx_v = dict(label=label, since=since, path=path, article=article, dates=dates, texts=texts,
                         penalties=own, factors=own_factors, notes=notes.get(version_iri, []),
                         until=dating.until(article, since), prev=prev, report=dating.report,
                         between=[d for d in dating.changes.get(article, []) if prev and prev < d < since])
            if prev is not None:
                prev_iri = versions[prev][0]["version"]
                ctx_v["prev_penalties"] = by_version.get(prev_iri, [])
                ctx_v["prev_factors"] = [f for f in factors if f.get("valid_from") == prev and f.get("basis") == "statute"
                                         and (f.get("rule_provision") or f.get("provision")) in subtree]
            ctx_v["state"] = [p for p in penalties.values() if p.get("basis") != "statute" and p["provision"] in subtree]
            ctx_v["provision"] = ctx.provision_path(article) if article in ctx.by_iri else (
                ctx.provision_path(by_label[label]["iri"]) if label in by_label else None)
            pages[path] = Page(w("version-of", lang, a=label, d=since), _page(ctx, ctx_v), styles=("sources.css",))
    return pages


def _texts(s, expressions: list[dict]) -> list[dict]:
    """The editions that carry a version, oldest first: edition date, passage, its text and language."""
    out = []
    for r in sorted(expressions, key=lambda r: str(r["editionDate"])):
        p = s.passages.get(r["passage"], {})
        doc = s.documents.get(p.get("doc"), {})
        out.append({"date": str(r["editionDate"])[:10], "passage": p.get("label") or r["passage"],
                    "text": p.get("text"), "lang": p.get("textLang") or doc.get("language"), "doc": doc})
    return out


def _page(ctx, v: dict) -> str:
    """Title and the article's versions; what changed (or, for the first, what it states); the
    dates; the statute's words; the editions; the State's account."""
    lang, path = ctx.lang, v["path"]
    parts = [f"<h1>{esc(w('version-of', lang, a=v['label'], d=v['since']))}</h1>"]
    nav = []
    if v["provision"]:
        nav.append(f'<a href="{esc(href(path, v["provision"]))}">{esc(w("provision", lang))}: {esc(v["label"])}</a>')
    versions = " · ".join(f'<strong aria-current="page">{esc(d)} ({esc(w("this", lang))})</strong>' if d == v["since"]
                          else f'<a href="{esc(href(path, version_path(v["label"], d)))}">{esc(d)}</a>' for d in v["dates"])
    nav.append(f"{esc(w('others', lang))}: {versions}")
    parts.append('<p class="versions">' + "<br>".join(nav) + "</p>")
    parts += _dates(ctx, v) + _changes(ctx, v) + _words(v, lang) + _editions(v, lang) + _state(ctx, v)
    return "\n".join(parts) + "\n"


def _dates(ctx, v: dict) -> list[str]:
    lang, path = ctx.lang, v["path"]
    parts = [f"<h2>{esc(w('dates', lang))}</h2>", '<dl class="facts">',
             f"<dt>{esc(w('published', lang))}</dt><dd>{esc(v['since'])}</dd>",
             f"<dt>{esc(w('until', lang))}</dt><dd>{esc(v['until'] or w('no-later', lang))}</dd>",
             f"<dt>{esc(w('in-force', lang))}</dt><dd>{esc(w('nis', lang))}</dd>"]
    notes: dict[str, list[str]] = {}  # the note's words -> the passages that print it
    for n in v["notes"]:
        if n.get("note"):
            notes.setdefault(n["note"], [])
            if n.get("source") and n["source"] not in notes[n["note"]]:
                notes[n["note"]].append(n["source"])
    if notes:
        text_lang = next((t["lang"] for t in v["texts"][v["since"]] if t["lang"]), "")
        quoted = "<br>".join(f'<q lang="{esc(text_lang)}">{esc(note)}</q>'
                             + (f" ({'; '.join(cite_html(ctx, src, path) for src in sorted(srcs))})" if srcs else "")
                             for note, srcs in notes.items())
        parts.append(f"<dt>{esc(w('notes', lang))}</dt><dd>{quoted}</dd>")
    return parts + ["</dl>"]


def _changes(ctx, v: dict) -> list[str]:
    lang = ctx.lang
    if v["prev"] is None:
        return [f"<h2>{esc(w('data-only', lang))}</h2>", f"<p>{esc(w('first', lang))}</p>",
                _data_table(ctx, [(None, p) for p in v["penalties"]], [], v["factors"], v, single=True)]
    prev = v["prev"]
    parts = [f"<h2>{esc(w('changed', lang, d=prev))}</h2>"]
    if v["between"]:
        parts.append(f"<p>{esc(w('between', lang, dates=', '.join(v['between'])))}</p>")
    parts.append(f"<h3>{esc(w('words', lang))}</h3>")
    old = next((t for t in reversed(v["texts"][prev]) if t["text"]), None)
    new = next((t for t in v["texts"][v["since"]] if t["text"]), None)
    if old and new:
        diff, removed, added = word_diff(old["text"], new["text"])
        parts.append(f"<p>{esc(w('legend', lang, old=old['date'], new=new['date']))} "
                     f"<strong>{esc(w('count', lang, r=removed, a=added) if removed or added else w('no-word-change', lang))}</strong></p>")
        parts.append(f'<blockquote class="diff" lang="{esc(new["lang"] or "")}"><p>{diff}</p></blockquote>')
    else:
        parts.append(f"<p>{esc(w('nis', lang))}</p>")
    parts.append(f"<h3>{esc(w('data', lang))}</h3>")
    parts.append(_data_table(ctx, _match(v["prev_penalties"], v["penalties"]), v["prev_factors"], v["factors"], v))
    return parts


def _words(v: dict, lang: str) -> list[str]:
    parts = [f"<h2>{esc(w('text', lang))}</h2>"]
    distinct: dict[str, list[dict]] = {}
    for t in v["texts"][v["since"]]:
        if t["text"]:
            distinct.setdefault(t["text"], []).append(t)
    if len(distinct) == 1:
        (text, eds), = distinct.items()
        return parts + [f"<p>{esc(w('same-text', lang, n=len(eds)))}</p>", _quote(text, eds[0]["lang"])]
    if not distinct:
        return parts + [f"<p>{esc(w('nis', lang))}</p>"]
    parts.append(f"<p>{esc(w('differs', lang))}</p>")
    for text, eds in distinct.items():
        parts += [f"<h3>{esc(', '.join(e['date'] for e in eds))}</h3>", _quote(text, eds[0]["lang"])]
    return parts


def _editions(v: dict, lang: str) -> list[str]:
    parts = [f"<h2>{esc(w('editions', lang))}</h2>", '<div class="scroll"><table>',
             f"<caption>{esc(w('editions-of', lang, d=v['since']))}</caption>",
             "<thead><tr>" + "".join(f'<th scope="col">{esc(w(k, lang))}</th>' for k in ("edition", "edition-date", "passage", "file"))
             + "</tr></thead><tbody>"]
    for t in v["texts"][v["since"]]:
        doc = t["doc"]
        title = f"{doc.get('title', '')} ({doc.get('edition', '')})" if doc.get("edition") else doc.get("title", "")
        file = doc.get("vendored") or w("nis", lang)
        digest = f'<br><span class="digest">sha256 {esc(doc["checksum"])}</span>' if doc.get("checksum") else ""
        parts.append(f'<tr><td lang="{esc(doc.get("language") or t["lang"] or "")}">{esc(title)}</td>'
                     f'<td class="date">{esc(t["date"])}</td><td>{esc(t["passage"])}</td>'
                     f'<td class="file">{esc(file)}{digest}</td></tr>')
    return parts + ["</tbody></table></div>"]


def _state(ctx, v: dict) -> list[str]:
    lang, path = ctx.lang, v["path"]
    if not v["state"]:
        return []
    year = (v["report"] or {}).get("year")
    parts = [f"<h2>{esc(w('state', lang, y=year) if year else w('state-nodate', lang))}</h2>",
             f"<p>{esc(w('state-note', lang))}</p><ul>"]
    for pen in v["state"]:
        f = penalty_fields(pen, lang)
        cites = ", ".join(cite_html(ctx, src, path) for src in pen.get("sources") or [pen["source"]])
        parts.append(f"<li>{esc(pen['provision'])}: {esc(w('imprisonment', lang))} {esc(f['imprisonment'])}; "
                     f"{esc(w('fine', lang))} {esc(f['fine'])} {esc(f['fine-unit'])}"
                     + (f"; {esc(w('measures', lang))}: <span lang=\"en\">{esc(f['measures'])}</span>"
                        if pen.get("additional_measures") else "") + f" ({cites})</li>")
    return parts + ["</ul>"]


def _quote(text: str, lang: str | None) -> str:
    return f'<blockquote lang="{esc(lang or "")}"><p>{esc(text)}</p></blockquote>'


def _data_table(ctx, pairs, old_factors, new_factors, v, single: bool = False) -> str:
    """The encoded data of two versions side by side: one row per penalty variant (matched by the
    source's words of the variant) and one per aggravating factor or rule (matched by its label)."""
    lang = ctx.lang
    rows = []  # (what, before fields, after fields): fields are [(name, value)]
    for old, new in pairs:
        name = (new or old).get("condition")
        what = w("penalty", lang) + (f" ({w('variant', lang)}: «{name}»)" if name else "")
        rows.append((what, list(penalty_fields(old, lang).items()), list(penalty_fields(new, lang).items())))
    by_label: dict[tuple, list] = {}
    for n, fs in ((0, old_factors), (1, new_factors)):
        for f in fs:
            # a rule (no effect of its own) is named by its id without the version's date
            key = ("factors", f["label"]) if "effect" in f else ("rules", f["label"])
            value = f["effect"] if "effect" in f else f"{f.get('kind', '')}: {re.sub(r'-v[0-9]{4}-[0-9]{2}-[0-9]{2}', '', f['id'])}"
            slot = by_label.setdefault(key, [[], []])[n]
            slot.append(value)
    for kind, label in sorted(by_label):
        before, after = ("; ".join(sorted(x)) for x in by_label[(kind, label)])
        rows.append((f"{w(kind, lang)}: {label}", [("effect", before)] if before else [],
                     [("effect", after)] if after else []))
    if not rows:
        return f"<p>{esc(w('none', lang))}</p>"
    if single:
        head = [w("what", lang), w("value", lang)]
        caption = w("data-caption-one", lang, d=v["since"])
    else:
        head = [w("what", lang), w("before", lang, d=v["prev"]), w("before", lang, d=v["since"]), w("change", lang)]
        caption = w("data-caption", lang, old=v["prev"], new=v["since"])
    english = ' lang="en"' if lang != "en" else ""

    def cell(fields) -> str:
        if not fields:
            return f"<td>{esc(w('none', lang))}</td>"
        return "<td>" + "<br>".join(
            (f"{esc(w(k, lang))}: " if k in WORDS else "")
            + (f"<span{english}>{esc(val)}</span>" if english and k in ("measures", "effect") else esc(val))
            for k, val in fields) + "</td>"

    out = ['<div class="scroll"><table class="data">', f"<caption>{esc(caption)}</caption>",
           "<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in head) + "</tr></thead><tbody>"]
    for what, before, after in rows:
        if single:
            out.append(f"<tr><td>{esc(what)}</td>{cell(after)}</tr>")
            continue
        a, b = dict(before), dict(after)
        changed = [k for k in list(dict.fromkeys([*a, *b])) if a.get(k) != b.get(k)]
        if not changed:
            mark = f'<td class="same">{esc(w("no", lang))}</td>'
        elif not a or not b:
            mark = f'<td class="changed">{esc(w("added" if not a else "removed", lang))}</td>'
        else:
            names = ", ".join(w(k, lang) for k in changed if k in WORDS)
            mark = f'<td class="changed">{esc(w("yes", lang))}' + (f": {esc(names)}" if names else "") + "</td>"
        out.append(f"<tr><td>{esc(what)}</td>{cell(before)}{cell(after)}{mark}</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)
