""""Encrypt tasks too": task titles, notes and habit names sealed; every feature still works."""

from __future__ import annotations

from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.errors import ValidationError, VaultLockedError
from nargis_desktop.vault.errors import VaultMissingError

from .conftest import CHEAP, PASSPHRASE


def _raw(app: App, sql: str) -> list[dict[str, Any]]:
    return app.store.query(sql)


def test_tasks_and_habits_are_sealed_and_still_work(make_app) -> None:
    app = make_app(True)
    app.vault.create(PASSPHRASE, params=CHEAP)
    task = app.tasks.add("Call the dentist", notes="bring the x-ray", due="tomorrow 5pm")
    app.tasks.add("Buy milk")
    row = _raw(app, f"SELECT * FROM tasks WHERE id = '{task.id}'")[0]
    assert row["enc"] == 1 and b"dentist" not in row["title"] and b"x-ray" not in row["notes"]
    assert [t.title for t in app.tasks.list("all")] == ["Call the dentist", "Buy milk"]
    assert [t.id for t in app.tasks.list("all", text="DENTIST")] == [task.id]
    assert app.tasks.edit(task.id, title="Call the dentist now").title == "Call the dentist now"
    habit = app.habits.create("Morning Run")
    hrow = _raw(app, "SELECT * FROM habits")[0]
    assert hrow["name_key"].startswith("hmac:") and b"Morning" not in hrow["name"]
    assert app.habits.get("morning run").id == habit.id      # lookup by name through the HMAC
    with pytest.raises(ValidationError, match="already have"):
        app.habits.create("MORNING  run")
    app.habits.log("morning run")
    assert app.habits.status("Morning Run").today_count == 1


def test_locked_vault_says_tasks_are_encrypted(make_app) -> None:
    app = make_app(True)
    app.vault.create(PASSPHRASE, params=CHEAP)
    app.tasks.add("Secret plan")
    app.vault.lock()
    with pytest.raises(VaultLockedError, match="tasks are encrypted"):
        app.tasks.list("all")


def test_turning_it_on_encrypts_existing_tasks_at_unlock_and_sticks(make_app) -> None:
    before = make_app(False)
    before.vault.create(PASSPHRASE, params=CHEAP)
    before.tasks.add("Plain task from before")
    before.habits.create("Reading")
    assert _raw(before, "SELECT enc FROM tasks")[0]["enc"] == 0
    before.close()
    on = make_app(True)
    on.vault.unlock(PASSPHRASE)
    assert {r["enc"] for r in _raw(on, "SELECT enc FROM tasks UNION SELECT enc FROM habits")} \
        == {1}
    assert on.habits.get("reading").name == "Reading"
    on.close()
    off_again = make_app(False)            # settings say off; the vault remembers it is on
    off_again.vault.unlock(PASSPHRASE)
    off_again.tasks.add("Written after the setting went off")
    assert {r["enc"] for r in _raw(off_again, "SELECT enc FROM tasks")} == {1}
    assert off_again.vault.protect_tasks


def test_encrypt_tasks_without_a_vault_asks_for_one(make_app) -> None:
    app = make_app(True)
    with pytest.raises(VaultMissingError):
        app.tasks.add("Nowhere safe to put this")
    assert _raw(app, "SELECT * FROM tasks") == []


def test_without_the_setting_tasks_stay_plain(make_app) -> None:
    app = make_app(False)
    app.vault.create(PASSPHRASE, params=CHEAP)
    app.tasks.add("Plain")
    app.vault.lock()
    assert [t.title for t in app.tasks.list("all")] == ["Plain"]   # no unlock needed
