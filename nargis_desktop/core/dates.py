"""Natural-language dates and times in the user's zone, stored as UTC.

Spoken commands use a small set of forms ("tomorrow at five", "next friday",
"in 2 hours", "on the 3rd"); those are handled by explicit rules so they are
predictable and instant. Anything else goes to ``dateparser`` (English only,
future preferred). Rules, documented in the README:

* a date without a time is an all-day due date;
* a time without a date is the next time that clock time comes round;
* "at 5" with no am/pm means 5 PM for hours 1-7 (nobody schedules 5 AM by saying "at 5"),
  but a leading zero ("07:30") is read on the 24-hour clock;
* "in N minutes/hours" is elapsed time; "in N days/weeks" keeps the local clock time;
* "friday" / "this friday" is the coming Friday (today if it is Friday);
  "next friday" is the Friday of next week;
* a numeric date ("2/12") is read day first or month first as the user writes dates
  (``general.date_order``, by default the system's locale; see ``Clock.day_first``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from nargis_desktop.clock import Clock
from nargis_desktop.core.numbers import ordinal, words_to_digits
from nargis_desktop.errors import DateMismatchError, NargisError, ValidationError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD_ABBR = {d[:3]: i for i, d in enumerate(WEEKDAYS)} | {"tues": 1, "thur": 3, "thurs": 3}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_PARTS = {"morning": time(9), "noon": time(12), "midday": time(12), "afternoon": time(14),
          "arvo": time(14),
          "evening": time(18), "tonight": time(20), "night": time(20), "midnight": time(0),
          "lunch": time(12), "lunchtime": time(12), "end of day": time(17), "eod": time(17)}
_UNIT_SECONDS = {"minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
                 "week": 604800}


@dataclass(frozen=True)
class When:
    """A due moment: ``instant`` in UTC; ``all_day`` when only a day was said."""

    instant: datetime
    all_day: bool = False

    def local(self, clock: Clock) -> datetime:
        return self.instant.astimezone(clock.tz)


def _weekday(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    return _WD_ABBR.get(word)


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word)


_TIME_RE = re.compile(
    r"\b(?:at\s+|@\s*|by\s+)?(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*"
    r"(?P<ap>a\.?m\.?|p\.?m\.?|o'?clock)(?![a-z])",
    re.IGNORECASE,
)
_AT_RE = re.compile(r"\b(?:at|@|by)\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\b(?!\s*(?:st|nd|rd|th)\b)",
                    re.IGNORECASE)
_HHMM_RE = re.compile(r"\b(?P<h>\d{1,2}):(?P<m>\d{2})\b")
#: "at 0800", "by 1400 hours": a 24-hour time said as four digits
_HOURS_RE = re.compile(r"\b(?:at|@|by)\s+(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s*(?:hours|hrs))?\b")
_REL_RE = re.compile(
    r"\bin\s+(?P<n>\d+|an?|half an?)\s+(?P<u>minute|min|hour|hr|day|week|month)s?\b",
    re.IGNORECASE)
_ISO_RE = re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b")
_ORD = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"


def _take(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str] | None, str]:
    m = pattern.search(text)
    if not m:
        return None, text
    return m, (text[: m.start()] + " " + text[m.end():]).strip()


def _clock_time(h: int, m: int, ap: str | None, *, padded: bool = False) -> time:
    """``padded``: the hour was written with a leading zero ("07:30"), a 24-hour time."""
    ap = (ap or "").lower().replace(".", "")
    if not 0 <= m <= 59:
        raise ValueError
    if ap.startswith("p") and h < 12:
        h += 12
    elif ap.startswith("a") and h == 12:
        h = 0
    elif not ap.startswith(("a", "p")) and 1 <= h <= 7 and not padded:
        h += 12
    if not 0 <= h <= 23:
        raise ValueError
    return time(h, m)


def _extract_time(text: str) -> tuple[time | None, str]:
    bad: str | None = None
    for pattern in (_TIME_RE, _HOURS_RE, _AT_RE, _HHMM_RE):
        m, rest = _take(pattern, text)
        if m:
            try:
                ap = m.groupdict().get("ap")
                hour = m.group("h")
                return _clock_time(int(hour), int(m.group("m") or 0), ap,
                                   padded=len(hour) == 2 and hour[0] == "0"), rest
            except ValueError:
                bad = bad or m.group(0).strip()
                continue
    if bad is not None:
        # "at 24" or "13pm": say so, rather than let the fallback guess a day of the month
        raise ValidationError(f"'{bad}' is not a time of day.",
                              hint="Try e.g. 'at 5pm', 'at 17:30' or 'noon'.")
    for word, t in sorted(_PARTS.items(), key=lambda kv: -len(kv[0])):
        m, rest = _take(re.compile(rf"\b(?:in the |this |at )?{word}\b"), text)
        if m:
            if word in ("tonight",):
                rest = (rest + " today").strip()
            return t, rest
    return None, text


def _add_months(day: date, months: int) -> date:
    y, mo = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, mo + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _extract_date(text: str, today: date) -> tuple[date | None, str]:
    t = text
    rules: list[tuple[str, object]] = [
        # "a week from today", "3 days from tomorrow": a day, counted from that day
        (r"\b(?P<n>\d+|an?) (?P<u>day|week)s? from (?P<base>today|now|tomorrow)\b",
         lambda m: today + timedelta(days=(m.group("base") == "tomorrow") + (
             1 if m.group("n") in ("a", "an") else int(m.group("n"))) * (
             7 if m.group("u") == "week" else 1))),
        (r"\bday after tomorrow\b", lambda m: today + timedelta(days=2)),
        (r"\b(?:tomorrow|tmrw|tmr)\b", lambda m: today + timedelta(days=1)),
        (r"\b(?:today|tonight)\b", lambda m: today),
        (r"\byesterday\b", lambda m: today - timedelta(days=1)),
        (r"\bnext week\b", lambda m: today + timedelta(days=7 - today.weekday())),
        (r"\bnext month\b", lambda m: _add_months(today.replace(day=1), 1)),
        (r"\bthis weekend\b|\bweekend\b",
         lambda m: today + timedelta(days=(5 - today.weekday()) % 7)),
        (r"\bend of (?:the )?month\b",
         lambda m: _add_months(today.replace(day=1), 1) - timedelta(days=1)),
        (r"\bend of (?:the )?week\b", lambda m: today + timedelta(days=(4 - today.weekday()) % 7)),
    ]
    for pattern, fn in rules:
        m, rest = _take(re.compile(pattern, re.IGNORECASE), t)
        if m:
            return fn(m), rest  # type: ignore[operator]
    m, rest = _take(_ISO_RE, t)
    if m:
        try:
            return date(int(m.group("y")), int(m.group("mo")), int(m.group("d"))), rest
        except ValueError as exc:
            raise ValidationError(f"{m.group(0)} is not a real date.") from exc
    m, rest = _take(re.compile(
        r"\b(?:on\s+)?(?:this\s+|next\s+|coming\s+)?(?P<w>[a-z]+day)\s+(?:the\s+)?(?P<d>\d{1,2})"
        r"(?:st|nd|rd|th)\b", re.IGNORECASE), t)
    if m and _weekday(m.group("w")) is not None:
        # "monday the 30th": the day of the month, which must fall on that weekday
        d = _next_day_of_month(int(m.group("d")), today)
        wd = _weekday(m.group("w"))
        assert wd is not None
        if d.weekday() != wd:
            said = today + timedelta(days=(wd - today.weekday()) % 7)
            choices = [f"{WEEKDAYS[d.weekday()].title()} the {ordinal(d.day)}",
                       f"{WEEKDAYS[wd].title()} the {ordinal(said.day)}"]
            raise DateMismatchError(f"The {ordinal(d.day)} is a {WEEKDAYS[d.weekday()].title()}, "
                                    f"not a {WEEKDAYS[wd].title()}.", choices)
        return d, rest
    m, rest = _take(re.compile(
        r"\b(?:on\s+)?(?P<q>next|this|coming)?\s*(?P<w>[a-z]+day|mon|tue|tues|wed|thu|thur|thurs"
        r"|fri|sat|sun)\b", re.IGNORECASE), t)
    if m and _weekday(m.group("w")) is not None:
        wd = _weekday(m.group("w"))
        assert wd is not None
        if (m.group("q") or "").lower() == "next":
            start_next_week = today + timedelta(days=7 - today.weekday())
            return start_next_week + timedelta(days=wd), rest
        return today + timedelta(days=(wd - today.weekday()) % 7), rest
    month_names = "|".join(MONTHS + list(_MONTH_ABBR))
    for pattern in (
        rf"\b(?:on\s+)?(?:the\s+)?{_ORD}\s+(?:of\s+)?(?P<mo>{month_names})\.?(?:\s+(?P<y>\d{{4}}))?\b",
        rf"\b(?:on\s+)?(?P<mo>{month_names})\.?\s+(?:the\s+)?{_ORD}(?:,?\s+(?P<y>\d{{4}}))?\b",
    ):
        m, rest = _take(re.compile(pattern, re.IGNORECASE), t)
        if m:
            month = _month(m.group("mo"))
            assert month is not None
            year = int(m.group("y")) if m.group("y") else today.year
            try:
                d = date(year, month, int(m.group("d")))
            except ValueError as exc:
                raise ValidationError(f"'{m.group(0).strip()}' is not a real date.") from exc
            if not m.group("y") and d < today:
                d = d.replace(year=year + 1)
            return d, rest
    m, rest = _take(re.compile(r"\b(?:on\s+)?the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b|"
                               r"\bon\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)\b|^(?P<d3>\d{1,2})(?:st|nd|rd|th)$",
                               re.IGNORECASE), t)
    if m:
        return _next_day_of_month(int(m.group("d") or m.group("d2") or m.group("d3")), today), rest
    return None, text


def _next_day_of_month(n: int, today: date) -> date:
    """"the 3rd": the next date, from today on, that is the ``n``th of its month."""
    if not 1 <= n <= 31:
        raise ValidationError(f"There is no {ordinal(n)} day of a month.")
    candidate = today.replace(day=1)
    while True:  # every month has days 1-29, and a 30th or 31st comes within a year
        try:
            if (d := candidate.replace(day=n)) >= today:
                return d
        except ValueError:
            pass
        candidate = _add_months(candidate, 1)


#: Day words as they are typed or said in dialect: "2moro", "the morra" (Scots), "tomoz".
_DAY_SPELLINGS = (
    (re.compile(r"\b(?:2moro+w?|2morrow|tomoz|tomorra|tomora|tmw|the morra)\b"),
     "tomorrow"),
    (re.compile(r"\b(?:2nite|2night|tonite)\b"), "tonight"),
    (re.compile(r"\b2day\b"), "today"),
    # "next week tuesday", "tuesday next week": the weekday of next week
    (re.compile(rf"\bnext week,? (?:on )?({'|'.join(WEEKDAYS)})\b"), r"next \1"),
    (re.compile(rf"\b({'|'.join(WEEKDAYS)}),? next week\b"), r"next \1"),
)


def plain_day_words(text: str) -> str:
    """``text`` (lower case) with the spellings of ``_DAY_SPELLINGS`` made plain."""
    for pattern, plain in _DAY_SPELLINGS:
        text = pattern.sub(plain, text)
    return text


def parse_when(text: str, clock: Clock) -> When:
    """Parse a spoken or typed due date; raise ValidationError with the text if it can't."""
    original = text
    text = words_to_digits(plain_day_words(text.strip().lower())).replace(",", " ")
    text = re.sub(r"\s+", " ", text)
    # "8 tonight", "for 7 tomorrow morning": a bare hour before a day or a part of one
    text = re.sub(r"^((?:for|by|until|till|to) )?(1[0-2]|[1-9])(:[0-5]\d)? (?=(?:tonight|today|"
                  r"tomorrow|this (?:morning|afternoon|evening)|in the (?:morning|afternoon|"
                  r"evening)|at night)\b)", r"\1at \2\3 ", text)
    if not text:
        raise ValidationError("No date was given.")
    now = clock.local_now()
    m, rest = _take(_REL_RE, text)
    if m:
        raw_n = m.group("n")
        n = 0.5 if raw_n.startswith("half") else 1 if raw_n in ("a", "an") else int(raw_n)
        unit = m.group("u").lower()
        if unit == "month":
            day = _add_months(now.date(), int(n))
            return When(clock.start_of_day(day), all_day=True)
        delta = timedelta(seconds=n * _UNIT_SECONDS[unit])
        if unit in ("day", "week"):
            # calendar units keep the local clock time across a DST change
            return When((now + delta).astimezone(UTC))
        # "in 2 hours" is elapsed time (aware arithmetic in one zone is wall-clock time)
        return When(now.astimezone(UTC) + delta)
    at, rest = _extract_time(text)
    if at is not None and 1 <= at.hour < 12 and re.search(r"\b(?:tonight|evening|night)\b", text) \
            and not re.search(r"\d\s*a\.?m\b|\b0\d:", text):
        at = time(at.hour + 12, at.minute)  # "tonight at 8" is 8 PM, whatever "at 8" alone means
    elif at is not None and 13 <= at.hour <= 19 and re.search(r"\bmorning\b", text) \
            and not re.search(r"\d\s*p\.?m\b|\b1\d:", text):
        at = time(at.hour - 12, at.minute)  # "tomorrow morning at 7": 7 AM, not the PM of "at 7"
    if at is not None:  # "tomorrow morning at 8": the part of the day only said when
        rest = re.sub(r"\b(?:in the |this )?(?:morning|afternoon|evening|night)\b", " ",
                      rest).strip()
    try:
        found, rest = _extract_date(rest, now.date())
    except DateMismatchError as exc:
        if at is None:
            raise
        # either day, at the time said
        raise DateMismatchError(exc.fact, [f"{c} at {_spoken_time(at)}"
                                           for c in exc.choices]) from None
    leftover = re.sub(r"\b(?:on|at|by|due|the|in|of|for|,)\b", " ", rest).strip()
    if (at or found) and not leftover:
        return _combine(found, at, now, clock)
    return _fallback(original, clock)


