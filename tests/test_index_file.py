"""index.json and index-records.jsonl (lexkb.index_file): the whole index loads as built, and a
cold `lexkb penalty` that decodes only what its query needs answers exactly as from the whole index."""
import copy
import json

import pytest

from conftest import ROOT
from lexkb.errors import LexkbError
from lexkb.index_file import OffenceHeader, ProvisionHeader, Records, headers, pack, unpack
from lexkb.kbfile import load_index, load_lookup_index
from lexkb.penalty import answer
from lexkb.penalty_format import FORMATS


def packed_files(index):
    head, records = pack(index)
    return json.loads(json.dumps(head)), Records(("\n".join(records) + "\n").encode("utf-8"))


def test_each_factor_is_written_once_and_the_index_loads_as_built(index):
    head, records = packed_files(index)
    # General Law art. 42 fr. I (2012 version) aggravates a dozen offences: one record, each offence its id
    assert set(records[head["factors"]["lgpsedmtp-42-v2012-06-14-I"]]) >= {"label", "rule_text", "valid_from"}
    assert sum("lgpsedmtp-42-v2012-06-14-I" in {f["id"] for f in records[o["record"]]["aggravating_factors"]}
               for o in head["offences"]) >= 12
    assert all(set(f) == {"id", "applies_to"} for o in head["offences"]
               for f in records[o["record"]]["aggravating_factors"])
    assert unpack(head, records) == index
    broken = copy.deepcopy(index)
    [o for o in broken["offences"] if any(f["id"] == "lgpsedmtp-42-v2012-06-14-I" for f in o["aggravating_factors"])][-1][
        "aggravating_factors"][0]["label"] = "changed"
    with pytest.raises(LexkbError) as exc:
        pack(broken)
    assert str(exc.value) == ("index: aggravating factor lgpsedmtp-42-v2012-06-14-I differs between offences; "
                              "the knowledge base is unchanged")


def test_the_shipped_files_are_what_pack_writes(index):
    head, records = pack(index)
    assert (ROOT / "kb/generated/index-records.jsonl").read_text(encoding="utf-8") == "\n".join(records) + "\n"
    assert json.loads((ROOT / "kb/generated/index.json").read_text(encoding="utf-8")) == head


def test_a_header_refuses_what_it_does_not_hold(index):
    heads = headers(packed_files(index)[0])
    o = next(o for o in heads["offences"] if o["id"] == "procurement-of-minors")
    assert isinstance(o, OffenceHeader) and o["offence_es"].startswith("lenocinio de personas menores")
    assert o.get("aliases", []) == next(x for x in index["offences"] if x["id"] == o["id"]).get("aliases", [])
    with pytest.raises(KeyError, match="'penalties' is not|'imprisonment_years'"):
        o["penalties"][0]["imprisonment_years"]
    with pytest.raises(KeyError, match="'readings' is not in the index header of procurement-of-minors"):
        o.get("readings", [])
    p = next(iter(heads["provisions"].values()))
    assert isinstance(p, ProvisionHeader)
    with pytest.raises(KeyError, match="'text' is not in the index header of "):
        p.get("text")


def test_a_record_offset_must_start_a_line():
    records = Records(b'{"a":1}\n{"b":2}\n')
    assert records[0] == {"a": 1} and records[8] == {"b": 2}
    with pytest.raises(ValueError, match="no record at byte 3"):
        records[3]


def queries(index):
    out = {"trata", "tourism", "turismo", "lenocinio", "pornografía", "pornography", "xyz", "tratamiento",
           "203", "204", "205", "207", "208", "209", "CPF 205 bis", "LPSTP 5", "OPSC 3(1)(b)", "article 3 (b)",
           "General Law 10", "trafficking", "sale of children", "child pornography", "corrupción"}
    for o in index["offences"]:
        out |= {o["id"], o["offence"], o["offence_es"] or "", *o.get("aliases", []), *o["defined_in"], *o["penalised_in"]}
    out |= {p["label"] for p in index["provisions"].values()}
    return sorted(q for q in out if q.strip())


def outcome(fn):
    try:
        result, match = fn()
    except LexkbError as exc:
        return ("error", str(exc), exc.exit_code)
    return (FORMATS["text"](result), FORMATS["json"](result), [o["id"] for o in match.offences],
            [o["id"] for o in match.candidates])


@pytest.mark.parametrize("on", [None, "2009-01-01", "2013-01-01", "2021-06-30"])
def test_a_lookup_answers_as_from_the_whole_index(index, on):
    """Every offence's names and articles, every provision's label, and queries that match several offences,
    none, a repealed or undescribed article: the same text, JSON, match and error as from the whole index."""
    compared = 0
    for q in queries(index):
        whole = outcome(lambda: answer(q, index, [], on))
        idx, match = load_lookup_index(q, None)
        assert outcome(lambda: answer(q, idx, [], on, match)) == whole, q
        compared += 1
    assert compared > 200


def test_a_lookup_with_factors_answers_as_from_the_whole_index(index):
    """--with each factor of each offence, on today's law and on dates before and after the General Law, and
    a factor of another offence (an error that names the offence's own factors)."""
    compared = 0
    for o in index["offences"]:
        own = [f["id"] for f in o["aggravating_factors"]][:4]
        other = next(f["id"] for x in index["offences"] if x["id"] != o["id"] for f in x["aggravating_factors"]
                     if f["id"] not in own)
        for with_ in [[f] for f in own] + [[other], own[:2]]:
            for on in (None, "2009-01-01", "2013-01-01"):
                whole = outcome(lambda: answer(o["id"], index, with_, on))
                idx, match = load_lookup_index(o["id"], None)
                assert outcome(lambda: answer(o["id"], idx, with_, on, match)) == whole, (o["id"], with_, on)
                compared += 1
    assert compared > 150


def test_a_lookup_in_one_jurisdiction_answers_as_from_the_whole_index(index):
    from lexkb.jurisdiction import restrict_index

    for q in ("203", "trata", "tourism", "OPSC 3(1)(b)", "xyz"):
        whole = outcome(lambda: answer(q, restrict_index(index, "mx"), [], None))
        idx, match = load_lookup_index(q, "mx")
        assert outcome(lambda: answer(q, idx, [], None, match)) == whole, q
    with pytest.raises(LexkbError, match="--jurisdiction 'zz': not in the knowledge base"):
        load_lookup_index("203", "zz")


def test_a_lookup_decodes_only_the_offences_it_answers(index):
    idx, match = load_lookup_index("203", None)
    whole = [o["id"] for o in idx["offences"] if not isinstance(o, OffenceHeader)]
    assert whole == [o["id"] for o in match.offences] == ["sexual-tourism"]
    # an offence of the abrogated act: its successor under the General Law is decoded too (answers --on)
    idx, match = load_lookup_index("trafficking-in-persons", None)
    assert sorted(o["id"] for o in idx["offences"] if not isinstance(o, OffenceHeader)) == [
        "general-law-trafficking", "trafficking-in-persons"]
    idx, match = load_lookup_index("tourism", None)  # candidates: names only
    assert all(isinstance(o, OffenceHeader) for o in idx["offences"]) and len(match.candidates) == 3
