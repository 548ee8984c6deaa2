"""Connecting: OAuth installed-app flow, keyring (and no keyring), service account, the CLI.

The OAuth consent screen and token endpoint are the fake server's; the flow itself
is google-auth-oauthlib's real one, with a "browser" that follows the redirect.
"""

from __future__ import annotations

import json
import threading
import webbrowser
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from fake_sheets import FakeSheets
from keyring.backends.null import Keyring as NullKeyring
from memory_keyring import MemoryKeyring

from nargis_desktop.app import App
from nargis_desktop.cli.main import cli
from nargis_desktop.sync.credentials import ACCOUNT, SERVICE, TokenStore
from nargis_desktop.sync.errors import SyncAuthError
from nargis_desktop.sync.service import SyncService


class _FollowingBrowser(webbrowser.BaseBrowser):
    """Opens the consent URL like a person clicking "Allow" (the server approves)."""

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10},
                         daemon=True).start()
        return True


@pytest.fixture
def client_secret(tmp_path: Path, server: FakeSheets, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the token endpoint is local http
    webbrowser.register("nargis-test", None, _FollowingBrowser("nargis-test"))
    path = tmp_path / "client_secret.json"
    path.write_text(json.dumps({"installed": {
        "client_id": "123.apps.googleusercontent.com", "client_secret": "shh-client-secret",
        "auth_uri": f"{server.url}/auth", "token_uri": f"{server.url}/token",
        "redirect_uris": ["http://localhost"]}}))
    return path


def test_oauth_flow_keeps_only_the_refresh_token(app: App, server: FakeSheets,
                                                 client_secret: Path) -> None:
    server.valid_tokens = set()  # only tokens the fake issued are accepted
    ring = MemoryKeyring()
    svc = SyncService.from_app(app, endpoint=server.url, tokens=TokenStore(ring))
    result = svc.setup(client_secret=client_secret, browser="nargis-test")
    assert result.created and "saved in MemoryKeyring" in result.messages[0]
    secret = ring.secrets[(SERVICE, ACCOUNT)]
    assert json.loads(secret) == {"refresh_token": "fake-refresh-token",
                                  "client_secret": "shh-client-secret"}
    assert len(secret) < 1280 and "fake-access" not in secret
    assert app.settings.sync.enabled and app.settings.sync.spreadsheet_id == result.spreadsheet_id

    # a later run: credentials come back from the keyring and refresh themselves
    app.tasks.add("after restart")
    later = SyncService.from_app(app, endpoint=server.url, tokens=TokenStore(ring))
    later.sync_now()
    assert server.grants == ["authorization_code", "refresh_token"]
    assert later.status().state == "idle"

    messages = later.disconnect()
    assert (SERVICE, ACCOUNT) not in ring.secrets and not app.settings.sync.enabled
    assert any("left as they are" in m for m in messages)


def test_no_keyring_stores_nothing_and_says_so(app: App, server: FakeSheets,
                                               client_secret: Path) -> None:
    svc = SyncService.from_app(app, endpoint=server.url, tokens=TokenStore(NullKeyring()))
    result = svc.setup(client_secret=client_secret, browser="nargis-test")
    assert "was not saved" in result.messages[0] and "service-account" in result.messages[0]
    svc.sync_now()  # works for this process
    assert not list(Path(app.home.root).rglob("*token*"))  # and no plaintext file anywhere
    fresh = SyncService.from_app(app, endpoint=server.url, tokens=TokenStore(NullKeyring()))
    with pytest.raises(SyncAuthError, match="not saved on this device"):
        fresh.sync_now()


def _service_account_file(tmp_path: Path, server: FakeSheets) -> Path:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    path = tmp_path / "sa.json"
    path.write_text(json.dumps({
        "type": "service_account", "project_id": "p", "private_key_id": "k1",
        "private_key": pem, "client_email": "nargis@p.iam.gserviceaccount.com",
        "client_id": "1", "token_uri": f"{server.url}/token"}))
    return path


def test_cli_with_a_service_account(tmp_path: Path, server: FakeSheets, nargis_home: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.setenv("NARGIS_SHEETS_ENDPOINT", server.url)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    off = runner.invoke(cli, ["sync", "status", "--json"])
    assert off.exit_code == 0, off.output
    assert json.loads(off.output)["state"] == "off"
    key = _service_account_file(tmp_path, server)
    out = runner.invoke(cli, ["sync", "setup", "--service-account", str(key)])
    assert out.exit_code == 0, out.output
    assert "only its path is remembered" in out.output
    out = runner.invoke(cli, ["tasks", "add", "from the cli"])
    assert out.exit_code == 0, out.output
    now = runner.invoke(cli, ["sync", "now", "--json"])
    assert now.exit_code == 0, now.output
    report: dict[str, Any] = json.loads(now.output)
    assert report["uploaded"] == 1
    assert "urn:ietf:params:oauth:grant-type:jwt-bearer" in server.grants
    status = json.loads(runner.invoke(cli, ["sync", "status", "--json"]).output)
    assert status["state"] == "idle" and status["pending"] == 0
    assert status["kind"] == "service_account"
    text = runner.invoke(cli, ["sync", "status"]).output
    assert "Waiting to go up: 0" in text
    assert runner.invoke(cli, ["sync", "disconnect"]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["sync", "status", "--json"]).output)["state"] == "off"
