"""Search over encrypted entries: decrypt in memory, rank with BM25, write nothing anywhere.

Why not an in-memory FTS5 table: building one over 10,000 entries of 2 KB takes
0.5-1 s here (tokenizing 20 MB), more than the whole decrypt-and-rank pass, while
scanning the decrypted text for just the query's terms is a C substring search; the
ranking is the same Okapi BM25 (k1 = 1.2, b = 0.75) FTS5 uses, with the
title weighted twice like ``bm25(t, 2.0, 1.0)``. ``bench/vault_bench.py``
measures both. Matching is case- and accent-insensitive, by word prefix
("run" finds "running"); "quoted words" match as a phrase.

A cold search (the CLI, the first one after unlocking) reads, decrypts and folds
every entry, and AES-GCM over 20 MB takes under 20 ms, so the per-entry Python work
decides its time. Hence: one query, its plain tuples read row by row (each blob is
let go once opened), a prepared opener per key version and column, the change stamp
sliced from the blob in hand, the garbage collector paused while thousands of
acyclic objects are made, and ranking done term by term in comprehensions over the
entries a C substring test picked out.

Within one unlocked session (the desktop app, the assistant) decrypted entries are
kept in memory and only new or changed ones are decrypted again; locking drops them.
When SQLite reports no write at all since the last search, not even the change
stamps are read.
"""

from __future__ import annotations

import gc
import heapq
import json
import math
import re
import sqlite3
import threading
import unicodedata
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from nargis_desktop.errors import ValidationError
from nargis_desktop.vault.cipher import FieldKey, Opener
from nargis_desktop.vault.errors import DamagedEntryError
from nargis_desktop.vault.session import Session
from nargis_desktop.vault.tables import is_empty
from nargis_desktop.vault.vault import Vault

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 2.0
TABLE = "journal_entries"
_WORD = re.compile(r"\w+")
_QUERY = re.compile(r'"([^"]*)"|(\S+)')
#: one version of an entry: title and body are sealed together, and the body's nonce
#: (bytes 5-16 of the blob) is fresh on every write
Stamp = tuple[int, str, Any]
_STAMP = "enc, updated_at, substr(body, 6, 12)"
_COLUMNS = "id, title, body, enc, created_at, mood, tags, updated_at"
_SLICEABLE = (bytes, str)
_ANY_SEALED = f"SELECT EXISTS (SELECT 1 FROM {TABLE} WHERE enc > 0 AND deleted_at IS NULL)"


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


