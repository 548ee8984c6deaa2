"""Repeating tasks as RFC 5545 RRULEs (daily / weekly on days / monthly).

Stored as the RRULE text so sync and export carry a standard, readable form.
The next occurrence keeps the local wall-clock time across DST changes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from dateutil import rrule

from nargis_desktop.clock import Clock
from nargis_desktop.errors import ValidationError

_DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_DAY_WORDS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA",
              "sun": "SU"}
_FREQ_WORDS = {"daily": "DAILY", "day": "DAILY", "weekly": "WEEKLY", "week": "WEEKLY",
               "monthly": "MONTHLY", "month": "MONTHLY", "weekday": "WEEKDAYS",
               "weekdays": "WEEKDAYS"}


def parse_recurrence(text: str) -> str:
    """'daily', 'weekly on mon,wed', 'every 2 weeks', 'monthly', or an RRULE -> RRULE text."""
    raw = text.strip()
    if raw.upper().startswith(("FREQ=", "RRULE:")):
        rule = raw.upper().removeprefix("RRULE:")
        _validate(rule)
        return rule
    words = re.findall(r"[a-z0-9]+", raw.lower())
    words = [w for w in words if w not in ("every", "each", "on", "and", "repeat", "repeats")]
    interval = 1
    if words and words[0].isdigit():
        interval = int(words.pop(0))
    days = [_DAY_WORDS[w[:3]] for w in words if w[:3] in _DAY_WORDS and not w.startswith("month")]
    freq_words = [w.rstrip("s") if w not in ("weekdays",) else w for w in words]
    freq = next((_FREQ_WORDS[w] for w in freq_words if w in _FREQ_WORDS), None)
    if freq == "WEEKDAYS":
        freq, days = "WEEKLY", _DAY_CODES[:5]
    if freq is None and days:
        freq = "WEEKLY"
    if freq is None or interval < 1 or interval > 365:
        raise ValidationError(
            f"I don't know how to repeat '{text}'.",
            hint="Use daily, weekly (optionally 'on mon,wed'), monthly, or 'every 2 weeks'.")
    rule = f"FREQ={freq}"
    if interval != 1:
        rule += f";INTERVAL={interval}"
    if days and freq == "WEEKLY":
        rule += ";BYDAY=" + ",".join(sorted(set(days), key=_DAY_CODES.index))
    return rule


_MONTH_END_RE = re.compile(r";BYMONTHDAY=28(?:,\d\d)*;BYSETPOS=-1$")


def anchor_monthly(rule: str, day: int) -> str:
    """Pin a plain monthly rule that starts on the 29th-31st to "that day, or the month's
    last day": RFC 5545 would otherwise skip every month too short to have it."""
    base = _MONTH_END_RE.sub("", rule)
    parts = dict(p.split("=", 1) for p in base.split(";") if "=" in p)
    if parts.get("FREQ") != "MONTHLY" or set(parts) - {"FREQ", "INTERVAL"} or day < 29:
        return base
    return (base + ";BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1))
            + ";BYSETPOS=-1")


def _validate(rule: str) -> None:
    try:
        rrule.rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"'{rule}' is not a valid repeat rule ({exc}).") from exc


def next_occurrence(rule: str, due: datetime, clock: Clock, *,
                    all_day: bool = False) -> datetime | None:
    """The next due instant after ``due``, never in the past, so no backlog piles up;
    None when the rule has ended (COUNT or UNTIL).

    A daily task due yesterday at 9 and completed today at 8 comes back today at 9.
    """
    local = due.astimezone(clock.tz).replace(tzinfo=None)
    now = clock.local_now().replace(tzinfo=None)
    rr = rrule.rrulestr(rule, dtstart=local)
    if all_day:
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        nxt = rr.after(today, inc=True) if local < today else rr.after(local, inc=False)
    else:
        nxt = rr.after(max(local, now), inc=False)
    if nxt is None:
        return None
    result: datetime = nxt.replace(tzinfo=clock.tz).astimezone(UTC)
    return result


def describe_recurrence(rule: str) -> str:
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq = parts.get("FREQ", "").lower()
    interval = int(parts.get("INTERVAL", "1"))
    unit = {"daily": "day", "weekly": "week", "monthly": "month"}.get(freq, freq)
    text = f"every {interval} {unit}s" if interval > 1 else f"every {unit}"
    if "BYDAY" in parts:
        names = {c: n for n, c in _DAY_WORDS.items()}
        text += " on " + ", ".join(names.get(d, d).capitalize() for d in parts["BYDAY"].split(","))
    return text
