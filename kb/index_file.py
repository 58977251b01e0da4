"""The index's files: what `lexkb build` writes for the read commands and how they decode it.

Two measures keep a cold `lexkb penalty` as fast with the statutes' 31 offences as it was with the
report's 12 (issue 11: the larger knowledge base must add no measurable time to it):
- each aggravating factor and each reading is written once (the General Law's art. 42 factors apply
  to a dozen offences; written out in each, the index was 1.35 MB); an offence keeps their ids;
- index.json holds each offence's and provision's header (what resolving a query reads: names,
  articles, links), and index-records.jsonl their whole records, one JSON text per line, which the
  header names by the line's byte offset ("record"). `load_index` decodes every record, giving the index as
  `lexkb build` compiled it; a lookup decodes only the records of the offences that answer its query
  (`lookup_index`): the other offences and the provisions stay headers, which refuse any other key
  loudly rather than answer with a default.
"""
from __future__ import annotations

import json

from .errors import LexkbError

RECORDS = "index-records.jsonl"
# what lexkb.lookup.resolve reads of an offence (names, articles, jurisdiction) and penalty.answer of the
# offences it does not answer (candidates' names, successors' links); of three lists, each "provision" once
OFFENCE_HEAD = ("id", "iri", "instrument", "offence", "offence_es", "aliases", "defined_in", "penalised_in",
                "successors")
OFFENCE_HEAD_LISTS = ("penalties", "rules", "aggravating_factors")
# what resolve reads of a provision; its IRI is its key in the index
PROVISION_HEAD = ("label", "key", "coverage", "repealed_on")


class Header(dict):
    """An offence's or provision's header: its own keys answer as in the whole record (a missing one gives
    get's default); any other key is an error, never a silent default."""

    KEYS: tuple[str, ...] = ()

    def get(self, key, default=None):
        if key not in self.KEYS:
            raise KeyError(f"{key!r} is not in the index header of {dict.get(self, 'id') or dict.get(self, 'label')}")
        return dict.get(self, key, default)


class OffenceHeader(Header):
    KEYS = OFFENCE_HEAD + OFFENCE_HEAD_LISTS + ("folded_names",)


class ProvisionHeader(Header):
    KEYS = ("iri",) + PROVISION_HEAD


def _text(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def pack(index: dict) -> tuple[dict, list[str]]:
    """(index.json's content, index-records.jsonl's lines)."""
    from .lookup import folded_names

    records: list[str] = []
    factors: dict[str, dict] = {}
    readings: dict[str, dict] = {}

    at = [0]

    def put(obj) -> int:  # the record's line's byte offset
        text = _text(obj)
        records.append(text)
        start, at[0] = at[0], at[0] + len(text.encode("utf-8")) + 1
        return start

    def own_factor(f: dict) -> dict:
        shared = {k: v for k, v in f.items() if k != "applies_to"}
        if factors.setdefault(f["id"], shared) != shared:
            raise LexkbError(f"index: aggravating factor {f['id']} differs between offences; "
                             "the knowledge base is unchanged")
        return {"id": f["id"], "applies_to": f["applies_to"]}

    def reading_id(r: dict) -> str:
        if readings.setdefault(r["id"], r) != r:
            raise LexkbError(f"index: reading {r['id']} differs between its uses; "
                             "the knowledge base is unchanged")
        return r["id"]

    def offence(o: dict) -> dict:
        record = dict(o, aggravating_factors=[own_factor(f) for f in o["aggravating_factors"]],
                      readings=[reading_id(r) for r in o["readings"]])
        head = {k: o[k] for k in OFFENCE_HEAD if k in o}
        head.update({k: [{"provision": p} for p in dict.fromkeys(x["provision"] for x in o[k])]
                     for k in OFFENCE_HEAD_LISTS if k in o})
        return dict(head, folded_names=folded_names(o), record=put(record))

    def provision(p: dict) -> dict:
        record = dict(p, readings=[reading_id(r) for r in p["readings"]]) if "readings" in p else p
        return dict({k: p[k] for k in PROVISION_HEAD if k in p}, record=put(record))

    offences = [offence(o) for o in index["offences"]]
    provisions = {k: provision(p) for k, p in index["provisions"].items()}
    head = dict(index, offences=offences, provisions=provisions, summary=put(index["summary"]))
    head["factors"] = {k: put(f) for k, f in sorted(factors.items())}
    head["readings"] = {k: put(r) for k, r in sorted(readings.items())}
    return head, records


class Records:
    """index-records.jsonl's lines by byte offset, each decoded when first asked for."""

    def __init__(self, data: bytes):
        self.data = data
        self.done: dict[int, object] = {}

    def __getitem__(self, at: int):
        if at not in self.done:
            if at and self.data[at - 1:at] != b"\n":
                raise ValueError(f"no record at byte {at}")
            self.done[at] = json.loads(self.data[at:self.data.index(b"\n", at)])
        return self.done[at]


def _offence(head: dict, records: Records, packed: dict) -> dict:
    o = dict(records[head["record"]])
    o["aggravating_factors"] = [dict(records[packed["factors"][f["id"]]], applies_to=f["applies_to"])
                                for f in o["aggravating_factors"]]
    o["readings"] = [records[packed["readings"][r]] for r in o["readings"]]
    return o


def _provision(head: dict, records: Records, packed: dict) -> dict:
    p = dict(records[head["record"]])
    if "readings" in p:
        p["readings"] = [records[packed["readings"][r]] for r in p["readings"]]
    return p


def headers(packed: dict) -> dict:
    """The index with every offence and provision as its header: enough to resolve a query."""
    out = {k: v for k, v in packed.items() if k not in ("factors", "readings", "summary")}
    out["offences"] = [OffenceHeader({k: v for k, v in o.items() if k != "record"}) for o in packed["offences"]]
    out["provisions"] = {k: ProvisionHeader({kk: v for kk, v in p.items() if kk != "record"}, iri=k)
                         for k, p in packed["provisions"].items()}
    return out


def unpack(packed: dict, records: Records) -> dict:
    """The whole index, as `lexkb build` compiled it."""
    out = {k: v for k, v in packed.items() if k not in ("factors", "readings")}
    out["offences"] = [_offence(o, records, packed) for o in packed["offences"]]
    out["provisions"] = {k: _provision(p, records, packed) for k, p in packed["provisions"].items()}
    out["summary"] = records[packed["summary"]]
    return out


def lookup_index(packed: dict, heads: dict, records: Records, offence_ids: set[str]) -> dict:
    """The index a lookup needs: the whole records of the offences it answers (offence_ids), headers for
    every other offence and every provision (heads: headers(packed)), no summary."""
    whole = {o["id"]: o for o in packed["offences"] if o["id"] in offence_ids}
    out = dict(heads)
    out["offences"] = [_offence(whole[h["id"]], records, packed) if h["id"] in whole else h for h in heads["offences"]]
    return out
