"""Journal vault benchmark (issue 3).

Targets: unlock <= 1 s (with the calibrated default Argon2id cost); encrypt + store
one 2 KB entry <= 5 ms; decrypt and search 10,000 entries of 2 KB <= 300 ms. Also
measured: listing 100,000 tasks with "encrypt tasks too" against plain tasks, a
passphrase change against re-encrypting every entry (what a design without a
wrapped data key must do), key rotation of 10,000 entries, and search against
decrypt + in-memory FTS5 (build + bm25) and decrypt + substring scan, all in
the same run, because ratios survive a noisy machine and absolute times don't.

"Cold" search is the first one after unlocking (and every CLI search): the session's
decrypted copy is dropped first, so each run reads, decrypts, folds and ranks all
10,000 entries. The database file itself is in the OS cache, as it is on a desktop
that just opened it. "Warm" is the next search in the same unlocked session.

Run: ``python bench/vault_bench.py [--json] [--search-only]`` or ``nargis bench --only
vault``. ``--search-only`` stops after the search section (a quick check while tuning).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, summary, timed

N_ENTRIES = 10_000
N_TASKS = 100_000
ENTRY_BYTES = 2048
PASSPHRASE = "correct horse battery staple"
NOW = "2026-11-25T09:30:00.000000Z"


def _words(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(6000)]
    return vocab


def _text(rng: random.Random, vocab: list[str], size: int) -> str:
    out: list[str] = []
    length = 0
    while length < size:
        w = vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] if rng.random() < 0.6 \
            else rng.choice(vocab)
        out.append(w)
        length += len(w) + 1
    return " ".join(out)[:size]


def _vault(home: Path, settings: Any = None) -> Any:
    from keyring.backends import fail

    from nargis_desktop.store import Store
    from nargis_desktop.vault.keychain import Keychain
    from nargis_desktop.vault.vault import Vault

    store = Store(home / "nargis.db")
    return Vault(store, settings, keychain=Keychain(fail.Keyring()), env={})


def _populate_journal(vault: Any, texts: list[str]) -> None:
    key = vault.session(for_write=True).current_key
    rows = []
    for i, text in enumerate(texts):
        rid = str(uuid.UUID(int=i + 1))
        rows.append((rid, "", key.seal("journal_entries", rid, "body", text), key.version,
                     f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00Z", NOW))
    with vault.store.write() as db:
        db.conn.executemany("INSERT INTO journal_entries (id, title, body, enc, tags, "
                            "created_at, updated_at) VALUES (?, ?, ?, ?, '[]', ?, ?)", rows)


def _fts5_search(texts: list[tuple[str, str, str]], query: str) -> list[Any]:
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, body)")
    con.executemany("INSERT INTO f VALUES (?, ?, ?)", texts)
    rows = con.execute("SELECT id, bm25(f, 2.0, 1.0) FROM f WHERE f MATCH ? "
                       "ORDER BY bm25(f, 2.0, 1.0) LIMIT 20", (query,)).fetchall()
    con.close()
    return rows


def _populate_tasks(store: Any, key: Any, rng: random.Random, vocab: list[str]) -> None:
    rows = []
    for _ in range(N_TASKS):
        rid = str(uuid.UUID(int=rng.getrandbits(128)))
        title = _text(rng, vocab, rng.randint(12, 60))
        notes = _text(rng, vocab, rng.randint(20, 200)) if rng.random() < 0.3 else ""
        if key is not None:
            title_v: Any = key.seal("tasks", rid, "title", title)
            notes_v: Any = key.seal("tasks", rid, "notes", notes) if notes else ""
        else:
            title_v, notes_v = title, notes
        rows.append((rid, title_v, notes_v, key.version if key else 0, "todo", "normal", None,
                     0, None, None, "[]", None, None, NOW, NOW, None))
    with store.write() as db:
        db.conn.executemany(f"INSERT INTO tasks VALUES ({','.join('?' * 16)})", rows)


def _load() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def run(as_json: bool = False, search_only: bool = False) -> dict[str, Any]:
    from nargis_desktop.app import App
    from nargis_desktop.paths import DataHome
    from nargis_desktop.settings import Settings
    from nargis_desktop.vault.cipher import new_data_key
    from nargis_desktop.vault.kdf import calibrate
    from nargis_desktop.vault.rotate import rotate
    from nargis_desktop.vault.search import (
        Doc,
        fold,
        forget_search_cache,
        journal_docs,
        rank,
        search,
    )

    os.environ.pop("NARGIS_VAULT_KDF", None)
    rng = random.Random(3)
    vocab = _words(rng)
    results: dict[str, Any] = {
        "benchmark": "vault", "machine": machine(),
        "load_average": _load(),
        "data": {"entries": N_ENTRIES, "entry_bytes": ENTRY_BYTES, "tasks": N_TASKS}}
    with tempfile.TemporaryDirectory(prefix="nargis-vault-bench-") as tmp:
        root = Path(tmp)

        # -- unlock with the calibrated default cost --------------------------------
        t = time.perf_counter()
        params = calibrate()
        calibration_ms = (time.perf_counter() - t) * 1000
        (root / "j").mkdir()
        vault = _vault(root / "j")
        vault.create(PASSPHRASE, params=params)
        unlocks = []
        for _ in range(3):
            fresh = _vault(root / "j")
            t = time.perf_counter()
            fresh.unlock(PASSPHRASE)
            unlocks.append((time.perf_counter() - t) * 1000)
            fresh.store.close()
        results["unlock"] = {**summary(unlocks), "target_ms": 1000, "kdf": params.describe(),
                             "calibration_ms": round(calibration_ms)}

        # -- search 10,000 entries of 2 KB -----------------------------------------
        texts = [_text(rng, vocab, ENTRY_BYTES) for _ in range(N_ENTRIES)]
        _populate_journal(vault, texts)
        common_word, rare_word = vocab[3], vocab[4000]
        def cold(word: str) -> Any:
            forget_search_cache(vault)   # as the first search after unlocking, or the CLI
            return search(vault, word)

        load_before = _load()
        for name, word in (("search_common_word", common_word), ("search_rare_word", rare_word)):
            cold(word)  # not timed: first use of the code paths
            ms = timed(lambda w=word: cold(w), 9)
            warm = timed(lambda w=word: search(vault, w), 9)
            hits = len(search(vault, word, limit=N_ENTRIES).hits)
            results[name] = {**summary(ms), "target_ms": 300, "matches": hits, "word": word,
                             "warm_session_p50_ms": summary(warm)["p50_ms"]}
        results["search_conditions"] = {
            "load_average_before": load_before, "load_average_after": _load(),
            "cold": "session cache dropped before each run; database file in the OS cache",
            "runs": 9}

        def decrypt_cold() -> Any:
            forget_search_cache(vault)
            return journal_docs(vault)

        decrypt_only = timed(decrypt_cold, 5)
        results["decrypt_10k_only"] = summary(decrypt_only)
        docs, _ = journal_docs(vault)
        triples = [(d.id, d.title, d.body) for d in docs]
        fts = timed(lambda: (decrypt_cold(), _fts5_search(triples, common_word)), 2)
        results["naive_decrypt_fts5_build_query"] = summary(fts)

        def substring_scan() -> list[str]:
            found, _ = decrypt_cold()
            needle = fold(common_word)
            return [d.id for d in found if needle in fold(d.body)]

        results["naive_decrypt_substring_scan_unranked"] = summary(timed(substring_scan, 3))
        results["rank_only_common_word"] = summary(timed(
            lambda: rank([Doc(i, t_, b) for i, t_, b in triples], common_word), 3))
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        aead, nonce = AESGCM(new_data_key()), os.urandom(12)  # throwaway key: timing only
        raw_blobs = [aead.encrypt(nonce, t_.encode(), None) for t_ in texts]
        results["reference_raw_aesgcm_decrypt_10k"] = summary(timed(
            lambda: [aead.decrypt(nonce, c, None) for c in raw_blobs], 3))
        if search_only:
            _finish(results, as_json)
            return results

        # -- encrypt + store one 2 KB entry through the service ------------------------
        settings = Settings()
        app = App(DataHome(root / "j"), settings=settings)
        app.__dict__["vault"] = vault
        app.journal.codec = vault.codec()
        body = texts[0]
        adds = timed(lambda: app.journal.add(body), 50)
        from nargis_desktop.core.codec import PlainCodec

        (root / "plain").mkdir()
        plain_app = App(DataHome(root / "plain"), settings=Settings())
        plain_app.journal.codec = PlainCodec()  # the insecure baseline, measurement only
        plain_adds = timed(lambda: plain_app.journal.add(body), 50)
        plain_app.close()
        results["add_entry_2kb"] = {**summary(adds), "target_ms": 5,
                                    "plaintext_baseline_p50_ms": summary(plain_adds)["p50_ms"]}

        # -- passphrase change vs re-encrypting everything ----------------------------
        change = timed(lambda: vault.change_passphrase(PASSPHRASE, PASSPHRASE, params=params), 1)
        results["passphrase_change"] = {
            **summary(change),
            "note": "two Argon2id derivations (check old, wrap new) + one row, any journal size"}

        # -- rotation (one transaction) ----------------------------------------------
        rotation = timed(lambda: rotate(vault, PASSPHRASE), 1)
        results["rotate_10k_entries"] = summary(rotation)
        # a design where the passphrase key encrypts the entries (jrnl) must, on a
        # passphrase change, do what a rotation does plus one more derivation
        results["passphrase_change"]["naive_reencrypt_everything_ms"] = round(
            rotation[0] + results["unlock"]["p50_ms"], 1)
        app.close()

        # -- 100,000 tasks: encrypted vs plain listing ----------------------------------
        listings = {}
        for mode in ("plain", "encrypted"):
            home = root / f"tasks-{mode}"
            home.mkdir()
            tv = _vault(home, settings=None)
            settings = Settings()
            settings.vault.encrypt_tasks = mode == "encrypted"
            if mode == "encrypted":
                tv.settings = settings.vault
                tv.create(PASSPHRASE, params=params)
            key = tv.session(for_write=True).current_key if mode == "encrypted" else None
            t = time.perf_counter()
            _populate_tasks(tv.store, key, random.Random(5), vocab)
            populate_s = time.perf_counter() - t
            tapp = App(DataHome(home), settings=settings)
            tapp.__dict__["vault"] = tv
            if mode == "encrypted":
                tapp.tasks.codec = tv.codec(encrypt=True)
            ms = timed(lambda a=tapp: a.tasks.list("all"), 3)
            fuzzy = timed(lambda a=tapp: a.tasks.list("all", text=vocab[7]), 3)
            listings[mode] = {**summary(ms), "text_filter_p50_ms": summary(fuzzy)["p50_ms"],
                              "populate_s": round(populate_s, 1)}
            tapp.close()
        results["list_100k_tasks"] = {
            **listings["encrypted"],
            "plain_p50_ms": listings["plain"]["p50_ms"],
            "plain_text_filter_p50_ms": listings["plain"]["text_filter_p50_ms"],
            "overhead_x": round(listings["encrypted"]["p50_ms"] / listings["plain"]["p50_ms"], 2)}
    _finish(results, as_json)
    return results


def _finish(results: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)


def _line(name: str, data: dict[str, Any], extra: str = "") -> str:
    line = f"  {name:<34} p50 {data['p50_ms']:>9.1f} ms"
    if "target_ms" in data:
        ok = "ok" if data["p50_ms"] <= data["target_ms"] else "OVER"
        line += f"  (target {data['target_ms']} ms: {ok})"
    return line + (f"  | {extra}" if extra else "")


def _print(r: dict[str, Any]) -> None:
    m = r["machine"]
    print(f"Vault benchmark — {m['cpu']} ({m['cores']} cores), Python {m['python']}, "
          f"{m['system']}; load average {r['load_average']}")
    d = r["data"]
    print(f"Data: {d['entries']:,} journal entries of {d['entry_bytes']} bytes; "
          f"{d['tasks']:,} tasks")
    u = r["unlock"]
    print(_line("unlock (Argon2id + unwrap)", u,
                f"{u['kdf']}, calibrated in {u['calibration_ms']} ms"))
    if "add_entry_2kb" in r:
        a = r["add_entry_2kb"]
        print(_line("encrypt + store one 2 KB entry", a,
                    f"plaintext baseline {a['plaintext_baseline_p50_ms']} ms"))
    fts = r["naive_decrypt_fts5_build_query"]["p50_ms"]
    scan = r["naive_decrypt_substring_scan_unranked"]["p50_ms"]
    c = r["search_conditions"]
    print(f"  search runs: {c['runs']} cold each ({c['cold']}); load average "
          f"{c['load_average_before']} before, {c['load_average_after']} after")
    for key, label in (("search_common_word", "cold decrypt+search 10k, common"),
                       ("search_rare_word", "cold decrypt+search 10k, rare")):
        s = r[key]
        print(_line(label, s, f"'{s['word']}' in {s['matches']:,} entries; min {s['min_ms']} "
                    f"p90 {s['p90_ms']} ms; warm (same session) {s['warm_session_p50_ms']} ms"))
    common = r["search_common_word"]["p50_ms"]
    print(f"    naive, same run: decrypt + in-memory FTS5 build + bm25 {fts:,.0f} ms "
          f"(x{fts / common:.1f} the common-word search); decrypt + substring scan, unranked "
          f"{scan:,.0f} ms")
    print(f"    of which reading + decrypting 10k entries: {r['decrypt_10k_only']['p50_ms']} ms; "
          f"ranking alone (common word): {r['rank_only_common_word']['p50_ms']} ms; machine "
          f"reference, bare AES-GCM over the same 20 MB: "
          f"{r['reference_raw_aesgcm_decrypt_10k']['p50_ms']} ms")
    if "passphrase_change" not in r:
        return
    p = r["passphrase_change"]
    print(_line("passphrase change (re-wrap)", p,
                f"naive re-encrypt + rewrite of 10k entries "
                f"~{p['naive_reencrypt_everything_ms']:,.0f} ms, growing with the journal"))
    print(_line("key rotation, 10k entries, 1 txn", r["rotate_10k_entries"]))
    t = r["list_100k_tasks"]
    print(_line("list 100k encrypted tasks", t,
                f"plain {t['plain_p50_ms']} ms, x{t['overhead_x']}; text filter "
                f"{t['text_filter_p50_ms']} ms vs plain {t['plain_text_filter_p50_ms']} ms"))


if __name__ == "__main__":
    run(as_json="--json" in sys.argv, search_only="--search-only" in sys.argv)
