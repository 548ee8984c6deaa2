"""Spoken numbers to digits: a property against an independent speller, and examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nargis_desktop.core.numbers import ordinal, parse_count, words_to_digits

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth", "eighteenth", "nineteenth"]


def spell(n: int, sep: str = " ", *, british: bool = False) -> str:
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (sep + ONES[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = ONES[hundreds] + " hundred"
    if not rest:
        return head
    return head + (" and " if british else " ") + spell(rest, sep)


def spell_ordinal(n: int) -> str:
    if n < 20:
        return ORD_ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return TENS[tens][:-1] + "ieth"
    return TENS[tens] + " " + ORD_ONES[ones]


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=999), sep=st.sampled_from([" ", "-"]),
       british=st.booleans())
def test_spelled_numbers_become_digits(n: int, sep: str, british: bool) -> None:
    words = spell(n, sep, british=british)
    assert words_to_digits(words) == str(n)
    assert words_to_digits(f"log {words} glasses") == f"log {n} glasses"
    assert words_to_digits(words.upper()) == str(n)
    assert parse_count(f"I drank {words} glasses") == n


@settings(max_examples=100, deadline=None)
@given(n=st.integers(min_value=1, max_value=31))
def test_spelled_ordinals_become_ordinals(n: int) -> None:
    assert words_to_digits(f"on the {spell_ordinal(n)}") == f"on the {ordinal(n)}"


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "Zs"]),
                    max_size=40))
def test_text_without_number_words_is_unchanged(text: str) -> None:
    words = set(text.lower().split())
    vocabulary = set(ONES) | set(TENS) | set(ORD_ONES) | {
        "a", "an", "hundred", "half", "oh", "twentieth", "thirtieth"}
    if words & vocabulary or any("-" in w for w in words):
        return
    assert words_to_digits(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("add twenty five minutes on the third", "add 25 minutes on the 3rd"),
    ("five thirty", "5:30"),
    ("seven oh five", "7:05"),
    ("a twenty minute session", "a 20 minute session"),
    ("a minute", "a minute"),
    ("half an hour", "half an hour"),
    ("a hundred and twenty", "120"),
    ("five and six", "5 and 6"),
    ("twenty-first", "21st"),
    ("nothing here", "nothing here"),
])
def test_examples(text: str, expected: str) -> None:
    assert words_to_digits(text) == expected


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                         (11, "11th"), (12, "12th"), (13, "13th"),
                                         (21, "21st"), (22, "22nd"), (101, "101st"),
                                         (111, "111th")])
def test_ordinal(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_parse_count() -> None:
    assert parse_count("minus nothing") is None
    assert parse_count("-3") == -3
    assert parse_count("three") == 3


def test_a_last_article_is_no_one() -> None:
    assert words_to_digits("pushups twenty a day") == "pushups 20 a day"
    assert words_to_digits("three an hour") == "3 an hour"
    assert words_to_digits("a hundred") == "100"


@pytest.mark.parametrize(("text", "expected"), [
    ("inbox zero", "inbox zero"),  # a name, not a count
    ("I had zero today", "I had 0 today"),
    ("zero minutes left", "0 minutes left"),
    ("schedule a one-on-one with Dave", "schedule a one-on-one with Dave"),  # no time
    ("a one on one at three", "a one on one at 3"),
    ("one more glass", "1 more glass"),
    ("stick one on the list for us", "stick one on the list for us"),  # a thing, no time
    ("add one for me", "add one for me"),
    ("log one for me", "log 1 for me"),
])
def test_words_that_only_look_like_numbers(text: str, expected: str) -> None:
    assert words_to_digits(text) == expected
