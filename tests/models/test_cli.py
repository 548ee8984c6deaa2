"""``nargis models ...`` through real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def nargis(home):
    """Run ``python -m nargis_desktop`` with this test's data home."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, NARGIS_HOME=str(home.root))
        env.pop("NARGIS_MODELS_DIR", None)
        return subprocess.run([sys.executable, "-m", "nargis_desktop", *args], env=env,
                              capture_output=True, text=True, timeout=120)

    return run


@pytest.fixture
def user_model(home, server, kit):
    """A user catalog entry (models.toml in the data home) served by the local server."""
    data = kit.payload(400_000, 3)
    server.add("/m/tiny.gguf", data)
    (home.root / "models.toml").write_text(f"""
[[model]]
id = "tiny-user"
kind = "llm"
name = "Tiny user model"
license = "Apache-2.0"
license_url = "https://example.org/licence"
main = "tiny.gguf"
[model.source]
type = "url"
[[model.files]]
name = "tiny.gguf"
url = "{server.url("/m/tiny.gguf")}"
size = {len(data)}
sha256 = "{kit.sha(data)}"
""")
    return data


def test_list_json(nargis):
    out = nargis("models", "list", "--json")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows["whisper-base"]["installed"] is False
    assert rows["whisper-base"]["default"] is True
    assert rows["whisper-base"]["kind"] == "stt"
    assert rows["whisper-base"]["license"] == "MIT"
    assert rows["qwen2.5-1.5b"]["verify"] == "trust-on-first-use"


def test_list_table(nargis):
    out = nargis("models", "list")
    assert out.returncode == 0, out.stderr
    assert "whisper-base" in out.stdout and "not installed" in out.stdout


def test_path_of_missing_model_tells_how_to_install(nargis):
    out = nargis("models", "path", "whisper-base")
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "nargis: Model 'whisper-base' is not installed. Run: nargis models install whisper-base"
    )


def test_unknown_id_suggests(nargis):
    out = nargis("models", "install", "whisper-bse")
    assert out.returncode == 1
    assert "Did you mean: whisper-base" in out.stderr


def test_install_needs_an_id(nargis):
    out = nargis("models", "install")
    assert out.returncode != 0
    assert "--default" in out.stderr


def test_install_verify_path_remove(nargis, user_model, home):
    out = nargis("models", "install", "tiny-user")
    assert out.returncode == 0, out.stderr
    assert "Licence: Apache-2.0 (https://example.org/licence)" in out.stderr
    assert "tiny-user: download" in out.stderr  # one progress line per stage off a terminal
    installed = home.models_dir / "tiny-user" / "tiny.gguf"
    assert out.stdout.strip() == str(installed)
    assert installed.read_bytes() == user_model

    out = nargis("models", "path", "tiny-user", "--json")
    assert json.loads(out.stdout) == {"id": "tiny-user", "path": str(installed)}

    out = nargis("models", "verify", "--json")
    assert out.returncode == 0, out.stderr
    assert [r["id"] for r in json.loads(out.stdout)] == ["tiny-user"]

    installed.write_bytes(b"\0" + installed.read_bytes()[1:])
    out = nargis("models", "verify", "tiny-user")
    assert out.returncode == 1
    assert "tiny-user: FAILED" in out.stdout and "corrupt" in out.stdout

    out = nargis("models", "remove", "tiny-user", "--json")
    assert json.loads(out.stdout) == [{"id": "tiny-user", "removed": True}]
    assert not installed.exists()


def test_install_404_is_one_line(nargis, user_model, server):
    server.routes.clear()
    out = nargis("models", "install", "tiny-user")
    assert out.returncode == 1
    lines = [ln for ln in out.stderr.splitlines() if ln.startswith("nargis:")]
    assert len(lines) == 1 and "HTTP 404" in lines[0]
    assert "Traceback" not in out.stderr
