"""The aggravation arithmetic (lexkb.aggravation.effective) on made-up rules, each expected range
worked out here by hand: a rule that raises only the maximum ("hasta en una mitad" ceilings), only
the minimum, only imprisonment, by a third, and two rules stacking. The real rules all raise both
bounds of both components by half, so only made-up ones can tell "min" from "max"."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from lexkb.aggravation import effective, exact, number, show

PENALTY = {"id": "x-1", "provision": "X art. 1", "condition": None,
           "imprisonment_years": [6, 12], "fine_days_wage": [500, 1500]}
BASE = "Base range under X art. 1: imprisonment 6–12 years, fine 500–1,500 days of minimum wage."
THIRD = 1 / 3  # how a third arrives from the index: the nearest float, 0.3333333333333333


def factor(fid="f", rule="r", fraction=0.5, components=("imprisonment", "fine"), bounds=("min", "max"),
           rule_provision="X art. 2", provision="X art. 2 I", effect="made-up effect"):
    return {"id": fid, "provision": provision, "rule": rule, "rule_provision": rule_provision, "effect": effect,
            "increase_fraction": fraction, "components": list(components), "bounds": list(bounds)}


def test_no_factor_leaves_the_range_and_says_where_it_comes_from():
    assert effective(PENALTY, []) == ([6, 12], [500, 1500], [BASE])


def test_the_condition_is_named_in_the_base_range():
    p = dict(PENALTY, condition="if the victim is under 18")
    assert effective(p, [])[2] == ["Base range under X art. 1 (if the victim is under 18): imprisonment 6–12 years, "
                                   "fine 500–1,500 days of minimum wage."]


def test_half_on_both_bounds_of_both_components():
    prison, fine, steps = effective(PENALTY, [factor()])
    assert (prison, fine) == ([9, 18], [750, 2250])
    assert steps == [BASE,
                     "Factor 'f' (X art. 2 I) triggers X art. 2: made-up effect.",
                     "Imprisonment: 6 × 1.5 = 9, 12 × 1.5 = 18 → 9–18 years.",
                     "Fine: 500 × 1.5 = 750, 1,500 × 1.5 = 2,250 → 750–2,250 days of minimum wage."]


def test_a_rule_that_raises_only_the_maximum():
    """[6, 12] raised by half at the top only is [6, 18], not [9, 18]."""
    prison, fine, steps = effective(PENALTY, [factor(components=["imprisonment"], bounds=["max"])])
    assert (prison, fine) == ([6, 18], [500, 1500])
    assert steps[2:] == ["Imprisonment: minimum 6 unchanged, 12 × 1.5 = 18 → 6–18 years."]


def test_a_rule_that_raises_only_the_minimum():
    prison, fine, steps = effective(PENALTY, [factor(bounds=["min"])])
    assert (prison, fine) == ([9, 12], [750, 1500])
    assert steps[2:] == ["Imprisonment: 6 × 1.5 = 9, maximum 12 unchanged → 9–12 years.",
                         "Fine: 500 × 1.5 = 750, maximum 1,500 unchanged → 750–1,500 days of minimum wage."]


def test_a_rule_on_imprisonment_only_leaves_the_fine():
    prison, fine, steps = effective(PENALTY, [factor(components=["imprisonment"])])
    assert (prison, fine) == ([9, 18], [500, 1500])
    assert len(steps) == 3 and steps[2].startswith("Imprisonment: ")


def test_a_rule_on_the_fine_only_leaves_imprisonment():
    prison, fine, steps = effective(PENALTY, [factor(components=["fine"])])
    assert (prison, fine) == ([6, 12], [750, 2250])
    assert steps[2:] == ["Fine: 500 × 1.5 = 750, 1,500 × 1.5 = 2,250 → 750–2,250 days of minimum wage."]


def test_a_third_is_exact():
    """9–12 years raised by a third is 12–16 years (integers, not 11.999...); 7 years is 28/3."""
    p = dict(PENALTY, imprisonment_years=[9, 12], fine_days_wage=[750, 2250])
    prison, fine, steps = effective(p, [factor(fraction=THIRD)])
    assert (prison, fine) == ([12, 16], [1000, 3000])
    assert all(type(x) is int for x in prison + fine)
    assert steps[2:] == ["Imprisonment: 9 × 4/3 = 12, 12 × 4/3 = 16 → 12–16 years.",
                         "Fine: 750 × 4/3 = 1,000, 2,250 × 4/3 = 3,000 → 1,000–3,000 days of minimum wage."]
    prison, _, steps = effective(dict(p, imprisonment_years=[7, 12]), [factor(fraction=THIRD, components=["imprisonment"])])
    assert prison == [28 / 3, 16]
    assert steps[2] == "Imprisonment: 7 × 4/3 = 28/3, 12 × 4/3 = 16 → 28/3–16 years."


def test_decimal_increases_are_exact():
    """A tenth of 3 years is 0.3 years: 3.3, not the float 3.3000000000000003."""
    p = dict(PENALTY, imprisonment_years=[3, 7], fine_days_wage=[100, 101])
    prison, fine, steps = effective(p, [factor(fraction=0.1)])
    assert prison == [3.3, 7.7] and fine == [110, 111.1]
    assert steps[2] == "Imprisonment: 3 × 1.1 = 3.3, 7 × 1.1 = 7.7 → 3.3–7.7 years."


def test_two_rules_stack_one_after_the_other():
    """Half (rule a), then a third (rule b) of the raised range: 6 × 1.5 × 4/3 = 12, 12 × 1.5 × 4/3 = 24."""
    prison, fine, steps = effective(PENALTY, [factor("fa", "a", 0.5, rule_provision="X art. 2"),
                                              factor("fb", "b", THIRD, rule_provision="X art. 3", provision="X art. 3")])
    assert (prison, fine) == ([12, 24], [1000, 3000])
    assert steps == [BASE,
                     "Factor 'fa' (X art. 2 I) triggers X art. 2: made-up effect.",
                     "Imprisonment: 6 × 1.5 = 9, 12 × 1.5 = 18 → 9–18 years.",
                     "Fine: 500 × 1.5 = 750, 1,500 × 1.5 = 2,250 → 750–2,250 days of minimum wage.",
                     "Factor 'fb' (X art. 3) triggers X art. 3: made-up effect.",
                     "Imprisonment: 9 × 4/3 = 12, 18 × 4/3 = 24 → 12–24 years.",
                     "Fine: 750 × 4/3 = 1,000, 2,250 × 4/3 = 3,000 → 1,000–3,000 days of minimum wage."]


def test_two_rules_one_on_each_bound():
    prison, fine, _ = effective(PENALTY, [factor("fa", "a", 0.5, bounds=["max"]), factor("fb", "b", 1, bounds=["min"])])
    assert (prison, fine) == ([12, 18], [1000, 2250])


def test_two_factors_of_one_rule_apply_once():
    prison, fine, steps = effective(PENALTY, [factor("f1", "r"), factor("f2", "r", provision="X art. 2 II")])
    assert (prison, fine) == ([9, 18], [750, 2250])
    assert steps[1:3] == ["Factors 'f1' (X art. 2 I) and 'f2' (X art. 2 II) trigger X art. 2: made-up effect.",
                          "X art. 2 states one increase for any of its situations, so it is applied once."]
    assert len(steps) == 5


def test_the_penalty_passed_in_is_not_changed():
    p = dict(PENALTY)
    effective(p, [factor()])
    assert p["imprisonment_years"] == [6, 12] and p["fine_days_wage"] == [500, 1500]


@pytest.mark.parametrize("value,shown", [(2250, "2,250"), (2250.0, "2,250"), (13.5, "13.5"), (0.1, "0.1"),
                                         (1234567.25, "1,234,567.25"), (Fraction(28, 3), "28/3"), (Fraction(3, 2), "1.5"),
                                         (THIRD, "1/3"), (0.3333, "0.3333"),
                                         (12345678901, "12,345,678,901"), (Fraction(10**12 + 1, 4), "250,000,000,000.25")])
def test_show(value, shown):
    assert show(value) == shown


@pytest.mark.parametrize("value,expected", [(13.0, 13), (13.5, 13.5), (Fraction(28, 3), 28 / 3), (Fraction(4, 2), 2)])
def test_number(value, expected):
    got = number(value)
    assert got == expected and type(got) is type(expected)


def test_exact_keeps_short_decimals_and_recovers_simple_fractions():
    assert exact(0.5) == Fraction(1, 2) and exact(0.1) == Fraction(1, 10) and exact(0.3333) == Fraction(3333, 10000)
    assert exact(1 / 3) == Fraction(1, 3) and exact(2 / 3) == Fraction(2, 3) and exact(0.000001) == Fraction(1, 10**6)
    assert exact(7) == 7 and exact("0.25") == Fraction(1, 4)
    # a tiny decimal is not a simple fraction's float: kept as written, not rounded to 0
    assert exact(1e-7) == Fraction(1, 10**7) and exact(0.0001) == Fraction(1, 10**4)
    # simple fractions are those with a denominator up to 1000
    assert exact(2 / 999) == Fraction(2, 999) and exact(1 / 1000) == Fraction(1, 1000)
    assert exact(1 / 1001) == Fraction(Decimal(str(1 / 1001))) != Fraction(1, 1001)


# "hasta en una mitad" (General Law art. 42): a ceiling the judge may reach, not a fixed increase
def ceiling(**kw):
    return dict(factor(**kw), up_to=True)


def test_up_to_half_on_both_bounds_raises_the_ceiling_only():
    """[6, 12] "hasta en una mitad": the judge may raise 6 up to 9 and 12 up to 18, so the sentence may fall in
    6–18; the fine 500–1,500 likewise in 500–2,250."""
    prison, fine, steps = effective(PENALTY, [ceiling()])
    assert (prison, fine) == ([6, 18], [500, 2250])
    assert steps[2:] == [
        "Imprisonment: the minimum 6 may be raised up to 6 × 1.5 = 9, the maximum 12 may be raised up to 12 × 1.5 = 18, "
        "at the judge's discretion → the sentence may fall in 6–18 years.",
        "Fine: the minimum 500 may be raised up to 500 × 1.5 = 750, the maximum 1,500 may be raised up to 1,500 × 1.5 = "
        "2,250, at the judge's discretion → the sentence may fall in 500–2,250 days of minimum wage."]


def test_up_to_half_on_the_maximum_only():
    prison, fine, steps = effective(PENALTY, [ceiling(components=["imprisonment"], bounds=["max"])])
    assert (prison, fine) == ([6, 18], [500, 1500])
    assert steps[2:] == ["Imprisonment: minimum 6 unchanged, the maximum 12 may be raised up to 12 × 1.5 = 18, at the "
                         "judge's discretion → the sentence may fall in 6–18 years."]


def test_up_to_half_on_the_minimum_only_leaves_the_range():
    """Only the minimum may be raised, up to 9: the range the sentence may fall in stays 6–12."""
    prison, fine, steps = effective(PENALTY, [ceiling(components=["imprisonment"], bounds=["min"])])
    assert (prison, fine) == ([6, 12], [500, 1500])
    assert steps[2:] == ["Imprisonment: the minimum 6 may be raised up to 6 × 1.5 = 9, maximum 12 unchanged, at the "
                         "judge's discretion → the sentence may fall in 6–12 years."]


def test_a_ceiling_then_a_fixed_increase_stack():
    """Up to half (rule a) on 6–12 gives 6–18; then doubled (rule b): 12–36."""
    prison, _, steps = effective(PENALTY, [ceiling(fid="fa", rule="a", components=["imprisonment"]),
                                           factor("fb", "b", 1, components=["imprisonment"], rule_provision="X art. 3")])
    assert prison == [12, 36]
    assert steps[-1] == "Imprisonment: 6 × 2 = 12, 18 × 2 = 36 → 12–36 years."


def test_a_penalty_without_a_fine_raises_imprisonment_and_says_there_is_no_fine():
    """An article that sets imprisonment only: the fine stays none, and the steps say so."""
    p = {"id": "x-2", "provision": "X art. 4", "condition": None, "imprisonment_years": [2, 4]}
    prison, fine, steps = effective(p, [factor()])
    assert (prison, fine) == ([3, 6], None)
    assert steps == ["Base range under X art. 4: imprisonment 2–4 years, no fine.",
                     "Factor 'f' (X art. 2 I) triggers X art. 2: made-up effect.",
                     "Imprisonment: 2 × 1.5 = 3, 4 × 1.5 = 6 → 3–6 years.",
                     "Fine: X art. 4 sets none, so nothing to increase."]
    prison, fine, steps = effective(p, [ceiling()])
    assert (prison, fine) == ([2, 6], None)
    assert steps[-1] == "Fine: X art. 4 sets none, so nothing to increase."
