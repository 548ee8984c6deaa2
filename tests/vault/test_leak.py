"""Proof that no journal text sits readable on disk.

Real ``nargis`` processes write entries containing a unique marker (typed, piped,
edited, an entry from before the vault existed, a task with "encrypt tasks
too"), list, show, search and rotate them, export JSON and CSV; then the WAL is
checkpointed and every byte of every file under the data home and the temp
folder those processes used is scanned for the marker in plain, UTF-16 and
base64 forms, and for the data key itself. Zero hits.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.store import Store
from nargis_desktop.vault.cipher import unwrap_key
from nargis_desktop.vault.header import META_KEY, VaultHeader
from nargis_desktop.vault.kdf import derive_kek

from .conftest import PASSPHRASE, env_for
from .helpers import add_plain_entry


def forms(secret: bytes) -> dict[str, bytes]:
    """Every encoding a careless layer might write ``secret`` in."""
    out = {"plain": secret, "hex": secret.hex().encode(),
           "utf-16-le": secret.decode("latin-1").encode("utf-16-le"),
           "utf-16-be": secret.decode("latin-1").encode("utf-16-be")}
    for name, enc in (("base64", base64.b64encode), ("base64url", base64.urlsafe_b64encode)):
        for shift in range(3):   # inside a longer string the marker can start at any offset
            full = enc(b"\0" * shift + secret)
            out[f"{name}+{shift}"] = full[4 if shift else 0: len(full) - 4]
    return out


def scan(roots: list[Path], needles: dict[str, bytes]) -> list[str]:
    hits = []
    files = [p for root in roots for p in root.rglob("*") if p.is_file()]
    assert files, "nothing was scanned"
    for path in files:
        data = path.read_bytes()
        hits += [f"{path} contains the {name} form" for name, needle in needles.items()
                 if needle in data]
    return hits


def test_nothing_readable_on_disk(tmp_path: Path) -> None:
    marker = f"NRGS{uuid.uuid4().hex[:14]}MARK"
    home, tmp = tmp_path / "leak-home", tmp_path / "leak-tmp"
    home.mkdir()
    tmp.mkdir()
    (home / "settings.toml").write_text("[vault]\nencrypt_tasks = true\n", encoding="utf-8")
    legacy = Store(home / "nargis.db")     # journal text from before the vault existed
    add_plain_entry(legacy, f"old diary page {marker}", title=f"old {marker}")
    legacy.close()
    env = env_for(home, tmp, NARGIS_PASSPHRASE=PASSPHRASE)

    def nargis(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run([sys.executable, "-m", "nargis_desktop", *args], env=env,
                              input=stdin, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    nargis("journal", "init")
    added = json.loads(nargis("journal", "add", f"today {marker} happened", "--title",
                              f"title {marker}", "--json"))
    nargis("journal", "add", "-", stdin=(f"a long piped entry {marker} " * 150))  # overflow pages
    nargis("journal", "edit", added["id"], "--text", f"edited {marker} again")
    nargis("tasks", "add", f"task {marker}", "--notes", f"notes {marker}")
    assert marker in nargis("journal", "list")
    assert marker in nargis("journal", "show", added["id"])
    assert marker in nargis("journal", "search", marker)
    assert marker in nargis("tasks", "list", "--all")
    nargis("journal", "rotate")
    nargis("export", "--format", "json")
    nargis("export", "--format", "csv")
    assert list((home / "exports").iterdir())

    store = Store(home / "nargis.db")
    try:
        store.checkpoint()
        header = VaultHeader.parse(store.meta_get(META_KEY) or "", "test")
        assert store.scalar("SELECT COUNT(*) FROM journal_entries WHERE enc = 0") == 0
    finally:
        store.close()
    kek = derive_kek(PASSPHRASE, header.salt, header.kdf)
    key = unwrap_key(kek, header.key(header.current).wrapped,  # type: ignore[union-attr]
                     header.vault_id, header.current)
    assert key is not None
    needles = {f"marker {k}": v for k, v in forms(marker.encode()).items()}
    needles |= {f"data key {k}": v for k, v in forms(key).items()}
    needles["passphrase"] = PASSPHRASE.encode()
    assert scan([home, tmp], needles) == []


def test_the_assistant_keeps_nothing_readable_with_encrypt_tasks(tmp_path: Path) -> None:
    """What was said to the assistant, its pending questions, undo log and summary.

    Real ``nargis ask`` processes (each one resumes the conversation from the database):
    add a task and a habit named with the marker, ask to delete the task ("are you
    sure?" is stored), say yes, undo, make it ask "which one?" (a stored list of task
    names), and talk until the conversation is folded into its extractive summary.
    Every place is first shown to hold the marker once decrypted, so the scan that
    follows (WAL checkpointed) would see it if any of them were written in clear.
    """
    from nargis_desktop.app import App
    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.brain.state import PendingStore
    from nargis_desktop.paths import DataHome
    from nargis_desktop.settings import load_settings

    marker = "qxv" + "".join(chr(ord("a") + b % 26) for b in uuid.uuid4().bytes[:10]) + "zmk"
    home, tmp = tmp_path / "ask-home", tmp_path / "ask-tmp"
    home.mkdir()
    tmp.mkdir()
    (home / "settings.toml").write_text("[vault]\nencrypt_tasks = true\n", encoding="utf-8")
    env = env_for(home, tmp, NARGIS_PASSPHRASE=PASSPHRASE)

    def ask(text: str) -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-m", "nargis_desktop", "ask", "--no-llm",
                               "--json", text], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        turn: dict[str, Any] = json.loads(done.stdout)
        return turn

    done = subprocess.run([sys.executable, "-m", "nargis_desktop", "journal", "init"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert ask(f"add a task to call {marker} tomorrow")["actions"][0]["ok"]
    assert ask(f"delete the task call {marker}")["awaiting"] == "confirm"
    assert ask("yes")["actions"][0]["ok"]
    assert ask("undo that")["reply"].startswith("Undone.")
    assert ask(f"create a habit {marker} stretch 2 times a day")["actions"][0]["ok"]
    assert ask(f"add a task to buy {marker} bread")["actions"][0]["ok"]
    assert ask(f"log {marker} stretch")["actions"][0]["ok"]
    assert ask(f"delete {marker}")["awaiting"] == "choice"     # "which one?" stays pending

    settings = load_settings(home / "settings.toml")
    settings.vault.auto_lock_minutes = 0
    app = App(DataHome(home), settings=settings)
    try:
        app.vault.unlock(PASSPHRASE)
        assistant = build_assistant(app, with_llm=False)
        memory = assistant.memory
        assert memory is not None and memory.resume_latest() is not None
        assert memory.unfolded() <= 4 < app.store.scalar("SELECT summary_count "
                                                         "FROM conversations")
        assert marker in memory.summary()                     # folded, extractively
        assert memory.title() == f"add a task to call {marker} tomorrow"
        assert any(marker in m.content for m in memory.history(4))
        pending = PendingStore(app.store, lambda: app.tasks.codec).load(
            memory.conversation_id or "")
        assert pending is not None and marker in json.dumps(pending.data)
        latest = assistant.undo_log.latest()
        assert latest is not None and marker in latest.message
        for table in ("conversations", "messages", "assistant_pending", "assistant_actions"):
            assert app.store.scalar(f"SELECT COUNT(*) FROM {table} WHERE enc = 0") == 0, table
        app.store.checkpoint()
    finally:
        app.close()
    needles = {f"marker {k}": v for k, v in forms(marker.encode()).items()}
    assert scan([home, tmp], needles) == []


def test_vault_creation_wipes_text_written_before_it(tmp_path: Path, make_vault) -> None:
    """Old plaintext rows (short ones and multi-page ones) leave no copy in free pages."""
    marker = f"OLD{uuid.uuid4().hex[:12]}TXT"
    store = Store(tmp_path / "nargis.db")
    for i in range(6):
        add_plain_entry(store, f"legacy page {i} {marker} " * (1 + 60 * (i % 2)),
                        title=f"title {marker}")
    store.close()
    store = Store(tmp_path / "nargis.db")
    try:
        make_vault(store).create(PASSPHRASE)
        store.checkpoint()
    finally:
        store.close()
    assert scan([tmp_path], dict(forms(marker.encode()).items())) == []


def test_editor_gets_a_file_in_ram_that_is_wiped(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from nargis_desktop.cli.journal_unlock import edit_privately

    log = tmp_path / "editor.log"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(log)!r}).write_text(str(p))\n"
        "(p.parent / '.swap').write_text('editor swap SECRETWORDS')\n"
        "p.write_text(p.read_text() + ' SECRETWORDS added')\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    assert edit_privately("draft") == "draft SECRETWORDS added"
    used = Path(log.read_text())
    if Path("/dev/shm").is_dir():
        assert str(used).startswith("/dev/shm/")
    assert not used.parent.exists()                         # the folder and swap file are gone
    assert list((tmp_path / "tmp").iterdir()) == []          # nothing in the disk temp folder
