"""Run the real ``nargis`` command in a subprocess against a temporary data home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PASSPHRASE = "correct horse battery staple"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)

    def one_line_error(self) -> str:
        """A user error: exit 1, one human line on stderr, no traceback."""
        assert self.code == 1, (self.code, self.out, self.err)
        lines = [line for line in self.err.splitlines() if line.strip()
                 and not line.startswith("nargis: warning:")]
        assert len(lines) == 1, self.err
        assert "Traceback" not in self.err and "Usage:" not in self.err
        assert lines[0].startswith("nargis: ")
        return lines[0]


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, NARGIS_HOME=str(home), NARGIS_VAULT_KDF="minimum",
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", PYTHONUTF8="1")
    env.pop("NARGIS_PASSPHRASE", None)
    env.update(extra)
    return env


def run_cli(home: Path, *args: str, stdin: str | None = None, **env: str) -> Result:
    proc = subprocess.run([sys.executable, "-m", "nargis_desktop", *args], input=stdin,
                          capture_output=True, text=True, env=cli_env(home, **env),
                          timeout=120, check=False)
    return Result(proc.returncode, proc.stdout, proc.stderr)


Runner = Callable[..., Result]


@pytest.fixture
def cli_home(nargis_home: Path) -> Path:
    """A data home whose settings pin the zone, so offsets in the output are known."""
    (nargis_home / "settings.toml").write_text('[general]\ntimezone = "Europe/Berlin"\n')
    return nargis_home


@pytest.fixture
def nargis(cli_home: Path) -> Runner:
    def run(*args: str, stdin: str | None = None, **env: str) -> Result:
        return run_cli(cli_home, *args, stdin=stdin, **env)

    return run


@pytest.fixture
def nargis_at() -> Callable[..., Result]:
    """``nargis_at(home, *args)``: the command against any data home."""
    return run_cli