@dataclass(slots=True, eq=False)
class _Cache:
    """The decrypted journal of one unlocked session (memory only)."""

    entries: dict[str, tuple[Stamp, Doc]] = field(default_factory=dict)
    #: the database's :func:`_watermark` when ``docs`` and ``damaged`` were current
    seen: tuple[sqlite3.Connection, int, int, int] | None = None
    docs: list[Doc] = field(default_factory=list)
    damaged: list[DamagedEntryError] = field(default_factory=list)
    encrypted: bool = False

    def __len__(self) -> int:
        return len(self.entries)


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
        """Occurrences in ``text``; 0 when there is no word-start match."""
        return self._count(text) if self.probe in text else 0

    def _count(self, text: str) -> int:
        """:meth:`tf` for a text known to contain the probe.

        For single words the count is of occurrences after a space or newline (str.count
        runs in C); a regex per occurrence would cost seconds for a common word over
        10,000 entries, and BM25 saturates term frequency anyway. Only when none is
        found does a Python loop look for a start of word after other punctuation.
        """
        if self.phrase:
            return len(self.pattern.findall(text))
        n = text.count(self.after_space) + text.startswith(self.probe)
        if "\n" in text:
            n += text.count(self.after_newline)
        if n:
            return n
        return 1 if _starts_a_word(text, self.probe) else 0

    def frequencies(self, titles: list[str], bodies: list[str]) -> dict[int, float]:
        """Weighted term frequency by document index, for the documents that match.

        Column-wise, in comprehensions rather than a call per document: one C ``in``
        test per document picks those that contain the probe (a rare word costs a
        scan, not Python work, per document), then one ``count`` each.
        """
        probe = self.probe
        found: dict[int, float] = self._column([i for i, text in enumerate(bodies)
                                                if probe in text], bodies)
        in_titles = self._column([i for i, text in enumerate(titles) if text and probe in text],
                                 titles)
        for i, n in in_titles.items():
            found[i] = found.get(i, 0) + TITLE_WEIGHT * n
        return found

    def _column(self, candidates: list[int], texts: list[str]) -> dict[int, float]:
        """:meth:`_count` of ``texts[i]`` for each candidate, without a call per text."""
        if self.phrase:
            return {i: n for i in candidates if (n := len(self.pattern.findall(texts[i])))}
        probe, after_space = self.probe, self.after_space
        picked = [texts[i] for i in candidates]
        counts = [text.count(after_space) + text.startswith(probe) for text in picked]
        for j in [j for j, text in enumerate(picked) if "\n" in text]:  # few have newlines
            counts[j] += picked[j].count(self.after_newline)
        for j in [j for j, n in enumerate(counts) if not n]:  # after punctuation, or inside
            counts[j] = 1 if _starts_a_word(picked[j], probe) else 0
        return {i: n for i, n in zip(candidates, counts, strict=True) if n}


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
    docs = docs if isinstance(docs, list) else list(docs)
    if not docs:
        return []
    titles = [d.folded_title or (fold(d.title) if d.title else "") for d in docs]
    bodies = [d.folded_body or fold(d.body) for d in docs]
    n = len(docs)
    avg_len = (sum(map(len, titles)) * TITLE_WEIGHT + sum(map(len, bodies))) / n or 1.0
    found = [term.frequencies(titles, bodies) for term in terms]  # every term: df counts all
    idf = [math.log((n - len(f) + 0.5) / (len(f) + 0.5) + 1.0) for f in found]
    # document order, so exact ties keep it
    matched = sorted(set(found[0]).intersection(*found[1:])) if len(found) > 1 \
        else sorted(found[0])
    norms = [K1 * (1 - B + B * (len(titles[i]) * TITLE_WEIGHT + len(bodies[i])) / avg_len)
             for i in matched]
    scores = [0.0] * len(matched)
    for weight, f in zip(idf, found, strict=True):  # term by term, each a comprehension
        scores = [score + weight * (tf := f[i]) * (K1 + 1) / (tf + norm)
                  for score, i, norm in zip(scores, matched, norms, strict=True)]
    scored = [(score, docs[i]) for score, i in zip(scores, matched, strict=True)]
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
_SESSION_DOCS: weakref.WeakKeyDictionary[Session, _Cache] = weakref.WeakKeyDictionary()
#: one search at a time fills a copy: a second one (the GUI and the assistant at once)
#: waits, then finds the copy current, instead of both decrypting everything
_FILLING = threading.RLock()


def forget_search_cache(vault: Vault) -> None:
    session = vault.current_session()
    if session is not None:
        _SESSION_DOCS.pop(session, None)


def _watermark(conn: sqlite3.Connection) -> tuple[sqlite3.Connection, int, int, int]:
    """What changes whenever the database may have: a commit by another connection
    (``data_version``), a row changed through this one (``total_changes``), a schema
    change (``schema_version``). Three cheap reads instead of a scan of every row."""
    data_version, schema_version = conn.execute(
        "SELECT data_version, schema_version FROM pragma_data_version, "
        "pragma_schema_version").fetchone()
    return conn, int(data_version), conn.total_changes, int(schema_version)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the entries are built.

    Each entry leaves a few container objects behind, so decrypting 10,000 of them
    sets off dozens of collections, and in a small process (the CLI, the benchmark)
    full ones that walk everything again; none of these objects is in a cycle. The
    benchmark measured 10-25 ms per cold search. If something else paused it, leave it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def journal_docs(vault: Vault) -> tuple[list[Doc], list[DamagedEntryError]]:
    """Every live entry decrypted in memory; damaged ones are reported, not fatal."""
    with _FILLING, _collector_paused():
        return _journal_docs(vault)


