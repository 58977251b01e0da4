"""Effective penalty ranges under aggravating factors, with the explanation of each step.

One rule applies once, whichever and however many of its factors are present: LPSTP art. 6 III
says the penalties "shall be increased by half in the following situations", not once per
situation. Arithmetic is decimal, so 9 x 1.5 is exactly 13.5."""
from __future__ import annotations

from decimal import Decimal

COMPONENT_UNITS = {"imprisonment": ("imprisonment_years", "years"),
                   "fine": ("fine_days_wage", "days of minimum wage")}


def number(x) -> int | float:
    d = Decimal(str(x))
    return int(d) if d == d.to_integral_value() else float(d)


def show(x) -> str:
    n = number(x)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.10g}"


def effective(penalty: dict, factors: list[dict]) -> tuple[list, list, list[str]]:
    """(imprisonment [min, max], fine [min, max], explanation) for a penalty variant (index
    entry) with the given aggravating factors (index entries that apply to it)."""
    ranges = {key: [Decimal(str(v)) for v in penalty[key]] for key, _ in COMPONENT_UNITS.values()}
    steps = [f"Base range under {penalty['provision']}"
             + (f" ({penalty['condition']})" if penalty.get("condition") else "")
             + f": imprisonment {show(ranges['imprisonment_years'][0])}–{show(ranges['imprisonment_years'][1])} years, "
             f"fine {show(ranges['fine_days_wage'][0])}–{show(ranges['fine_days_wage'][1])} days of minimum wage."]
    by_rule: dict[str, list[dict]] = {}
    for f in factors:
        by_rule.setdefault(f["rule"], []).append(f)
    for rule_factors in by_rule.values():
        first = rule_factors[0]
        names = " and ".join(f"'{f['id']}' ({f['provision']})" for f in rule_factors)
        which = f"Factors {names} trigger" if len(rule_factors) > 1 else f"Factor {names} triggers"
        steps.append(f"{which} {first['rule_provision']}: {first['effect']}.")
        if len(rule_factors) > 1:
            steps.append(f"{first['rule_provision']} states one increase for any of its situations, so it is applied once.")
        multiplier = 1 + Decimal(str(first["increase_fraction"]))
        for component in first["components"]:
            key, unit = COMPONENT_UNITS[component]
            lo, hi = ranges[key]
            new = [lo * multiplier if "min" in first["bounds"] else lo,
                   hi * multiplier if "max" in first["bounds"] else hi]
            steps.append(f"{component.capitalize()}: {show(lo)} × {show(multiplier)} = {show(new[0])}, "
                         f"{show(hi)} × {show(multiplier)} = {show(new[1])} → {show(new[0])}–{show(new[1])} {unit}.")
            ranges[key] = new
    return ([number(v) for v in ranges["imprisonment_years"]],
            [number(v) for v in ranges["fine_days_wage"]], steps)