def reads_as_date(text: str, clock: Clock) -> bool:
    """Whether ``text`` is a date or time, one that does not add up ("friday the 30th", a
    Monday) included: that is still the date the person said, to be asked about."""
    try:
        parse_when(text, clock)
    except DateMismatchError:
        return True
    except NargisError:
        return False
    return True


def _combine(day: date | None, at: time | None, now: datetime, clock: Clock) -> When:
    if day is None:
        assert at is not None
        day = now.date()
        local = datetime.combine(day, at, tzinfo=clock.tz)
        if local <= now:
            local = datetime.combine(day + timedelta(days=1), at, tzinfo=clock.tz)
        return When(local.astimezone(UTC))
    if at is None:
        return When(clock.start_of_day(day), all_day=True)
    return When(datetime.combine(day, at, tzinfo=clock.tz).astimezone(UTC))


def _fallback(text: str, clock: Clock) -> When:
    import dateparser

    now = clock.local_now()
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY" if clock.day_first else "MDY",  # "2/12"
            "RELATIVE_BASE": now.replace(tzinfo=None),
            "RETURN_AS_TIMEZONE_AWARE": False,
            "REQUIRE_PARTS": [],
        },
    )
    if parsed is None:
        raise ValidationError(f"I couldn't understand the date '{text.strip()}'.",
                              hint="Try e.g. 'tomorrow 5pm', 'next friday', 'in 2 hours'.")
    local = parsed.replace(tzinfo=clock.tz)
    all_day = parsed.time() == time(0) and not re.search(r"\d:\d|am|pm|midnight", text, re.I)
    if all_day:
        return When(clock.start_of_day(local.date()), all_day=True)
    return When(local.astimezone(UTC))


def describe(when: When, clock: Clock) -> str:
    """Short spoken form: 'today at 5 PM', 'tomorrow', 'Friday Dec 4 at 9:30 AM'."""
    local = when.local(clock)
    today = clock.today()
    d = local.date()
    if d == today:
        day = "today"
    elif d == today + timedelta(days=1):
        day = "tomorrow"
    elif d == today - timedelta(days=1):
        day = "yesterday"
    elif 0 < (d - today).days < 7:
        day = WEEKDAYS[d.weekday()].capitalize()
    else:
        day = f"{WEEKDAYS[d.weekday()].capitalize()} {MONTHS[d.month - 1][:3].capitalize()} {d.day}"
        if d.year != today.year:
            day += f" {d.year}"
    if when.all_day:
        return day
    return f"{day} at {_spoken_time(local.time())}"


def _spoken_time(at: time) -> str:
    """'5 PM', '9:30 AM'."""
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{at.hour % 12 or 12}{minutes} {'AM' if at.hour < 12 else 'PM'}"
