"""Check every printed total against its rows and columns, and figures printed twice against each other.

Nothing is corrected: a Check keeps the printed figure, records the computed one and its outcome.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Dataset, Observation

AGREES, DISAGREES, UNKNOWN_PARTS = "agrees", "disagrees", "agrees-over-unknown-parts"
TOTAL_CHECK, CROSS_CHECK = "total", "cross"


@dataclass
class Check:
    dataset: str
    kind: str                    # TOTAL_CHECK or CROSS_CHECK
    where: str
    printed: int
    computed: int
    paragraphs: list[str]
    outcome: str
    key: tuple[str, ...]         # stable identity, for IRIs
    total: Observation | None = None  # the printed total (total checks)
    summed_over: str | None = None    # dimension added up (total checks)
    parts: list[Observation] = field(default_factory=list)
    note: str = ""

    @property
    def flagged(self) -> bool:
        return self.outcome != AGREES

    def record(self, sources: list[str]) -> dict:
        """One line of `lexkb stats --check`; sources: its paragraphs' passages (lexkb.stats.aggregate.sources)."""
        return {"dataset": self.dataset, "kind": self.kind, "outcome": self.outcome, "where": self.where,
                "printed": self.printed, "computed": self.computed, "sources": sources, "note": self.note}


def _unknown_note(parts: list[Observation]) -> str:
    unknown = [p for p in parts if p.measure.is_unknown]
    if not unknown:
        return ""
    cells = "; ".join(f"{p.label} is '{p.measure.display()}'" for p in unknown)
    return f"parts without a figure, counted as nothing: {cells}"


def total_checks(ds: Dataset) -> list[Check]:
    """For each printed total that is a figure, and each dimension on which it is 'Total': the sum of
    the observations that differ from it only by a non-total value of that dimension."""
    checks = []
    for total in ds.observations:
        if total.measure.number is None:
            continue
        for dim in ds.dimensions:
            if not total.is_total_in(dim):
                continue
            parts = [o for o in ds.observations if not o.is_total_in(dim)
                     and all(o.coord(d) == total.coord(d) for d in ds.dimensions if d != dim)]
            if not parts:
                continue
            computed = sum(p.measure.number or 0 for p in parts)
            note = _unknown_note(parts)
            if computed != total.measure.number:
                outcome = DISAGREES
            else:
                outcome = UNKNOWN_PARTS if note else AGREES
            where = f"{total.label}, against the sum over {dim}"
            checks.append(Check(ds.slug, TOTAL_CHECK, where, total.measure.number, computed,
                                sorted({total.paragraph, *(p.paragraph for p in parts)}, key=int), outcome,
                                (ds.slug, "total", *(total.coord(d) for d in ds.dimensions), dim),
                                total, dim, parts, note))
    return checks


def _select(datasets: dict[str, Dataset], side: dict, over: str, value: str, where: str) -> list[Observation]:
    from .source import StatsError

    ds = datasets.get(side.get("dataset", ""))
    if ds is None:
        raise StatsError(f"{where}: cross-check names unknown dataset '{side.get('dataset')}'")
    conditions = side.get("where", {})
    for dim in list(conditions) + [over]:
        if dim not in ds.dimensions:
            raise StatsError(f"{where}: cross-check names '{dim}', not a dimension of '{ds.slug}'")
    chosen = [o for o in ds.observations if o.coord(over) == value
              and all(o.coord(d) == v for d, v in conditions.items())]
    # On a dimension the selection leaves open, add up the parts, not their printed total.
    for dim in ds.dimensions:
        if dim in conditions or dim == over:
            continue
        if any(not o.is_total_in(dim) for o in chosen):
            chosen = [o for o in chosen if not o.is_total_in(dim)]
    return chosen


def cross_checks(datasets: dict[str, Dataset]) -> list[Check]:
    checks = []
    for ds in datasets.values():
        for cc in ds.cross_checks:
            left_ds = datasets.get(cc.left.get("dataset", ""))
            values = [] if left_ds is None else list(dict.fromkeys(o.coord(cc.over) for o in left_ds.observations))
            if left_ds is None:
                _select(datasets, cc.left, cc.over, "", cc.origin)  # raises the one-line error
            for value in values:
                left = _select(datasets, cc.left, cc.over, value, cc.origin)
                right = _select(datasets, cc.right, cc.over, value, cc.origin)
                if not any(o.measure.number is not None for o in left) or \
                        not any(o.measure.number is not None for o in right):
                    continue
                lsum = sum(o.measure.number or 0 for o in left)
                rsum = sum(o.measure.number or 0 for o in right)
                outcome = AGREES if lsum == rsum else DISAGREES
                paragraphs = sorted({o.paragraph for o in left + right}, key=int)
                note = (f"left: {' + '.join(o.label for o in left)} (para. {', '.join(sorted({o.paragraph for o in left}, key=int))}); "
                        f"right: {' + '.join(o.label for o in right)} (para. {', '.join(sorted({o.paragraph for o in right}, key=int))})")
                checks.append(Check(ds.slug, CROSS_CHECK, f"{cc.label}, {cc.over} {value}", lsum, rsum,
                                    paragraphs, outcome, (ds.slug, "cross", cc.label, value),
                                    None, None, left + right, note))
    return checks


def all_checks(datasets: dict[str, Dataset]) -> list[Check]:
    checks = [c for ds in datasets.values() for c in total_checks(ds)]
    return checks + cross_checks(datasets)


def flagged(datasets: dict[str, Dataset]) -> list[Check]:
    return [c for c in all_checks(datasets) if c.flagged]
