"""Natural-language dates: local zone in, UTC out; the rules of core/dates.py's docstring."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nargis_desktop.clock import FixedClock, from_iso, system_day_first, to_iso
from nargis_desktop.core.dates import When, describe, parse_when, reads_as_date
from nargis_desktop.errors import DateMismatchError, ValidationError

BERLIN = ZoneInfo("Europe/Berlin")
# the shared fixture's moment: Wed 2026-11-25 10:30 in Berlin (09:30 UTC)


def local(when: When, clock: FixedClock) -> datetime:
    return when.instant.astimezone(clock.tz)


def at(day: date, hh: int, mm: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=tz)


WED = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "expected_local", "all_day"), [
    ("tomorrow 5pm", at(WED + timedelta(days=1), 17), False),
    ("tomorrow at five", at(WED + timedelta(days=1), 17), False),
    ("3pm tomorrow", at(WED + timedelta(days=1), 15), False),
    ("tomorrow", at(WED + timedelta(days=1), 0), True),
    ("today", at(WED, 0), True),
    ("yesterday", at(WED - timedelta(days=1), 0), True),
    # "friday" is the coming Friday; "next friday" the Friday of next week
    ("friday", at(date(2026, 11, 27), 0), True),
    ("this friday", at(date(2026, 11, 27), 0), True),
    ("next friday", at(date(2026, 12, 4), 0), True),
    ("wednesday", at(WED, 0), True),  # today is Wednesday
    ("next wednesday", at(date(2026, 12, 2), 0), True),
    ("friday 3pm", at(date(2026, 11, 27), 15), False),
    # "on the 3rd": the next 3rd that is not in the past
    ("on the 3rd", at(date(2026, 12, 3), 0), True),
    ("the 25th", at(WED, 0), True),
    ("on the twenty fifth", at(WED, 0), True),
    ("december 3rd", at(date(2026, 12, 3), 0), True),
    ("3rd of march", at(date(2027, 3, 3), 0), True),  # March 3rd has passed this year
    ("2026-12-01", at(date(2026, 12, 1), 0), True),
    ("2026-12-01 at 14:15", at(date(2026, 12, 1), 14, 15), False),
    ("next week", at(date(2026, 11, 30), 0), True),
    ("end of month", at(date(2026, 11, 30), 0), True),
    # a time without a date: the next time that clock time comes round
    ("5pm", at(WED, 17), False),
    ("9am", at(WED + timedelta(days=1), 9), False),
    ("at 10:30", at(WED + timedelta(days=1), 10, 30), False),  # exactly now: next one
    ("noon", at(WED, 12), False),
    ("tomorrow morning", at(WED + timedelta(days=1), 9), False),
    # "at 5" with no am/pm: PM for hours 1-7
    ("at 5", at(WED, 17), False),
    ("at 7", at(WED, 19), False),
    ("at 8", at(WED + timedelta(days=1), 8), False),
    ("at 12", at(WED, 12), False),
    ("tomorrow 07:00", at(WED + timedelta(days=1), 7), False),  # a leading zero: 24-hour
    ("tomorrow 7:00", at(WED + timedelta(days=1), 19), False),
    ("tomorrow at 0800", at(WED + timedelta(days=1), 8), False),  # four digits: 24-hour
    ("tomorrow at 1400 hours", at(WED + timedelta(days=1), 14), False),
    ("12am", at(WED + timedelta(days=1), 0), False),
    # relative
    ("in 2 hours", at(WED, 12, 30), False),
    ("in 90 minutes", at(WED, 12), False),
    ("in half an hour", at(WED, 11), False),
    ("in an hour", at(WED, 11, 30), False),
    ("in 3 days", at(WED + timedelta(days=3), 10, 30), False),
    ("in a week", at(WED + timedelta(days=7), 10, 30), False),
    ("in a month", at(date(2026, 12, 25), 0), True),
    ("in two hours", at(WED, 12, 30), False),
    ("a week from today", at(WED + timedelta(days=7), 0), True),
    ("3 days from tomorrow", at(WED + timedelta(days=4), 0), True),
    # an evening word makes a bare hour PM
    ("tonight at 8", at(WED, 20), False),
    ("tomorrow evening at 9", at(WED + timedelta(days=1), 21), False),
    ("tomorrow morning at 8", at(WED + timedelta(days=1), 8), False),
    # ... and a morning word keeps it AM, where "at 7" alone would be PM
    ("tomorrow morning at 7", at(WED + timedelta(days=1), 7), False),
    ("tomorrow morning at 7 pm", at(WED + timedelta(days=1), 19), False),
    # a bare hour before a day or a part of one is a clock time
    ("8 tonight", at(WED, 20), False),
    ("7 tomorrow morning", at(WED + timedelta(days=1), 7), False),
    # typed and dialect spellings of the day words
    ("the morra", at(WED + timedelta(days=1), 0), True),
    ("2moro at 6pm", at(WED + timedelta(days=1), 18), False),
    ("tomoz", at(WED + timedelta(days=1), 0), True),
    ("2nite", at(WED, 20), False),
    # a weekday with its day of the month
    ("monday the thirtieth", at(date(2026, 11, 30), 0), True),
    ("thursday arvo", at(date(2026, 11, 26), 14), False),  # Australian "afternoon"
    ("on tuesday the 1st at 9am", at(date(2026, 12, 1), 9), False),
])
def test_rules(clock: FixedClock, text: str, expected_local: datetime, all_day: bool) -> None:
    when = parse_when(text, clock)
    assert local(when, clock) == expected_local, describe(when, clock)
    assert when.all_day is all_day
    assert when.instant.tzinfo is not None and when.instant.utcoffset() == timedelta(0)


def test_stored_as_utc(clock: FixedClock) -> None:
    when = parse_when("tomorrow 5pm", clock)
    assert when.instant == datetime(2026, 11, 26, 16, 0, tzinfo=UTC)  # Berlin is UTC+1
    assert to_iso(when.instant) == "2026-11-26T16:00:00.000000Z"


def test_same_words_in_another_zone() -> None:
    ny = FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "America/New_York")  # 04:30
    when = parse_when("tomorrow 5pm", ny)
    assert when.instant == datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    assert parse_when("today", ny).instant == datetime(2026, 11, 25, 5, 0, tzinfo=UTC)


def test_in_hours_is_elapsed_time_across_dst() -> None:
    # Berlin leaves summer time on 2026-10-25 at 03:00 (clocks go back to 02:00)
    clock = FixedClock(datetime(2026, 10, 24, 10, 0, tzinfo=UTC), "Europe/Berlin")
    assert parse_when("in 24 hours", clock).instant == datetime(2026, 10, 25, 10, 0, tzinfo=UTC)
    assert parse_when("in 30 minutes", clock).instant == datetime(2026, 10, 24, 10, 30,
                                                                   tzinfo=UTC)
    # a calendar day keeps the local clock time: 12:00 CEST -> 12:00 CET
    day = parse_when("in 1 day", clock)
    assert local(day, clock) == at(date(2026, 10, 25), 12)
    # "tomorrow 9am" is 9am local after the change
    assert local(parse_when("tomorrow 9am", clock), clock).utcoffset() == timedelta(hours=1)


def test_spring_forward_gap_in_hours() -> None:
    # 2026-03-29 02:00 CET jumps to 03:00 CEST
    clock = FixedClock(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "Europe/Berlin")  # 01:30
    when = parse_when("in 1 hour", clock)
    assert when.instant == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert local(when, clock).hour == 3


@pytest.mark.parametrize("text", ["florp blarg", "", "   ", "february 30", "2026-13-45",
                                  "the 45th", "at 24", "at 10:75"])
def test_unparseable_is_a_clear_error(clock: FixedClock, text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, clock)
    assert str(err.value)


def test_a_weekday_that_is_not_the_day_of_the_month_says_so(clock: FixedClock) -> None:
    with pytest.raises(DateMismatchError, match="The 30th is a Monday, not a Friday") as err:
        parse_when("friday the 30th at 5pm", clock)
    # both days it could be, with the time said, each one a date that parses
    assert err.value.choices == ["Monday the 30th at 5 PM", "Friday the 27th at 5 PM"]
    assert [parse_when(c, clock).instant.day for c in err.value.choices] == [30, 27]
    assert reads_as_date("friday the 30th", clock) and not reads_as_date("florp", clock)


def test_unparseable_message_quotes_the_text(clock: FixedClock) -> None:
    with pytest.raises(ValidationError, match="florp blarg"):
        parse_when("florp blarg", clock)


def test_describe(clock: FixedClock) -> None:
    assert describe(parse_when("tomorrow 5pm", clock), clock) == "tomorrow at 5 PM"
    assert describe(parse_when("today", clock), clock) == "today"
    assert describe(parse_when("friday", clock), clock) == "Friday"
    assert describe(parse_when("2027-01-15 at 9:30", clock), clock) == \
        "Friday Jan 15 2027 at 9:30 AM"


# -- round trips -------------------------------------------------------------------------

ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Sydney"]
base_instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 1, 1),
                             timezones=st.just(UTC))


@settings(max_examples=200, deadline=None)
@given(now=base_instants, zone=st.sampled_from(ZONES),
       minutes=st.integers(min_value=1, max_value=300 * 24 * 60), all_day=st.booleans())
def test_describe_parse_round_trip(now: datetime, zone: str, minutes: int,
                                   all_day: bool) -> None:
    """What the assistant says back about a due date parses to the same due date."""
    clock = FixedClock(now, zone)
    target = (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    if all_day:
        target = clock.start_of_day(clock.day_of(target))
        if target < clock.start_of_day(clock.today()):
            return
    when = When(target, all_day)
    text = describe(when, clock)
    if clock.day_of(target) - clock.today() >= timedelta(days=330) and str(
            clock.day_of(target).year) not in text:
        return  # "Monday Oct 5" without a year: ambiguous on purpose once a year is close
    back = parse_when(text, clock)
    # a local time that doesn't exist or exists twice (DST) may land on its twin
    assert back.all_day == all_day
    assert abs((back.instant - target).total_seconds()) <= 3600, text
    assert back.local(clock).replace(tzinfo=None) == target.astimezone(clock.tz).replace(
        tzinfo=None) or back.instant == target, text


@settings(max_examples=200, deadline=None)
@given(now=base_instants, zone=st.sampled_from(ZONES),
       days=st.integers(min_value=0, max_value=800),
       hh=st.integers(min_value=0, max_value=23), mm=st.integers(min_value=0, max_value=59),
       with_time=st.booleans())
def test_iso_date_round_trip(now: datetime, zone: str, days: int, hh: int, mm: int,
                             with_time: bool) -> None:
    clock = FixedClock(now, zone)
    day = clock.today() + timedelta(days=days)
    text = day.isoformat() + (f" at {hh:02d}:{mm:02d}" if with_time else "")
    when = parse_when(text, clock)
    got = when.local(clock)
    assert got.date() == day
    assert when.all_day is not with_time
    if with_time:
        expected = datetime.combine(day, time(hh, mm), tzinfo=clock.tz)
        # a time inside a DST gap is shifted by the gap, never by a day
        assert abs((when.instant - expected.astimezone(UTC)).total_seconds()) <= 3600
    else:
        assert when.instant == clock.start_of_day(day)


@settings(max_examples=100, deadline=None)
@given(instant=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                            timezones=st.sampled_from([UTC, BERLIN, ZoneInfo("Asia/Kolkata")]),
                            allow_imaginary=False))
def test_storage_iso_round_trip(instant: datetime) -> None:
    text = to_iso(instant)
    assert text.endswith("Z") and len(text) == 27
    # compare in UTC: Python never calls an ambiguous (DST fold) local time equal across zones
    assert from_iso(text) == instant.astimezone(UTC)


@settings(max_examples=100, deadline=None)
@given(a=base_instants, b=base_instants)
def test_storage_text_order_is_time_order(a: datetime, b: datetime) -> None:
    assert (to_iso(a) < to_iso(b)) == (a < b)


@pytest.mark.parametrize(("order", "text", "month", "day"), [
    ("dmy", "2/12", 12, 2), ("mdy", "2/12", 2, 12),
    ("dmy", "12/2/2027", 2, 12), ("mdy", "12/2/2027", 12, 2),
    ("dmy", "31/12", 12, 31), ("mdy", "31/12", 12, 31),  # only one reading exists
])
def test_numeric_dates_follow_the_users_date_order(order: str, text: str, month: int,
                                                   day: int) -> None:
    clock = FixedClock(datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "Europe/Berlin", order)
    got = parse_when(text, clock).local(clock)
    assert (got.month, got.day) == (month, day)
    assert got.date() >= clock.today()  # a date without a year is the next one


@pytest.mark.parametrize(("environ", "day_first"), [
    ({"LANG": "en_GB.UTF-8"}, True), ({"LANG": "en_IN"}, True), ({"LANG": "de_DE.UTF-8"}, True),
    ({"LANG": "en_US.UTF-8"}, False), ({"LANG": "fil_PH.UTF-8"}, False),
    ({"LANG": "C.UTF-8"}, False), ({"LANG": "POSIX"}, False), ({}, False),
    # LC_ALL, then LC_TIME, win over LANG, as in the C library
    ({"LC_ALL": "en_US.UTF-8", "LC_TIME": "en_GB.UTF-8", "LANG": "en_GB.UTF-8"}, False),
    ({"LC_TIME": "en_AU.UTF-8", "LANG": "en_US.UTF-8"}, True),
])
def test_auto_date_order_reads_the_locale(environ: dict[str, str], day_first: bool) -> None:
    assert system_day_first(environ) is day_first


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError):
        to_iso(datetime(2026, 1, 1))


@pytest.mark.parametrize("text", ["next week tuesday", "tuesday next week", "next week on tuesday",
                                  "on tuesday, next week"])
def test_a_weekday_of_next_week(clock: FixedClock, text: str) -> None:
    assert parse_when(text, clock) == parse_when("next tuesday", clock)
