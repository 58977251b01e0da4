"""A dataset as rows for output, and its figures added up by one dimension."""
from __future__ import annotations

from collections import Counter

from .components import COMPONENTS
from .model import Dataset

NOT_IN_SOURCE = "not in source"


def _kb_offence(ds: Dataset, name: str) -> str:
    link = ds.declared.links.get(name) if ds.declared else None
    return (link.offence or link.note) if link else NOT_IN_SOURCE


def sources(ds: Dataset, paragraphs) -> list[str]:
    """The source passages of these paragraphs of the dataset's document, full labels as the tables and
    `lexkb penalty` give them in `sources` ('SYMBOL, para. 5', SYMBOL the document's symbol; the graph's rdfs:label of
    each passage); text and md print 'para. 5' (lexkb.stats.render)."""
    symbol = ds.declared.symbol if ds.declared else None
    return [f"{symbol}, para. {p}" if symbol else f"para. {p}" for p in sorted(set(paragraphs), key=int)]


def dataset_columns(ds: Dataset) -> list[str]:
    columns = ds.dimensions + ds.attributes + [ds.measure]
    if "offence" in ds.dimensions:
        columns.append("kb-offence")
    return columns + ["sources"]


def dataset_rows(ds: Dataset) -> list[dict]:
    """One row per observation: dimension labels and attributes as printed (an empty cell reads
    'not in source'), the measure as an int or the source's word, its source passage."""
    rows = []
    for obs in ds.observations:
        row: dict = {d: obs.coords[d].display() if obs.coords[d].status else obs.coord(d) for d in ds.dimensions}
        for key in ds.attributes:
            cell = obs.attributes[key]
            row[key] = cell.printed if key == "printed" else cell.json_value()
        row[ds.measure] = obs.measure.json_value()
        if "offence" in ds.dimensions:
            row["kb-offence"] = _kb_offence(ds, obs.coord("offence"))
        row["sources"] = sources(ds, [obs.paragraph])
        rows.append(row)
    return rows


def aggregate_columns(ds: Dataset, by: str) -> list[str]:
    return [by, ds.measure, "cells", "cells-without-figure", "printed-total", "sources"]


def aggregate(ds: Dataset, by: str) -> list[dict]:
    """Sum of the measure per value of `by`, over the observations that are not printed totals.

    'cells-without-figure' counts the source's words ('No data: 2'); 'printed-total' is the total
    the source prints for that value (its row or column with 'Total' on every other dimension), or
    'not in source'."""
    groups: dict[str, list] = {}
    for obs in ds.observations:
        if not obs.is_total_in(by) and not any(obs.is_total_in(d) for d in ds.dimensions if d != by):
            groups.setdefault(obs.coord(by), []).append(obs)
    printed = {}
    for obs in ds.observations:
        if all(obs.is_total_in(d) for d in ds.dimensions if d != by) and len(ds.dimensions) > 1:
            printed[obs.coord(by)] = obs
    rows = []
    for value, members in groups.items():
        words = Counter(o.measure.display() for o in members if o.measure.number is None)
        total = printed.get(value)
        rows.append({
            by: value,
            ds.measure: sum(o.measure.number or 0 for o in members),
            "cells": len(members),
            "cells-without-figure": "; ".join(f"{w}: {n}" for w, n in sorted(words.items())),
            "printed-total": total.measure.json_value() if total else NOT_IN_SOURCE,
            "sources": sources(ds, {o.paragraph for o in members}),
        })
    return rows


def dimension_label(key: str) -> str:
    return COMPONENTS[key].label if key in COMPONENTS else key
