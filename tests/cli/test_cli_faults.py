"""Faults seen from the command line: damaged, too-new and read-only data homes.

Each must end in exit 1 with one human line (naming the path), no traceback, and
no write at all: the database's bytes are hashed before and after.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nargis_desktop.app import App
from nargis_desktop.store import Store
from nargis_desktop.store.migrations import LATEST

Runner = Callable[..., Any]
NOBODY = 65534


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_corrupt_database(nargis: Runner, cli_home: Path) -> None:
    db = cli_home / "nargis.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    before = digest(db)
    line = nargis("tasks", "add", "hello").one_line_error()
    assert str(db) in line and "damaged" in line
    assert digest(db) == before
    assert sorted(p.name for p in cli_home.iterdir()) == ["nargis.db", "settings.toml"]


def test_database_from_a_newer_version(nargis: Runner, cli_home: Path) -> None:
    db = cli_home / "nargis.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {LATEST + 7}")
    con.commit()
    con.close()
    before, files = digest(db), sorted(p.name for p in cli_home.iterdir())
    line = nargis("tasks", "list").one_line_error()
    assert f"schema version {LATEST + 7}" in line and f"up to version {LATEST}" in line
    assert digest(db) == before
    assert sorted(p.name for p in cli_home.iterdir()) == files


# -- read-only data home ------------------------------------------------------------------
#
# Root ignores permission bits, and the test suite runs as root in CI. There the command
# drops to user "nobody" inside its own process, after Python and the app's modules are
# loaded (the interpreter may live under /root, which nobody can read), so everything the
# data home sees is done by an unprivileged user. A warm-up run of the same command against
# a scratch home makes sure every module that command needs is already imported.

AS_NOBODY = textwrap.dedent("""
    import contextlib, io, os, sys
    from nargis_desktop.cli import main as cli_main
    target = os.environ["NARGIS_HOME"]
    os.environ["NARGIS_HOME"] = os.environ.pop("NARGIS_WARMUP_HOME")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            cli_main.main(sys.argv[1:])
        except SystemExit:
            pass
    os.environ["NARGIS_HOME"] = target
    os.setgroups([])
    os.setgid(%(id)d)
    os.setuid(%(id)d)
    cli_main.main(sys.argv[1:])
""") % {"id": NOBODY}


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder every user can reach (pytest's own is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="nargis-ro-"))
    path.chmod(0o755)
    yield path
    for p in [path, *path.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(path)


def run_unprivileged(home: Path, warmup: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NARGIS_HOME=str(home), PYTHONUTF8="1",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    if os.geteuid() == 0:
        env["NARGIS_WARMUP_HOME"] = str(warmup)
        cmd = [sys.executable, "-c", AS_NOBODY, *args]
    else:
        cmd = [sys.executable, "-m", "nargis_desktop", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120,
                          check=False, cwd=str(home.parent))


def _assert_one_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert lines[0].startswith("nargis: ")
    return lines[0]


def test_read_only_empty_home(shared_tmp: Path, tmp_path: Path) -> None:
    home = shared_tmp / "home"
    home.mkdir()
    home.chmod(0o555)
    proc = run_unprivileged(home, tmp_path / "warmup", "tasks", "add", "hello")
    line = _assert_one_line(proc)
    assert str(home) in line and ("writ" in line or "open" in line)
    assert list(home.iterdir()) == []  # no partial database, no journal files


def test_read_only_home_with_data(shared_tmp: Path, tmp_path: Path) -> None:
    home = shared_tmp / "home"
    app = App(home)
    app.tasks.add("already here")
    app.close()
    db = home / "nargis.db"
    before, files = digest(db), sorted(p.name for p in home.iterdir())
    home.chmod(0o555)
    db.chmod(0o444)
    try:
        proc = run_unprivileged(home, tmp_path / "warmup", "tasks", "add", "one more")
        line = _assert_one_line(proc)
        assert str(db) in line and "nothing was saved" in line
        assert digest(db) == before
        assert sorted(p.name for p in home.iterdir()) == files
    finally:
        home.chmod(0o755)
        db.chmod(0o644)
    check = Store(db)
    try:
        assert [r["title"] for r in check.query("SELECT title FROM tasks")] == ["already here"]
    finally:
        check.close()


def test_racing_focus_starts_leave_one_session(cli_home: Path) -> None:
    """Several windows press Start at once: one session runs, the rest get a clear no."""
    env = dict(os.environ, NARGIS_HOME=str(cli_home), PYTHONUTF8="1")
    Store(cli_home / "nargis.db").close()  # no one races to create the schema
    procs = [subprocess.Popen([sys.executable, "-m", "nargis_desktop", "focus", "start"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert sum(code == 0 for code, _, _ in results) == 1, results
    for code, _, err in results:
        if code:
            assert code == 1 and "Traceback" not in err
            assert "already running" in err or "busy" in err, err
    check = Store(cli_home / "nargis.db")
    try:
        assert check.scalar("SELECT COUNT(*) FROM focus_sessions") == 1
    finally:
        check.close()
