"""lexkb.validity on its own, with made-up versions: which statute penalty holds on a date (from its
version's journal date, until the next change's, exclusive), and the notes that say so, on both
sides of each date."""
from __future__ import annotations

import datetime as dt

import pytest

from lexkb.validity import holds, silent_note, version_note

D = dt.date.fromisoformat
FROM = "dated from the journal's publication of each decree; entry into force not in source"

# a made-up article with two versions: the first published 2010-05-05, replaced by one published 2015-03-10
FIRST = {"basis": "statute", "provision": "ACT art. 1", "valid_from": "2010-05-05", "valid_until": "2015-03-10"}
LATEST = {"basis": "statute", "provision": "ACT art. 1", "valid_from": "2015-03-10", "valid_until": None}
REPORT = {"basis": "state-report", "provision": "ACT art. 1", "valid_from": None, "valid_until": None}


@pytest.mark.parametrize("on,first,latest", [
    ("2010-05-04", False, False), ("2010-05-05", True, False), ("2015-03-09", True, False),
    ("2015-03-10", False, True), ("2030-01-01", False, True), (None, False, True),   # no date: today's law
])
def test_a_version_holds_from_its_date_until_the_next_ones(on, first, latest):
    on = None if on is None else D(on)
    assert (holds(FIRST, on), holds(LATEST, on)) == (first, latest)
    assert holds(REPORT, on) is True     # the State's account has no dates: it holds as its instrument does


def test_the_version_note_says_until_when_a_later_change_ended_it():
    assert version_note(FIRST, None) == (f"ACT art. 1: version of 2010-05-05 (from 2010-05-05 until 2015-03-10; {FROM})")
    assert version_note(FIRST, D("2012-01-01")) == (
        f"ACT art. 1: version of 2010-05-05 (from 2010-05-05 until 2015-03-10; {FROM}): in force on 2012-01-01")
    assert version_note(LATEST, D("2015-03-10")) == (
        f"ACT art. 1: version of 2015-03-10 (from 2015-03-10, no later change in the editions lexkb holds; {FROM}): "
        "in force on 2015-03-10")


@pytest.mark.parametrize("on,note", [
    ("2010-05-04", "ACT art. 1: no version in the sources is in force on 2010-05-04 (the earliest version lexkb holds is "
                   "of 2010-05-05): the statute's penalty on that date is not in source"),
    # on or after the earliest version's date, a day no version holds (a gap between versions, or after the last
    # one ended): the note does not say the date is before the earliest
    ("2010-05-05", "ACT art. 1: no version in the sources is in force on 2010-05-05: the statute's penalty on that "
                   "date is not in source"),
    ("2016-01-01", "ACT art. 1: no version in the sources is in force on 2016-01-01: the statute's penalty on that "
                   "date is not in source"),
])
def test_the_silent_note_on_both_sides_of_the_earliest_version(on, note):
    assert silent_note("ACT art. 1", "2010-05-05", D(on)) == note
    assert silent_note("ACT art. 1", "2010-05-05", D(on), what="its aggravation") == note.replace(
        "the statute's penalty", "its aggravation")
