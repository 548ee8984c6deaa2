"""``nargis journal unlock|lock|status|passwd|rotate|search`` and locked behaviour (exit 1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from nargis_desktop.cli.main import main

from .conftest import PASSPHRASE, MemoryKeyring

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def nargis(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as done:
            main(list(args))
        out, err = capsys.readouterr()
        return int(done.value.code or 0), out, err

    return run


def _secret_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


@pytest.fixture
def pw(tmp_path: Path) -> str:
    return _secret_file(tmp_path, "pw", PASSPHRASE)


@pytest.fixture
def initialized(nargis: Run, pw: str) -> str:
    code, out, err = nargis("journal", "--passphrase-file", pw, "init")
    assert code == 0, err
    assert "Created the journal vault" in out
    code, out, err = nargis("journal", "add", "--passphrase-file", pw, "a", "walk", "by", "the",
                            "sea", "--title", "Beach")
    assert code == 0, err
    return pw


def test_journal_add_without_a_vault_explains(nargis: Run) -> None:
    code, _out, err = nargis("journal", "add", "hello")
    assert code == 1
    assert "no journal vault yet" in err and "nargis journal init" in err


@pytest.mark.parametrize("args", [("list",), ("add", "more"), ("search", "sea"),
                                  ("show", "0000")])
def test_locked_commands_say_so_and_exit_1(nargis: Run, initialized: str,
                                           args: tuple[str, ...]) -> None:
    code, _out, err = nargis("journal", *args)
    assert code == 1
    assert "the journal is locked" in err.lower()
    assert "--remember" in err and "NARGIS_PASSPHRASE" in err


def test_rm_works_while_locked(nargis: Run, initialized: str) -> None:
    _, out, _ = nargis("journal", "--passphrase-file", initialized, "list", "--json")
    entry_id = json.loads(out)[0]["id"]
    code, out, err = nargis("journal", "rm", entry_id, "--yes")
    assert code == 0, err


def test_wrong_passphrase_is_clear(nargis: Run, initialized: str, tmp_path: Path) -> None:
    wrong = _secret_file(tmp_path, "wrong", "not the passphrase")
    code, _, err = nargis("journal", "unlock", "--passphrase-file", wrong)
    assert code == 1 and "Wrong passphrase; nothing was changed." in err


def test_environment_passphrase(nargis: Run, initialized: str,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARGIS_PASSPHRASE", PASSPHRASE)
    code, out, _ = nargis("journal", "list")
    assert code == 0 and "Beach" in out


def test_status_search_passwd_rotate(nargis: Run, initialized: str, tmp_path: Path) -> None:
    code, out, _ = nargis("journal", "status", "--json")
    status = json.loads(out)
    assert code == 0 and status["exists"] and not status["unlocked"]
    assert status["entries"] == {"total": 1, "encrypted": 1, "plain": 0}
    assert status["kdf_params"]["memory_kib"] >= 19 * 1024
    code, out, _ = nargis("journal", "search", "--passphrase-file", initialized, "SEA", "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and hits[0]["title"] == "Beach" and "[sea]" in hits[0]["snippet"]
    new = _secret_file(tmp_path, "new", "a brand new passphrase")
    code, out, err = nargis("journal", "passwd", "--passphrase-file", initialized,
                            "--new-passphrase-file", new)
    assert code == 0, err
    assert nargis("journal", "unlock", "--passphrase-file", initialized)[0] == 1
    code, out, err = nargis("journal", "rotate", "--passphrase-file", new, "--json")
    assert code == 0, err
    assert json.loads(out)["new_version"] == 2
    code, out, _ = nargis("journal", "status", "--verify", "--passphrase-file", new, "--json")
    assert json.loads(out)["damaged"] == [] and json.loads(out)["key_version"] == 2


def test_remember_unlocks_later_commands_until_lock(nargis: Run, initialized: str,
                                                    memory_keyring: MemoryKeyring) -> None:
    code, out, err = nargis("journal", "unlock", "--remember", "--passphrase-file", initialized)
    assert code == 0 and "remembered on this device" in err
    code, out, _ = nargis("journal", "list")
    assert code == 0 and "Beach" in out
    code, out, _ = nargis("journal", "lock")
    assert code == 0 and memory_keyring.secrets == {}
    assert nargis("journal", "list")[0] == 1


def test_remember_without_a_keyring_says_so(nargis: Run, initialized: str) -> None:
    code, _out, err = nargis("journal", "unlock", "--remember", "--passphrase-file", initialized)
    assert code == 0
    assert "not remembered" in err and "no OS keyring" in err


def test_readable_passphrase_file_is_warned_about(nargis: Run, initialized: str) -> None:
    Path(initialized).chmod(0o644)
    code, _, err = nargis("journal", "list", "--passphrase-file", initialized)
    assert code == 0 and "can be read by other users" in err


def test_unlock_without_a_vault_non_interactive(nargis: Run) -> None:
    code, _, err = nargis("journal", "unlock")
    assert code == 1 and "nargis journal init" in err


def test_wrong_environment_passphrase_exit_1(nargis: Run, initialized: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARGIS_PASSPHRASE", "not the passphrase")
    code, _, err = nargis("journal", "list")
    assert code == 1 and "NARGIS_PASSPHRASE does not unlock this journal" in err
