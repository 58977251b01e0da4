"""The search index of one language's folder: a script that sets `window.LEXKB_SEARCH`, so the search
box works from file:// with no server and no fetch(). One entry per offence (its labels in both
languages, aliases, id, instrument, articles) and per provision (label, number, instrument, the first
words of its text), each with the page it opens; built from the knowledge base's index alone."""
from __future__ import annotations

import json

SNIPPET = 160  # characters of a provision's text shown (and searched) in a result


def snippet(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    if len(text) <= SNIPPET:
        return text
    cut = text.rfind(" ", 0, SNIPPET)
    return text[:cut if cut > SNIPPET // 2 else SNIPPET] + " …"


def offence_entry(o: dict, lang: str, short: str, path_of: dict[str, str]) -> dict | None:
    """An offence's entry; it opens the article that defines it (else the one that penalises it).
    Its label is the one in the page's language; where the knowledge base has none, the other
    language's, marked with its language (`l`) so the page can say so (an English label equal to
    the Spanish one is the statute's words: Spanish)."""
    articles = list(dict.fromkeys(o["defined_in"] + o["penalised_in"]))
    target = next((path_of[a] for a in articles if a in path_of), None)
    if target is None:
        return None
    en, es = o.get("offence"), o.get("offence_es")
    if en == es:  # the statute's words, which no English label translates
        en = None
    label, other, label_lang = (es, en, "es") if es and (lang == "es" or not en) else (en, es, "en")
    entry = {"k": "o", "t": label, "h": target, "i": short, "n": articles, "id": o["id"]}
    if label_lang != lang:
        entry["l"] = label_lang
    if other and other != label:
        entry["a"] = other
    if o.get("aliases"):
        entry["s"] = o["aliases"]
    return entry


def provision_entry(p: dict, short: str, path: str) -> dict:
    entry = {"k": "p", "t": p["label"], "h": path, "i": short, "n": p.get("number") or ""}
    if p.get("text"):
        entry["x"] = snippet(p["text"])
    return entry


def search_entries(index: dict, lang: str, provision_path) -> list[dict]:
    short = lambda inst: index["instruments"].get(inst, {}).get("short", "")  # noqa: E731
    provisions = index["provisions"].values()
    path_of = {p["label"]: provision_path(p["iri"]) for p in provisions}
    entries = [e for o in index["offences"] if (e := offence_entry(o, lang, short(o["instrument"]), path_of))]
    entries += [provision_entry(p, short(p["instrument"]), path_of[p["label"]]) for p in provisions]
    return entries


def search_index_js(ctx) -> str:
    """The text of `search-index.js` for ctx's language folder."""
    data = json.dumps(search_entries(ctx.index, ctx.lang, ctx.provision_path), ensure_ascii=False, separators=(",", ":"))
    return f"window.LEXKB_SEARCH={data};\n"
