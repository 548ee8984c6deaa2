"""Search over encrypted entries: decrypt in memory, rank with BM25, write nothing anywhere.

Why not an in-memory FTS5 table: building one over 10,000 entries of 2 KB
takes about a second here (tokenizing 20 MB), while scanning the decrypted
text for just the query's terms takes a few tens of milliseconds; the
ranking is the same Okapi BM25 (k1 = 1.2, b = 0.75) FTS5 uses, with the
title weighted twice like ``bm25(t, 2.0, 1.0)``. ``bench/vault_bench.py``
measures both. Matching is case- and accent-insensitive, by word prefix
("run" finds "running"); "quoted words" match as a phrase.

Within one unlocked session (the desktop app, the assistant) decrypted entries are
kept in memory and only new or changed ones are decrypted again; locking drops them.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import unicodedata
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.errors import ValidationError
from nargis_desktop.vault.cipher import FieldKey
from nargis_desktop.vault.errors import DamagedEntryError
from nargis_desktop.vault.session import Session
from nargis_desktop.vault.tables import is_empty
from nargis_desktop.vault.vault import Vault

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 2.0
_WORD = re.compile(r"\w+")
_QUERY = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(slots=True)
class Doc:
    id: str
    title: str
    body: str
    created_at: str = ""
    mood: str | None = None
    tags: tuple[str, ...] = ()
    tags_json: str = ""  # parsed only for the hits shown
    folded_title: str = ""
    folded_body: str = ""


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    snippet: str
    score: float
    created_at: str
    mood: str | None
    tags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "snippet": self.snippet,
                "score": round(self.score, 4), "created_at": self.created_at,
                "mood": self.mood, "tags": list(self.tags)}


@dataclass
class SearchResult:
    hits: list[SearchHit]
    scanned: int
    damaged: list[DamagedEntryError] = field(default_factory=list)


def fold(text: str) -> str:
    """Casefold and strip accents (only non-ASCII text pays for the normalization)."""
    if text.isascii():
        return text.lower()  # the same as casefold() for ASCII, and faster
    text = text.casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


class Term:
    """A word or phrase, matched at the start of a word."""

    def __init__(self, probe: str, pattern: re.Pattern[str], phrase: bool) -> None:
        self.probe = probe  # a substring every match contains: a cheap filter first
        self.pattern = pattern
        self.phrase = phrase
        self.after_space = " " + probe
        self.after_newline = "\n" + probe

    def tf(self, text: str) -> int:
        """Occurrences in ``text``; 0 when there is no word-start match.

        For single words the count is of occurrences after whitespace (str.count
        runs in C); a regex per occurrence would cost seconds for a common word
        over 10,000 entries, and BM25 saturates term frequency anyway.
        """
        if self.probe not in text:
            return 0
        if self.phrase:
            return len(self.pattern.findall(text))
        if not _starts_a_word(text, self.probe):
            return 0
        return max(1, text.count(self.after_space) + text.count(self.after_newline)
                   + text.startswith(self.probe))


def _starts_a_word(text: str, word: str) -> bool:
    i = text.find(word)
    while i != -1:
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            return True
        i = text.find(word, i + 1)
    return False


def parse_query(query: str) -> list[Term]:
    terms: list[Term] = []
    for phrase, word in _QUERY.findall(query):
        words = _WORD.findall(fold(phrase or word))
        if not words:
            continue
        regex = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words)
        terms.append(Term(max(words, key=len) if len(words) > 1 else words[0],
                          re.compile(regex), len(words) > 1))
    if not terms:
        raise ValidationError("Give at least one word to search for.")
    return terms


def rank(docs: Iterable[Doc], query: str, *, limit: int = 20) -> list[SearchHit]:
    """BM25 over documents that contain every term (AND), best first, then newest first."""
    terms = parse_query(query)
    folded = [(d, d.folded_title or (fold(d.title) if d.title else ""),
               d.folded_body or fold(d.body)) for d in docs]
    if not folded:
        return []
    avg_len = sum(len(t) * TITLE_WEIGHT + len(b) for _, t, b in folded) / len(folded) or 1.0
    df = [0] * len(terms)
    matched: list[tuple[Doc, float, list[float]]] = []
    for doc, title, body in folded:
        tfs: list[float] = []
        for i, term in enumerate(terms):
            tf = TITLE_WEIGHT * term.tf(title) + term.tf(body) if title else term.tf(body)
            if tf:
                df[i] += 1
            tfs.append(tf)
        if all(tfs):
            matched.append((doc, len(title) * TITLE_WEIGHT + len(body), tfs))
    n = len(folded)
    idf = [math.log((n - d + 0.5) / (d + 0.5) + 1.0) for d in df]
    scored = []
    for doc, length, tfs in matched:
        norm = K1 * (1 - B + B * length / avg_len)
        scored.append((sum(i * tf * (K1 + 1) / (tf + norm)
                           for i, tf in zip(idf, tfs, strict=True)), doc))
    best = heapq.nlargest(limit, scored, key=lambda s: (s[0], s[1].created_at))  # ties: newest
    return [SearchHit(doc.id, doc.title, snippet(doc.body, terms), score, doc.created_at,
                      doc.mood, doc.tags or tuple(json.loads(doc.tags_json or "[]")))
            for score, doc in best]


def snippet(body: str, terms: list[Term], width: int = 160) -> str:
    """About ``width`` characters around the first match, the match in [brackets]."""
    folded = fold(body)
    found = None
    if len(folded) == len(body):  # positions line up (no accent folding changed lengths)
        found = min((m for t in terms if (m := t.pattern.search(folded))),
                    key=lambda m: m.start(), default=None)
    if found is None:
        text = " ".join(body.split())
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, found.start() - width // 3)
    end = min(len(body), start + width)
    piece = body[start:found.start()] + "[" + body[found.start():found.end()] + "]" + \
        body[found.end():end]
    return ("…" if start else "") + " ".join(piece.split()) + ("…" if end < len(body) else "")


#: Decrypted, folded entries of each unlocked session, so search-as-you-type and the
#: assistant's follow-up questions decrypt only what changed. Keyed weakly by the
#: session: locking (or idle auto-lock) drops the session and, with it, this copy.
_SESSION_DOCS: weakref.WeakKeyDictionary[Session, dict[str, tuple[str, Doc]]] = \
    weakref.WeakKeyDictionary()
#: what identifies one version of an entry: title and body are sealed together, and the
#: body's nonce (bytes 6-17 of the blob) is fresh on every write
_STAMP = "enc || '|' || updated_at || '|' || hex(substr(body, 6, 12))"
_COLUMNS = f"id, title, body, enc, created_at, mood, tags, {_STAMP} AS stamp"


def forget_search_cache(vault: Vault) -> None:
    session = vault.current_session()
    if session is not None:
        _SESSION_DOCS.pop(session, None)


def _fetch(vault: Vault, sql: str, params: list[str] | tuple[()] = ()) -> list[Any]:
    """Plain tuples: building 10,000 dicts costs as much as decrypting them."""
    return vault.store.conn.execute(sql, params).fetchall()


def journal_docs(vault: Vault) -> tuple[list[Doc], list[DamagedEntryError]]:
    """Every live entry decrypted in memory; damaged ones are reported, not fatal."""
    session = vault.current_session()
    cache = _SESSION_DOCS.get(session) if session is not None else None
    if cache:  # warm: read the blobs of new or changed entries only
        stamps = _fetch(vault, f"SELECT id, {_STAMP} FROM journal_entries "
                               "WHERE deleted_at IS NULL")
        order = [row_id for row_id, _ in stamps]
        stale = [row_id for row_id, stamp in stamps
                 if (hit := cache.get(row_id)) is None or hit[0] != stamp]
        rows = [r for i in range(0, len(stale), 500) for r in _fetch(
            vault, f"SELECT {_COLUMNS} FROM journal_entries WHERE id IN "
                   f"({','.join('?' * len(stale[i:i + 500]))})", stale[i:i + 500])]
    else:
        rows = _fetch(vault, f"SELECT {_COLUMNS} FROM journal_entries WHERE deleted_at IS NULL")
        order = None
    if any(r[3] for r in rows):
        session = vault.session()
    docs, damaged = _decrypt(rows, session.keys if session is not None else {})
    if session is None:
        return [doc for doc, _ in docs], damaged
    cache = _SESSION_DOCS.setdefault(session, {})
    for doc, stamp in docs:
        cache[doc.id] = (stamp, doc)
    if order is None:
        return [doc for doc, _ in docs], damaged
    bad = {d.row_id for d in damaged}
    return [cache[i][1] for i in order if i in cache and i not in bad], damaged


def _decrypt(rows: list[Any], keys: dict[int, FieldKey]
             ) -> tuple[list[tuple[Doc, str]], list[DamagedEntryError]]:
    docs: list[tuple[Doc, str]] = []
    damaged: list[DamagedEntryError] = []
    table = "journal_entries"
    for row_id, title, body, enc, created_at, mood, tags, stamp in rows:
        try:
            if not enc:
                texts = (_plain(title), _plain(body))
            elif (key := keys.get(enc)) is None:
                raise DamagedEntryError(table, row_id, "body", f"key version {enc} is unknown")
            else:
                texts = (key.open(table, row_id, "title", title) if title else "",
                         key.open(table, row_id, "body", body))
        except DamagedEntryError as exc:
            damaged.append(exc)
            continue
        docs.append((Doc(row_id, texts[0], texts[1], created_at, mood, tags_json=tags,
                         folded_title=fold(texts[0]) if texts[0] else "",
                         folded_body=fold(texts[1])), stamp))
    return docs, damaged


def _plain(value: Any) -> str:
    if is_empty(value):
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def search(vault: Vault, query: str, *, limit: int = 20) -> SearchResult:
    parse_query(query)  # a bad query fails before anything is decrypted
    docs, damaged = journal_docs(vault)
    return SearchResult(rank(docs, query, limit=limit), len(docs), damaged)
