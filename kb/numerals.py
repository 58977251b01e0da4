"""The numbers a quote states, in digits or in words, so that an encoding's ranges can be checked
against the words they encode ("de ocho a quince años" is [8, 15]; a wrong number is an error).

Spanish number words are read by text2num (`alpha2digit`); the statute also writes thousands as a
digit and the word "mil" ("de un mil a 30 mil días multa", "de 2 mil a 60 mil", "de un mil 500"),
which text2num leaves as two or three numbers ("1 1000", "30 1000", "1 1000 500"): they are joined
here. Months of imprisonment ("seis meses") are also given in years (0.5), the unit the encoding
uses."""
from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
# "un mil 500" (1500) is read "1 1000 500": the hundreds that follow belong to the thousand
_THOUSANDS = re.compile(r"(?<![\w.,])(\d{1,3}) 1000(?: (\d{1,3}))?(?![\w.,])")
_MONTHS = re.compile(r"(?<![\w.,])(\d+) mes(?:es)?\b", re.I)


def numbers_in(text: str, language: str = "en") -> set[Decimal]:
    """The numbers of `text`: written in digits ("between 2 and 9 years", "1,500 days"), and for
    Spanish also in words; months also as a fraction of a year."""
    if language == "es":
        from text_to_num import alpha2digit

        text = alpha2digit(text, "es", threshold=0)
        text = _THOUSANDS.sub(lambda m: str(int(m.group(1)) * 1000 + int(m.group(2) or 0)), text)
        found = {Decimal(m) for m in _DIGITS.findall(text)}
        found |= {Decimal(m) / 12 for m in _MONTHS.findall(text)}
        return found
    return {Decimal(m.replace(",", "")) for m in _DIGITS.findall(text)}
