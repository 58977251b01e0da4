"""One vocabulary across the commands' machine-readable output: a concept that two commands name
has one key and one shape in both (issue 13, "the same key names in every command").

Every key in VOCABULARY, wherever it occurs in the JSON of `penalty`, `show`, `summary`, `stats` and every
`table` (json and jsonl, en and es), has the shape checked here; the spellings in RETIRED (what the
tables and the amendments of `penalty` called these before) occur nowhere."""
import json
import re

import pytest

from conftest import run_lexkb
from test_schemas import captured

SHORT_SOURCE = re.compile(r"^paras?\. ")  # 'para. 47': what md, html and tex print, the document named once


def is_source(v) -> bool:  # a passage's full label ('CRC/C/OPSC/MEX/Q/1/Add.1, para. 47') or an instrument's title
    return isinstance(v, str) and bool(v) and not SHORT_SOURCE.match(v)


def is_pair(v) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)


def is_range(v) -> bool:  # [min, max]; a table may have one per variant, text ("not modelled") or nothing
    return is_pair(v) or (isinstance(v, list) and bool(v) and all(is_pair(x) for x in v)) or v is None or isinstance(v, str)


def is_concept(c) -> bool:
    return isinstance(c, dict) and set(c) == {"id", "label"} and isinstance(c["id"], str) and isinstance(c["label"], str)


def is_concepts(v) -> bool:
    return isinstance(v, list) and all(is_concept(c) for c in v)


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(v) -> bool:  # a day, as the provision files and `lexkb penalty` write one ('2007-03-27'), or nothing
    return v is None or (isinstance(v, str) and bool(ISO_DATE.match(v)))


def is_sources(v) -> bool:
    return v is None or (isinstance(v, list) and all(is_source(s) for s in v))


VOCABULARY = {
    "victim_conditions": is_concepts,
    "imprisonment_years": is_range,
    "fine_days_wage": is_range,
    "fine": is_range,  # [min, max] in fine_unit, in penalty and the tables alike; text in a table where none is set
    "fine_unit": lambda v: v is None or is_concept(v),
    "effective_fine": lambda v: v is None or is_pair(v),
    "effective_imprisonment_years": is_pair,
    "effective_fine_days_wage": lambda v: v is None or is_pair(v),  # None: a fine in another unit (fine_unit)
    "aggravated_imprisonment_years": is_range,
    "aggravated_fine": is_range,
    "sources": is_sources,
    "penalty_sources": is_sources,
    "count_sources": is_sources,
    "source": is_source,
    "provision": lambda v: v is None or isinstance(v, str),
    # an id ('statute', 'state-report'; a claim's or reading's 'stated', 'editorial', ...), never its words;
    # opsc-coverage: each claim's, one per provision
    "basis": lambda v: v is None or (isinstance(v, str) and " " not in v) or (
        isinstance(v, list) and all(isinstance(x, str) and " " not in x for x in v)),
    # a statute version's dates: `version` names a version by the day it holds from (the history table, as the
    # provision files write it); `validity` is the same in words (the penalties and minors tables)
    "version": is_date,
    "valid_from": is_date,
    "valid_until": is_date,
    "validity": lambda v: v is None or (isinstance(v, str) and not is_date(v)),
    "additional_measures": lambda v: v is None or (isinstance(v, list) and all(isinstance(x, str) for x in v)),
}
RETIRED = {"victim_condition", "imprisonment", "agg_imprisonment", "agg_fine", "measures", "domestic",
           "paragraph", "penalty_source", "count_source", "offence_id", "aggravated_fine_days_wage"}


