"""The composition root: journal always through the vault; tasks only when asked or needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.paths import DataHome
from nargis_desktop.vault.errors import VaultMissingError

from .conftest import PASSPHRASE


def _app(home: Path, clock: Any) -> App:
    return App(DataHome(home), clock=clock)


def test_journal_without_a_vault_is_refused(nargis_home: Path, clock: Any) -> None:
    app = _app(nargis_home, clock)
    try:
        with pytest.raises(VaultMissingError, match="nargis journal init"):
            app.journal.add("where would this go?")
        assert app.journal.count() == 0
    finally:
        app.close()


def test_environment_passphrase_makes_the_journal_just_work(
        nargis_home: Path, clock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARGIS_PASSPHRASE", PASSPHRASE)
    app = _app(nargis_home, clock)
    try:
        entry = app.journal.add("scripted entry")
        row = app.store.query("SELECT body, enc FROM journal_entries")[0]
        assert row["enc"] == 1 and b"scripted" not in row["body"]
        assert app.journal.get(entry.id).body == "scripted entry"
    finally:
        app.close()
    again = _app(nargis_home, clock)          # the next process unlocks from the variable
    try:
        assert [e.body for e in again.journal.list()] == ["scripted entry"]
    finally:
        again.close()


def test_plain_tasks_never_build_the_vault(nargis_home: Path, clock: Any) -> None:
    app = _app(nargis_home, clock)
    try:
        app.tasks.add("buy bread")
        app.habits.create("stretch")
        assert [t.title for t in app.tasks.list("all")] == ["buy bread"]
        assert "vault" not in app.__dict__
    finally:
        app.close()
