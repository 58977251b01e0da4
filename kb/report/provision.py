"""A provision's page: its quoted text, its encoding, the OPSC mappings claimed for it (with their
basis), lexkb's readings, its sources and its triples."""
from __future__ import annotations

import html
import re
from functools import partial

from ..fine import fine_text
from ..sanction import community_work_text
from ..tables.render import html_link, html_text, md_escape
from .i18n import tx


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _compact(iri: str) -> str:
    from .. import namespaces as ns

    for p, base in sorted(ns.PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and re.fullmatch(r"[A-Za-z0-9_\-./]*", iri[len(base):]):
            return f"{p}:{iri[len(base):]}"
    return f"<{iri}>"


VERSIONS = ("Versions of the article (the statute's words, what changed)",
            "Versiones del artículo (texto de la ley, qué cambió)")
VERSION_OF = ("version of {d}", "versión del {d}")


def _triples(store, iri: str) -> list[str]:
    import pyoxigraph as ox

    out = []
    for q in store.quads_for_pattern(ox.NamedNode(iri), None, None):
        o = q.object
        obj = _compact(o.value) if isinstance(o, ox.NamedNode) else str(o)
        out.append(f"{_compact(q.predicate.value)} {obj}")
    return sorted(out)


def basis_text(c: dict) -> str:
    """A claim's basis, with the rationale of an inferred or editorial one (lexkb:claimBasis)."""
    why = f": {c['rationale']}" if c.get("rationale") and c.get("basis") != "stated" else ""
    return md_escape(f"basis: {c.get('basis_label') or 'not recorded'}{why}")


def sibling(by_iri: dict, target: str) -> str | None:
    """The page of the provision target, from another provision's page (both in provisions/)."""
    return f"{slug(by_iri[target]['label'])}.html" if target in by_iri else None


def _text(s) -> str:
    """Text as markdown-it-py writes what md_escape made of it: one line, & < > " escaped."""
    return html_text(" ".join(str(s).split()))


def _link(text: str, target: str | None) -> str:
    return html_link(" ".join(text.split()), target)


def quoted_texts(store, iri: str, lang: str) -> list[tuple[str, str]]:
    """The provision's quoted texts (lexkb:quotedText) with their language tags, the page's language first:
    a Spanish page shows the statute's words first, and each text says its language (WCAG 3.1.2)."""
    import pyoxigraph as ox

    from ..namespaces import LEXKB

    found = [(q.object.value, q.object.language or "") for q in
             store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(LEXKB + "quotedText"), None)
             if isinstance(q.object, ox.Literal)]
    return sorted(found, key=lambda x: (x[1] != lang, x[1], x[0]))


def encoding_table(p: dict, index: dict, by_iri: dict, lang: str, cite=None) -> str:
    """The provision's encoding as an HTML table (field, value), written directly: the report renders it for
    every provision in both languages, and parsing it as Markdown was most of the report's time."""
    href = partial(sibling, by_iri)

    def source(label: str) -> str:
        return _link(label, cite(label) if cite else None)

    rows = [("IRI", _text(p["iri"])), ("eli:id_local", _text(p["key"])), ("eli:number", _text(p["number"])),
            ("lexkb:coverage", _text(p["coverage"]))]
    parent = p.get("parent")
    if parent in by_iri:
        rows.append(("eli:is_part_of", _link(by_iri[parent]["label"], href(parent))))
    children = sorted((c for c in by_iri.values() if c.get("parent") == p["iri"]), key=lambda c: c["label"])
    if children:
        rows.append(("eli:has_part", ", ".join(_link(c["label"], href(c["iri"])) for c in children)))
    for o in index["offences"]:
        roles = [r for r, key in (("defined in", "defined_in"), ("penalised in", "penalised_in")) if p["label"] in o[key]]
        if roles:
            rows.append((f"offence ({', '.join(roles)})", _text(f"{o['offence']} [{o['id']}]")))
        for pen in o["penalties"]:
            if pen["provision"] == p["label"]:
                i = pen["imprisonment_years"]
                work = community_work_text(pen)
                rows.append((f"penalty {_text(pen['id'])}",
                             _text(f"imprisonment {f'{i[0]:,}–{i[1]:,} years' if i else 'none in source'}; "
                                   f"fine {fine_text(pen)}" + (f"; community work {work}" if work else "")
                                   + (f"; {pen['condition']}" if pen.get("condition") else ""))
                             + "; " + ", ".join(source(x) for x in (pen.get("sources") or [pen["source"]]))))
                for m in pen["additional_measures"]:
                    rows.append((f"measure ({_text(pen['id'])})", _text(m)))
        for fac in o["aggravating_factors"]:
            if fac["provision"] == p["label"] or fac["rule_provision"] == p["label"]:
                rows.append((f"aggravating factor {_text(fac['id'])}",
                             _text(f"{fac['label']}: {fac['effect']} ({fac['rule_provision']})")))
        for rule in o["rules"]:
            if rule["provision"] == p["label"]:
                rows.append((f"rule {_text(rule['id'])}", _text(rule["label"])))
    out = ["<table>", f"<caption>{html.escape(tx('encoding', lang) + ': ' + p['label'])}</caption>", "<thead>", "<tr>",
           f'<th scope="col">{_text(tx("field", lang))}</th>', f'<th scope="col">{_text(tx("value", lang))}</th>',
           "</tr>", "</thead>", "<tbody>"]
    for k, v in rows:
        out += ["<tr>", f"<td>{k}</td>", f"<td>{v}</td>", "</tr>"]
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"


