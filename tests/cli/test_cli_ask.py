"""``nargis ask`` keeps its conversation between runs: confirm, undo, expiry, conflicts.

Every call is a separate process on the same data home, as in a user's script.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nargis_desktop.brain.assistant import FOLD_AT

Runner = Callable[..., Any]


def _ask(nargis: Runner, text: str) -> dict[str, Any]:
    result = nargis("ask", "--no-llm", "--json", text)
    assert "Traceback" not in result.err
    data: dict[str, Any] = result.json()
    return data


def _titles(nargis: Runner) -> set[str]:
    return {t["title"] for t in nargis("tasks", "list", "--json").json()}


def test_delete_then_yes_then_undo_in_three_processes(nargis: Runner) -> None:
    assert nargis("tasks", "add", "buy milk").code == 0
    asked = _ask(nargis, "delete the task buy milk")
    assert asked["awaiting"] == "confirm" and not asked["actions"]
    assert "buy milk" in _titles(nargis)
    yes = _ask(nargis, "yes")
    assert yes["intent"] == "task.delete" and yes["actions"][0]["ok"]
    assert "buy milk" not in _titles(nargis)
    undo = _ask(nargis, "undo that")
    assert undo["actions"][0]["ok"] and undo["reply"].startswith("Undone.")
    assert "buy milk" in _titles(nargis)
    assert _ask(nargis, "undo that")["reply"] == "There's nothing to undo."
    assert _ask(nargis, "yes")["reply"] == "There's nothing to confirm right now."
    assert "buy milk" in _titles(nargis)


def test_a_late_yes_does_nothing_and_says_so(nargis: Runner, cli_home: Path) -> None:
    nargis("tasks", "add", "buy milk")
    _ask(nargis, "delete buy milk")
    # the question was asked "three minutes ago": it has expired
    con = sqlite3.connect(cli_home / "nargis.db")
    with con:
        assert con.execute("UPDATE assistant_pending SET expires_at = "
                           "'2000-01-01T00:00:00.000000Z'").rowcount == 1
    con.close()
    late = _ask(nargis, "yes")
    assert not late["actions"] and "didn't delete 'buy milk'" in late["reply"]
    assert "buy milk" in _titles(nargis)


def test_undo_after_the_task_was_deleted_elsewhere(nargis: Runner) -> None:
    added = _ask(nargis, "add a task to buy eggs")["actions"][0]
    task_id = added["result"]["task"]["id"]
    assert nargis("tasks", "rm", task_id[:8]).code == 0
    turn = _ask(nargis, "undo that")
    assert not turn["actions"][0]["ok"]
    assert turn["reply"] == "I couldn't undo that: 'buy eggs' was already deleted."
    assert _ask(nargis, "undo that")["reply"] == "There's nothing to undo."


def test_plain_output_shows_the_reply(nargis: Runner) -> None:
    nargis("tasks", "add", "buy milk")
    out = nargis("ask", "--no-llm", "delete buy milk")
    assert out.code == 0 and out.out.strip() == "Delete 'buy milk'? Say yes to confirm."
    out = nargis("ask", "--no-llm", "yes")
    assert out.code == 0 and "[delete_task: ok]" in out.err


def test_journal_text_said_to_the_assistant_never_sits_in_plain(nargis: Runner,
                                                                cli_home: Path) -> None:
    """Folded into the summary and logged for undo, a voice journal entry stays sealed."""
    env = {"NARGIS_PASSPHRASE": "correct horse battery staple"}
    assert nargis("journal", "init", **env).code == 0
    marker = "QZX" + "marker" + "9531"
    assert nargis("ask", "--no-llm", "--json", f"journal: today {marker} happened",
                  **env).json()["actions"][0]["ok"]
    for i in range(FOLD_AT // 2):  # enough turns to fold the entry into the summary
        assert nargis("ask", "--no-llm", "--json", f"add a task to step {i}").code == 0
    summary = _summary(cli_home)
    assert "journal text, left out" in summary
    con = sqlite3.connect(cli_home / "nargis.db")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for path in cli_home.rglob("*"):
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path


def _summary(home: Path) -> str:
    con = sqlite3.connect(home / "nargis.db")
    try:
        return str(con.execute("SELECT summary FROM conversations").fetchone()[0])
    finally:
        con.close()


def test_locked_with_encrypt_tasks_ask_says_so_and_stores_nothing(nargis: Runner,
                                                                 cli_home: Path) -> None:
    """``nargis ask`` without the passphrase: a reply that says what is locked, no crash,
    and no row written (there is no key to seal the conversation with)."""
    settings = cli_home / "settings.toml"
    settings.write_text(settings.read_text() + "\n[vault]\nencrypt_tasks = true\n")
    env = {"NARGIS_PASSPHRASE": "correct horse battery staple"}
    assert nargis("journal", "init", **env).code == 0
    assert _ask_env(nargis, "add a task to buy milk", env)["actions"][0]["ok"]
    counts = _counts(cli_home)
    for text in ("delete buy milk", "undo that", "hello"):
        result = nargis("ask", "--no-llm", "--json", text)
        assert "vault is locked" in result.one_line_error()
        turn = json.loads(result.out)
        assert turn["intent"] == "locked" and "vault is locked" in turn["reply"]
        assert "nargis journal unlock" in turn["reply"] and not turn["actions"]
    assert _counts(cli_home) == counts


def _ask_env(nargis: Runner, text: str, env: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = nargis("ask", "--no-llm", "--json", text, **env).json()
    return data


def _counts(home: Path) -> list[int]:
    con = sqlite3.connect(home / "nargis.db")
    try:
        return [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in
                ("conversations", "messages", "assistant_pending", "assistant_actions")]
    finally:
        con.close()
