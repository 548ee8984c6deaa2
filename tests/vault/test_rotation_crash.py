"""kill -9 during key rotation (a real subprocess): every entry still decrypts afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nargis_desktop.store import Store

from .conftest import PASSPHRASE
from .helpers import add_entries

CHILD = r"""
import sys, time
from pathlib import Path
from keyring.backends import fail
from nargis_desktop.store import Store
from nargis_desktop.vault.keychain import Keychain
from nargis_desktop.vault.rotate import rotate
from nargis_desktop.vault.vault import Vault

db, passphrase, mode = sys.argv[1], sys.argv[2], sys.argv[3]
vault = Vault(Store(Path(db)), keychain=Keychain(fail.Keyring()), env={})

def progress(done, total):
    print(f"progress {done} {total}", flush=True)
    if mode == "pause" and 0 < done < total:
        time.sleep(120)          # parked mid-transaction until the parent kills us

rotate(vault, passphrase, progress=progress)
print("committed", flush=True)
time.sleep(120)                  # never exit by itself: the parent's kill always lands
"""

N = 1500


def _child(db: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), PASSPHRASE, mode],
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ))


def _wait_for(proc: subprocess.Popen[str], prefix: str) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith(prefix):
            return line
    proc.kill()
    raise AssertionError(f"the child never printed {prefix!r} (exit {proc.wait()})")


def _kill9(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def _check_everything_decrypts(db: Path, make_vault, texts: list[str]) -> int:
    store = Store(db)
    try:
        assert store.scalar("PRAGMA integrity_check") == "ok"
        vault = make_vault(store)
        vault.unlock(PASSPHRASE)
        codec = vault.codec()
        rows = store.query("SELECT id, body, enc FROM journal_entries ORDER BY created_at, id")
        versions = {r["enc"] for r in rows}
        assert versions == {vault.require_header().current}     # all old, or all new
        got = sorted(codec.open("journal_entries", r["id"], "body", r["body"], r["enc"])
                     for r in rows)
        assert got == sorted(texts)
        return versions.pop()
    finally:
        store.close()


@pytest.fixture
def populated(db_path: Path, store: Store, vault) -> list[str]:
    add_entries(vault, N, text="entry {i} written before the crash")
    store.close()
    return [f"entry {i} written before the crash" for i in range(N)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_mid_rotation_leaves_the_old_key_everywhere(db_path, populated, make_vault) -> None:
    proc = _child(db_path, "pause")
    line = _wait_for(proc, "progress ")
    assert 0 < int(line.split()[1]) < N           # really in the middle
    _kill9(proc)
    assert _check_everything_decrypts(db_path, make_vault, populated) == 1


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_kill_after_commit_leaves_the_new_key_everywhere(db_path, populated,
                                                         make_vault) -> None:
    proc = _child(db_path, "after")
    _wait_for(proc, "committed")
    _kill9(proc)
    assert _check_everything_decrypts(db_path, make_vault, populated) == 2


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("delay", [0.0, 0.01, 0.05, 0.2])
def test_kill_at_arbitrary_moments(db_path, populated, make_vault, delay: float) -> None:
    proc = _child(db_path, "run")
    _wait_for(proc, "progress ")
    time.sleep(delay)
    _kill9(proc)
    version = _check_everything_decrypts(db_path, make_vault, populated)
    assert version in (1, 2)