def provision_html(p: dict, index: dict, store, by_iri: dict, lang: str, cite=None, versions=()) -> str:
    """The provision's page body. cite: a source label -> the link to its page (or None); versions: (date,
    link) of the article's versions (the article's own, or the one that holds this provision)."""
    from ..tables.render import markdown_renderer

    head, description, after = provision_markdown(p, index, store, by_iri, lang, cite, versions)
    md = markdown_renderer()
    texts = "".join(f'<blockquote lang="{_text(tag)}">\n<p>{_text(text)}</p>\n</blockquote>\n'
                    for text, tag in quoted_texts(store, p["iri"], lang)) or f"<p>{_text(tx('text-none', lang))}</p>\n"
    return (md.render(head) + f"<h2>{_text(tx('text', lang))}</h2>\n" + texts + md.render(description)
            + f"<h2>{_text(tx('encoding', lang))}</h2>\n" + encoding_table(p, index, by_iri, lang, cite) + md.render(after))


def provision_markdown(p: dict, index: dict, store, by_iri: dict, lang: str, cite=None,
                       versions=()) -> tuple[str, str, str]:
    """The Markdown before the quoted texts (title, instrument), between them and the encoding table
    (description), and after it (mappings, readings, sources, versions, triples)."""
    def source(label: str) -> str:
        link = cite(label) if cite else None
        return f"[{md_escape(label)}]({link})" if link else md_escape(label)

    href = partial(sibling, by_iri)
    lines = [f"# {md_escape(p['label'])}", ""]
    instrument = index["instruments"].get(p["instrument"], {})
    lines += [f"{md_escape(instrument.get('title', ''))} ({md_escape(instrument.get('short', ''))})", ""]
    head = "\n".join(lines)
    lines = [f"## {tx('description', lang)}", "", md_escape(p["description"]), ""] if p.get("description") else []
    description, lines = "\n".join(lines), []

    lines += [f"## {tx('mappings', lang)}", ""]
    mappings = []
    for c in p.get("opsc_claims", []):
        target = next((x for x in by_iri.values() if x["label"] == f"OPSC art. {c['opsc']}"), None)
        name = f"[OPSC art. {md_escape(c['opsc'])}]({href(target['iri'])})" if target else md_escape(c["opsc"])
        mappings.append(f"- {tx('implements', lang)} {name} ({source(c['source'])}; {basis_text(c)})")
    if p["label"].startswith("OPSC art. "):
        short = p["label"].removeprefix("OPSC art. ")
        for other in sorted(by_iri.values(), key=lambda x: x["label"]):
            for c in other.get("opsc_claims", []):
                if c["opsc"] == short:
                    mappings.append(f"- {tx('implemented-by', lang)} [{md_escape(other['label'])}]({href(other['iri'])}) "
                                    f"({source(c['source'])}; {basis_text(c)})")
    lines += (mappings or [tx("mappings-none", lang)]) + [""]
    readings = p.get("readings", [])
    if readings:
        lines += [f"## {tx('readings', lang)}", ""]
        for r in readings:
            lines.append(f"- **{md_escape(r['id'])}** ({md_escape(r['basis_label'] or '')}): {md_escape(r['reading'])} "
                         f"{tx('rests-on', lang)}: " + "; ".join(f"“{md_escape(w)}”" for w in r["rests_on"])
                         + f" ({'; '.join(source(x) for x in r['sources'])}). {tx('alternative', lang)}: {md_escape(r['alternative'])}"
                         + (f" {tx('why', lang)}: {md_escape(r['rationale'])}" if r.get("rationale") else ""))
        lines.append("")
    lines += [f"## {tx('sources', lang)}", ""] + [f"- {source(s)}" for s in p.get("sources", [])] + [""]
    if versions:
        lines += [f"## {VERSIONS[lang == 'es']}", ""]
        lines += [f"- [{VERSION_OF[lang == 'es'].format(d=d)}]({link})" for d, link in versions] + [""]
    triples = _triples(store, p["iri"])
    lines += [f"## {tx('triples', lang)}", "", "```turtle", f"<{p['iri']}>"]
    lines += [f"    {t} ;" for t in triples[:-1]] + ([f"    {triples[-1]} ."] if triples else [])
    lines += ["```", ""]
    return head, description, "\n".join(lines)


