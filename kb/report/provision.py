"""A provision's page: its quoted text, its encoding, the OPSC mappings claimed for it (with their
basis), lexkb's readings, its sources and its triples."""
from __future__ import annotations

import re

from ..fine import fine_text
from ..sanction import community_work_text
from ..tables.render import md_escape
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


def provision_markdown(p: dict, index: dict, store, by_iri: dict, lang: str, cite=None, versions=()) -> str:
    """cite: a source label -> the link to its page (or None); versions: (date, link) of the
    article's versions (the article's own, or the one that holds this provision)."""
    def source(label: str) -> str:
        link = cite(label) if cite else None
        return f"[{md_escape(label)}]({link})" if link else md_escape(label)

    href = lambda target: f"{slug(by_iri[target]['label'])}.html" if target in by_iri else None  # noqa: E731
    lines = [f"# {md_escape(p['label'])}", ""]
    instrument = index["instruments"].get(p["instrument"], {})
    lines += [f"{md_escape(instrument.get('title', ''))} ({md_escape(instrument.get('short', ''))})", ""]
    lines += [f"## {tx('text', lang)}", ""]
    if p.get("text"):
        lines += ["> " + md_escape(p["text"]), ""]
    else:
        lines += [tx("text-none", lang), ""]
    if p.get("description"):
        lines += [f"## {tx('description', lang)}", "", md_escape(p["description"]), ""]

    rows = [("IRI", md_escape(p["iri"])), ("eli:id_local", md_escape(p["key"])), ("eli:number", md_escape(p["number"])),
            ("lexkb:coverage", md_escape(p["coverage"]))]
    parent = p.get("parent")
    if parent in by_iri:
        rows.append(("eli:is_part_of", f"[{md_escape(by_iri[parent]['label'])}]({href(parent)})"))
    children = sorted((c for c in by_iri.values() if c.get("parent") == p["iri"]), key=lambda c: c["label"])
    if children:
        rows.append(("eli:has_part", ", ".join(f"[{md_escape(c['label'])}]({href(c['iri'])})" for c in children)))
    for o in index["offences"]:
        roles = [r for r, key in (("defined in", "defined_in"), ("penalised in", "penalised_in")) if p["label"] in o[key]]
        if roles:
            rows.append((f"offence ({', '.join(roles)})", md_escape(f"{o['offence']} [{o['id']}]")))
        for pen in o["penalties"]:
            if pen["provision"] == p["label"]:
                i = pen["imprisonment_years"]
                work = community_work_text(pen)
                rows.append((f"penalty {md_escape(pen['id'])}",
                             md_escape(f"imprisonment {f'{i[0]:,}–{i[1]:,} years' if i else 'none in source'}; "
                                       f"fine {fine_text(pen)}" + (f"; community work {work}" if work else "")
                                       + (f"; {pen['condition']}" if pen.get("condition") else ""))
                             + "; " + ", ".join(source(x) for x in (pen.get("sources") or [pen["source"]]))))
                for m in pen["additional_measures"]:
                    rows.append((f"measure ({md_escape(pen['id'])})", md_escape(m)))
        for fac in o["aggravating_factors"]:
            if fac["provision"] == p["label"] or fac["rule_provision"] == p["label"]:
                rows.append((f"aggravating factor {md_escape(fac['id'])}",
                             md_escape(f"{fac['label']}: {fac['effect']} ({fac['rule_provision']})")))
        for rule in o["rules"]:
            if rule["provision"] == p["label"]:
                rows.append((f"rule {md_escape(rule['id'])}", md_escape(rule["label"])))
    lines += [f"## {tx('encoding', lang)}", "", f"| {tx('field', lang)} | {tx('value', lang)} |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    lines.append("")

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
    return "\n".join(lines)


