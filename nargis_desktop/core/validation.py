"""Input rules shared by every service, with messages a person can act on."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from nargis_desktop.errors import ValidationError

MAX_TITLE = 500
MAX_NOTES = 20_000
MAX_BODY = 200_000
MAX_TAGS = 20
_TAG_RE = re.compile(r"^[\w-]{1,40}$")

E = TypeVar("E", bound=StrEnum)


def clean_title(value: str | None, what: str = "title", *, max_len: int = MAX_TITLE) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(f"The {what} can't be empty.")
    if len(text) > max_len:
        raise ValidationError(
            f"The {what} is {len(text):,} characters long; the limit is {max_len:,}.",
            hint="Put the details in the notes instead." if what == "title" else None)
    return text


def clean_text(value: str | None, what: str, *, max_len: int) -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise ValidationError(f"The {what} is {len(text):,} characters; the limit is {max_len:,}.")
    return text


def clean_tags(values: list[str] | tuple[str, ...] | None) -> list[str]:
    out: list[str] = []
    for raw in values or ():
        for part in re.split(r"[,\s]+", raw):
            tag = part.strip().lstrip("#").lower()
            if not tag:
                continue
            if not _TAG_RE.match(tag):
                raise ValidationError(
                    f"'{part}' is not a valid tag: use letters, digits, - and _ (up to 40).")
            if tag not in out:
                out.append(tag)
    if len(out) > MAX_TAGS:
        raise ValidationError(f"At most {MAX_TAGS} tags, please (got {len(out)}).")
    return out


def parse_enum(kind: type[E], value: str | E, what: str) -> E:
    if isinstance(value, kind):
        return value
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return kind(text)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise ValidationError(f"Unknown {what} '{value}'; choose one of: {choices}.") from None
