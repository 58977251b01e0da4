"""Figures a reader would rather look at than read, drawn with matplotlib (imported only here).

Cells without a figure are labelled with the source's word ('No data'), never drawn as 0.
"""
from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from .model import Dataset

PLOTTABLE = ("adoptions", "federal-district-investigations", "federal-investigations")
SUFFIXES = (".png", ".svg")


def _figure(ds: Dataset):
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "lexkb"
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: the source label is searchable
    import matplotlib.pyplot as plt

    if ds.slug == "adoptions":
        return _adoptions(plt, ds)
    if ds.slug == "federal-district-investigations":
        years = [o.coord("year") for o in ds.observations if not o.is_total and o.coord("offence") == ds.observations[0].coord("offence")]
        offences = list(dict.fromkeys(o.coord("offence") for o in ds.observations if not o.is_total_in("offence")))
        values = {(o.coord("year"), o.coord("offence")): o.measure for o in ds.observations}
        return _grouped(plt, ds, years, offences, values, "Preliminary investigations")
    counts = Counter((o.coord("year"), o.coord("offence")) for o in ds.observations)
    years = list(dict.fromkeys(o.coord("year") for o in ds.observations))
    offences = list(dict.fromkeys(o.coord("offence") for o in ds.observations))
    return _grouped(plt, ds, years, offences, {k: n for k, n in counts.items()},
                    "Preliminary investigations (rows of the table)")


def _source_note(fig, ds: Dataset) -> None:
    paragraphs = ", ".join(ds.paragraphs)
    fig.text(0.01, 0.005, f"Source: {ds.declared.symbol}, para. {paragraphs}", fontsize=8, ha="left", va="bottom")


def _number(value) -> int | None:
    return value if isinstance(value, int) else getattr(value, "number", None)


def _grouped(plt, ds: Dataset, groups: list[str], series: list[str], values: dict, ylabel: str):
    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / max(len(series), 1)
    for i, name in enumerate(series):
        xs = [g + (i - (len(series) - 1) / 2) * width for g in range(len(groups))]
        cells = [values.get((g, name)) for g in groups]
        heights = [_number(c) or 0 for c in cells]
        bars = ax.bar(xs, heights, width, label=name)
        for bar, cell in zip(bars, cells):
            n = _number(cell)
            text = str(n) if n is not None else (cell.display() if cell is not None else "not in source")
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(groups)), groups)
    ax.set_ylabel(ylabel)
    ax.set_title(ds.title, fontsize=10, wrap=True)
    ax.legend(fontsize=8)
    _source_note(fig, ds)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def _adoptions(plt, ds: Dataset):
    years = list(dict.fromkeys(o.coord("year") for o in ds.observations))
    states = list(dict.fromkeys(o.coord("state") for o in ds.observations if not o.is_total_in("state")))
    cells = {(o.coord("state"), o.coord("year")): o.measure for o in ds.observations if o.coord("adoption-type") == "Total"}
    fig, ax = plt.subplots(figsize=(9, 11))
    height = 0.8 / len(years)
    for i, year in enumerate(years):
        ys = [s + (i - (len(years) - 1) / 2) * height for s in range(len(states))]
        row = [cells[(s, year)] for s in states]
        ax.barh(ys, [c.number or 0 for c in row], height, label=year)
        for y, c in zip(ys, row):
            if c.number is None:
                ax.annotate(c.display(), (0, y), xytext=(2, 0), textcoords="offset points", va="center", fontsize=6)
    ax.set_yticks(range(len(states)), states, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Adoptions (national and intercountry: the source's Total column)")
    ax.set_title(ds.title, fontsize=10)
    ax.legend(title="Year")
    _source_note(fig, ds)
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    return fig


def plot(ds: Dataset, path: Path) -> bytes:
    """Draw the dataset's figure; returns the image bytes (the caller writes them atomically)."""
    fig = _figure(ds)
    out = io.BytesIO()
    fmt = Path(path).suffix.lower().lstrip(".")
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(out, format=fmt, metadata=metadata)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return out.getvalue()