def walk(doc, path="$"):
    """(path, key, value) of every key of every object in doc."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield path, k, v
            yield from walk(v, f"{path}.{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from walk(v, f"{path}[{i}]")


def problems(doc) -> list[str]:
    out = []
    for path, key, value in walk(doc):
        if key in RETIRED:
            out.append(f"{path}.{key}: a retired key")
        elif key in VOCABULARY and not VOCABULARY[key](value):
            out.append(f"{path}.{key}: not the shape of '{key}' elsewhere: {value!r:.120}")
    return out


def outputs(index):
    from lexkb.cli.lookup_fast import penalty, show
    from lexkb.tables import build_table, names
    from lexkb.tables.render import render

    for o in index["offences"]:
        for factors in [[]] + [[f["id"]] for f in o["aggravating_factors"]]:
            yield f"penalty {o['id']} {factors}", captured(penalty, query=o["id"], with_=factors, on="2011-01-01",
                                                            format="json", jurisdiction=None)
    for label in ("CPF art. 204", "LPSTP art. 6", "OPSC art. 2", "OPSC art. 3(1)(a)"):
        yield f"show {label}", captured(show, query=label, format="json", jurisdiction=None)
    yield "summary", json.loads(run_lexkb("summary", "-f", "json")[1])
    for args in ((), ("adoptions",), ("adoptions", "--by", "year"), ("--check",)):
        yield f"stats {' '.join(args)}", json.loads(run_lexkb("stats", *args, "-f", "json")[1])
    for name in names():
        for lang in ("en", "es"):
            table = build_table(name, lang=lang, **({"article": "CPF 205 bis"} if name == "history" else {}))
            yield f"table {name} {lang} json", json.loads(render(table, "json"))
            yield f"table {name} {lang} jsonl", [json.loads(line) for line in render(table, "jsonl").splitlines()]


def test_every_output_uses_one_vocabulary(index):
    seen: set[str] = set()
    found = []
    for what, doc in outputs(index):
        found += [f"{what}: {p}" for p in problems(doc)]
        seen.update(k for _, k, _ in walk(doc))
    assert not found, "\n".join(found[:10])
    assert set(VOCABULARY) <= seen  # each checked key was met at least once


def test_the_tables_name_what_penalty_names_as_penalty_does():
    """Exact values of rows: the penalties rows of CPF art. 204 (the statute's and the State's report's),
    the minors row of its minimum imprisonment, and the amendments row of CPF art. 203, next to
    `lexkb penalty` for the same facts."""
    from lexkb.tables import build_table
    from lexkb.tables.render import render

    rows = [json.loads(x) for x in render(build_table("penalties"), "jsonl").splitlines()]
    statute, report = (next(r for r in rows if r["article"] == "204" and r["basis"] == b)
                       for b in ("statute", "state-report"))
    answer = json.loads(run_lexkb("penalty", "CPF 204", "-f", "json")[1])["results"][0]
    told = next(p for p in answer["penalties"] if p["basis"] == "state-report")
    today = [p for p in answer["penalties"] if p["basis"] == "statute" and p["valid_until"] is None]
    assert len(today) == 1
    # CPF 204 (DOF 28-11-2025): "prisión de ocho a quince años y de mil a dos mil quinientos días de multa"
    assert [statute[k] for k in ("imprisonment_years", "fine", "fine_unit", "condition")] == \
        [today[0][k] for k in ("imprisonment_years", "fine", "fine_unit", "condition")] == \
        [[8, 15], [1000, 2500], {"id": "dia-multa", "label": "días multa"}, None]
    # the report, para. 47: "between 8 and 15 years' imprisonment and a fine of between 1,000 and 2,000 minimum daily wages"
    assert [report[k] for k in ("imprisonment_years", "fine", "fine_unit")] == \
        [told[k] for k in ("imprisonment_years", "fine", "fine_unit")] == \
        [[8, 15], [1000, 2000], {"id": "minimum-daily-wage", "label": "days of minimum wage"}]
    assert told["fine_days_wage"] == [1000, 2000] and today[0]["fine_days_wage"] is None
    assert statute["victim_conditions"] == report["victim_conditions"] == answer["victim_conditions"] == [
        {"id": "under-18", "label": "person aged under 18 years"},
        {"id": "lacking-capacity", "label": "person who does not have the capacity to understand the significance of the act"},
        {"id": "unable-to-resist", "label": "person who is unable to offer resistance"}]
    assert report["sources"] == [told["source"]] == ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 47"]
    assert statute["sources"][-1] == today[0]["source"] == \
        "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 204"
    assert report["additional_measures"] == told["additional_measures"]
    minors = json.loads(render(build_table("minors-vs-adults"), "json"))["rows"][0]
    assert (minors["minor_provision"], minors["victim_conditions"][0], minors["sources"][0]) == (
        "CPF art. 204", {"id": "under-18", "label": "person aged under 18 years"},
        "Código Penal Federal (Última Reforma DOF 07-06-2013), art. 204")
    amendments = json.loads(render(build_table("amendments"), "json"))["rows"][0]
    assert (amendments["provision"], amendments["sources"]) == ("CPF art. 203", ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"])


def test_csv_and_people_formats_keep_their_cells():
    """CSV gives a concept by its id (the words are the column before; a fine's unit by its id); md gives
    'para. N'."""
    from lexkb.tables import build_table
    from lexkb.tables.render import render

    table = build_table("minors-vs-adults")
    csv_lines = render(table, "csv").splitlines()
    line = next(x for x in csv_lines if x.startswith("trafficking in persons,"))
    assert line.endswith(",under-18; lacking-capacity; unable-to-resist,9,3,1.5,3/2,\"CRC/C/OPSC/MEX/Q/1/Add.1, para. 51\"")
    md_row = next(x for x in render(table, "md").splitlines() if x.startswith("| trafficking in persons |"))
    assert md_row.endswith("| 9 | 3 | 1.5 | para. 51 |") and "under-18" not in md_row
    penalties = render(build_table("penalties"), "csv").splitlines()
    header = penalties[0].split(",")
    assert header[header.index("Fine (max)") + 1] == "Fine unit"
    row = next(x for x in penalties if x.startswith("LPSTP,6 II,"))
    assert ",750,2250,minimum-daily-wage," in row


@pytest.mark.parametrize("doc, expected", [
    ({"victim_condition": "under-18"}, ["$.victim_condition: a retired key"]),
    ({"victim_conditions": ["under-18"]}, ["$.victim_conditions: not the shape of 'victim_conditions' elsewhere: ['under-18']"]),
    ({"rows": [{"imprisonment_years": {"min": 1, "max": 2}}]},
     ["$.rows[0].imprisonment_years: not the shape of 'imprisonment_years' elsewhere: {'min': 1, 'max': 2}"]),
    ({"sources": ["para. 47"]}, ["$.sources: not the shape of 'sources' elsewhere: ['para. 47']"]),
    ({"basis": "State's report (2010)"}, ["$.basis: not the shape of 'basis' elsewhere: \"State's report (2010)\""]),
    ({"source": ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 47"]},
     ["$.source: not the shape of 'source' elsewhere: ['CRC/C/OPSC/MEX/Q/1/Add.1, para. 47']"]),
    ({"version": "from 2007-03-27 (no later change in the editions)"},
     ["$.version: not the shape of 'version' elsewhere: 'from 2007-03-27 (no later change in the editions)'"]),
    ({"version": "https://w3id.org/lexkb/eli/mx/cpf/art_203/v2007-03-27"},
     ["$.version: not the shape of 'version' elsewhere: 'https://w3id.org/lexkb/eli/mx/cpf/art_203/v2007-03-27'"]),
])
def test_the_check_finds_what_drifts(doc, expected):
    assert problems(doc) == expected