def _journal_docs(vault: Vault) -> tuple[list[Doc], list[DamagedEntryError]]:
    conn = vault.store.conn
    session = vault.current_session()
    cache = _SESSION_DOCS.get(session) if session is not None else None
    if cache is not None and cache.seen is not None and cache.seen == _watermark(conn):
        if cache.encrypted:
            vault.session()          # counts as activity for the idle auto-lock, like a read
        return list(cache.docs), list(cache.damaged)
    seen = _watermark(conn)          # before reading: a commit after this is seen next time
    rows: Iterable[tuple[Any, ...]]
    cursor: sqlite3.Cursor | None = None
    if cache:                        # warm: read the blobs of new or changed entries only
        stamps = conn.execute(f"SELECT id, {_STAMP} FROM {TABLE} "
                              "WHERE deleted_at IS NULL").fetchall()
        order: list[str] | None = [row_id for row_id, *_ in stamps]
        entries = cache.entries
        stale = [row_id for row_id, enc, updated_at, nonce in stamps
                 if (hit := entries.get(row_id)) is None or hit[0] != (enc, updated_at, nonce)]
        rows = [r for i in range(0, len(stale), 500) for r in conn.execute(
            f"SELECT {_COLUMNS} FROM {TABLE} WHERE id IN "
            f"({','.join('?' * len(stale[i:i + 500]))})", stale[i:i + 500])]
        encrypted = any(r[3] for r in rows)
    else:                            # cold: every live entry, one query, plain tuples
        encrypted = bool(conn.execute(_ANY_SEALED).fetchone()[0])
        order = None
    if encrypted:                    # before reading: unlocking may seal old plaintext rows
        session = vault.session()
    if order is None:                # each blob is let go as soon as it is opened
        rows = cursor = conn.execute(f"SELECT {_COLUMNS} FROM {TABLE} "
                                     "WHERE deleted_at IS NULL")
    try:
        docs, stamps_of, damaged, later = _decrypt(
            rows, session.keys if session is not None else {})
    finally:
        if cursor is not None:
            cursor.close()
    if later:                        # sealed by another process while this one read
        session = vault.session()
        encrypted = True
        more = _decrypt(later, session.keys)
        docs, stamps_of, damaged = docs + more[0], stamps_of + more[1], damaged + more[2]
    if session is None:
        return docs, damaged
    if order is not None and _SESSION_DOCS.get(session) is not cache:
        return _journal_docs(vault)  # re-unlocked meanwhile: the new session starts cold
    cache = _SESSION_DOCS.get(session)
    if cache is None:
        cache = _SESSION_DOCS[session] = _Cache()
    entries = cache.entries
    if order is None:
        entries.clear()
    entries.update(zip([d.id for d in docs], zip(stamps_of, docs, strict=True),
                       strict=True))
    if order is not None:
        bad = {d.row_id for d in damaged}
        docs = [entries[i][1] for i in order if i in entries and i not in bad]
        for gone in entries.keys() - set(order):  # deleted, or the row was purged
            del entries[gone]
    cache.seen, cache.docs, cache.damaged = seen, docs, damaged
    cache.encrypted = encrypted or cache.encrypted
    return list(docs), list(damaged)


def _decrypt(rows: Iterable[tuple[Any, ...]], keys: dict[int, FieldKey]
             ) -> tuple[list[Doc], list[Stamp], list[DamagedEntryError], list[tuple[Any, ...]]]:
    """Open and fold each row: the one loop that runs once per entry, so it stays lean.

    One :meth:`~FieldKey.opener` per key version and column; the change stamp is
    sliced from the blob already in hand (the body's nonce is fresh on every write).
    Without any key (nothing was sealed when the read began), sealed rows come back
    last, to be opened once the vault is unlocked.
    """
    docs: list[Doc] = []
    stamps: list[Stamp] = []
    damaged: list[DamagedEntryError] = []
    later: list[tuple[Any, ...]] = []
    openers: dict[int, tuple[Opener, Opener]] = {}
    for row in rows:
        row_id, title, body, enc, created_at, mood, tags, updated_at = row
        try:
            if not enc:
                title_text, body_text = _plain(title), _plain(body)
            else:
                pair = openers.get(enc)
                if pair is None:
                    key = keys.get(enc)
                    if key is None:
                        if not keys:
                            later.append(row)
                            continue
                        raise DamagedEntryError(TABLE, row_id, "body",
                                                f"key version {enc} is unknown")
                    pair = openers[enc] = (key.opener(TABLE, "title"), key.opener(TABLE, "body"))
                title_text = pair[0](row_id, title) if title else ""
                body_text = pair[1](row_id, body)
        except DamagedEntryError as exc:
            damaged.append(exc)
            continue
        docs.append(Doc(row_id, title_text, body_text, created_at, mood, (), tags,
                        fold(title_text) if title_text else "",
                        body_text.lower() if body_text.isascii() else fold(body_text)))
        stamps.append((enc, updated_at, body[5:17] if isinstance(body, _SLICEABLE) else body))
    return docs, stamps, damaged, later


def _plain(value: Any) -> str:
    if is_empty(value):
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def search(vault: Vault, query: str, *, limit: int = 20) -> SearchResult:
    parse_query(query)  # a bad query fails before anything is decrypted
    with _collector_paused():  # ranking builds a tuple per match, too
        docs, damaged = journal_docs(vault)
        return SearchResult(rank(docs, query, limit=limit), len(docs), damaged)
