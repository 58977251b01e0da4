"""Effective penalty ranges under aggravating factors, with the explanation of each step.

One rule applies once, whichever and however many of its factors are present: a rule (such as
ACT art. 6 III) that says the penalties "shall be increased by half in the following situations"
increases them once, not once per situation. Arithmetic is exact: 9 x 1.5 is 13.5, and an increase "by a third" (stored as the
nearest float, 0.333...) multiplies by exactly 4/3, so 9 years become 12, not 11.999..."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

# the range each component of a rule raises; the units are the penalty's own (years; its fine_unit)
COMPONENT_KEYS = {"imprisonment": "imprisonment_years", "fine": "fine"}


def exact(x) -> Fraction:
    """The number a statute means: a decimal as written (0.5, 0.1), and a float that only
    approximates a simple fraction (0.3333333333333333 for "a third") as that fraction."""
    f = Fraction(Decimal(str(x)))
    simple = f.limit_denominator(1000)
    return simple if float(simple) == float(f) else f


def number(x) -> int | float:
    f = x if isinstance(x, Fraction) else exact(x)
    return f.numerator if f.denominator == 1 else float(f)


def show(x) -> str:
    f = x if isinstance(x, Fraction) else exact(x)
    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:                       # no finite decimal: 4/3, 28/3
        return f"{f.numerator}/{f.denominator}"
    return f"{Decimal(f.numerator) / Decimal(f.denominator):,f}"   # exact: 2,250, 13.5, 0.1, 1,234,567.25


def effective(penalty: dict, factors: list[dict]) -> tuple[list | None, list | None, list[str]]:
    """(imprisonment [min, max] or None, fine [min, max] or None, explanation) for a penalty variant (index
    entry) with the given aggravating factors (index entries that apply to it). A fixed increase
    ("en una mitad", "al doble") multiplies the bounds it names; one "hasta en una mitad" is a
    ceiling: the judge may raise those bounds by up to the fraction, so the range the sentence may
    fall in runs from the unchanged minimum to the raised maximum, and the steps say so."""
    from .fine import fine_of, fine_text
    from .sanction import community_work_text, prison_text

    fine, fine_unit = fine_of(penalty)
    prison = penalty.get("imprisonment_years")
    ranges = {"imprisonment_years": [exact(v) for v in prison] if prison is not None else None,
              "fine": [exact(v) for v in fine] if fine is not None else None}
    units = {"imprisonment_years": "years", "fine": fine_unit}
    work = community_work_text(penalty)  # not increased by any rule: the rules' effects name imprisonment and fine only
    base = ", ".join([f"imprisonment {prison_text(penalty)}" if prison is not None else "no imprisonment",
                      f"fine {fine_text(penalty)}" if fine is not None else "no fine"]
                     + ([f"community work {work}"] if work is not None else []))
    steps = [f"Base range under {penalty['provision']}"
             + (f" ({penalty['condition']})" if penalty.get("condition") else "") + f": {base}."]
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
        multiplier = 1 + exact(first["increase_fraction"])
        up_to = first.get("up_to", False)
        for component in first["components"]:
            key = COMPONENT_KEYS[component]
            unit = units[key]
            if ranges[key] is None:
                steps.append(f"{component.capitalize()}: {penalty['provision']} sets none, so nothing to increase.")
                continue
            lo, hi = ranges[key]
            raise_lo, raise_hi = "min" in first["bounds"], "max" in first["bounds"]
            if up_to:
                ceiling = [lo * multiplier, hi * multiplier]
                low = (f"the minimum {show(lo)} may be raised up to {show(lo)} × {show(multiplier)} = {show(ceiling[0])}"
                       if raise_lo else f"minimum {show(lo)} unchanged")
                high = (f"the maximum {show(hi)} may be raised up to {show(hi)} × {show(multiplier)} = {show(ceiling[1])}"
                        if raise_hi else f"maximum {show(hi)} unchanged")
                new = [lo, ceiling[1] if raise_hi else hi]
                steps.append(f"{component.capitalize()}: {low}, {high}, at the judge's discretion → the sentence "
                             f"may fall in {show(new[0])}–{show(new[1])} {unit}.")
            else:
                new = [lo * multiplier if raise_lo else lo, hi * multiplier if raise_hi else hi]
                low = f"{show(lo)} × {show(multiplier)} = {show(new[0])}" if raise_lo else f"minimum {show(lo)} unchanged"
                high = f"{show(hi)} × {show(multiplier)} = {show(new[1])}" if raise_hi else f"maximum {show(hi)} unchanged"
                steps.append(f"{component.capitalize()}: {low}, {high} → {show(new[0])}–{show(new[1])} {unit}.")
            ranges[key] = new
    return ([number(v) for v in ranges["imprisonment_years"]] if ranges["imprisonment_years"] is not None else None,
            [number(v) for v in ranges["fine"]] if ranges["fine"] is not None else None, steps)
