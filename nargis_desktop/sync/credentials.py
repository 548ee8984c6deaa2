"""Connecting to Google with the user's own client: OAuth installed-app flow or a service account.

What is kept, and where:
- OAuth: the refresh token and the client secret, as one short JSON in the OS
  keyring (well under Windows Credential Manager's ~1,280-character cap); the
  client id and token endpoint, which are not secret, in the database.
- Service account: only the *path* of the key file the user already keeps. Its
  private key is ~1,700 characters, too long for every keyring, and copying it
  would make a second copy to protect.

With no usable keyring (headless Linux, a plaintext-file backend) the refresh
token is **not** written anywhere; the caller is told so in words and the
sign-in lasts for this process only. Nargis never falls back to a plain file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nargis_desktop.keyring_access import SERVICE, describe_error, usable_backend
from nargis_desktop.sync.errors import SyncAuthError
from nargis_desktop.sync.gateway import SCOPES

ACCOUNT = "google-sheets-sync"
KEYRING_LIMIT = 1200


@dataclass(frozen=True)
class Connection:
    """The non-secret half of a connection, kept in ``sync_state``."""

    kind: str  # "oauth" or "service_account"
    client_id: str = ""
    token_uri: str = ""
    key_file: str = ""
    account: str = ""

    def to_json(self) -> str:
        return json.dumps(self.__dict__)

    @classmethod
    def from_json(cls, text: str) -> Connection:
        doc = json.loads(text)
        return cls(**{k: str(v) for k, v in doc.items() if k in cls.__dataclass_fields__})


class TokenStore:
    """Keyring access that never raises: every failure becomes a sentence for the user."""

    def __init__(self, backend: Any = None) -> None:
        self._explicit = backend
        #: the secret of this process when no keyring could keep it
        self._memory: str | None = None

    def backend(self) -> tuple[Any, str]:
        return usable_backend(self._explicit)

    def save(self, secret: str) -> tuple[bool, str]:
        self._memory = secret
        if len(secret) > KEYRING_LIMIT:
            return False, "The sign-in is too long for the OS keyring; it lasts until you quit."
        backend, why = self.backend()
        if backend is None:
            return False, (f"Your Google sign-in was not saved: {why}. Sync works until Nargis "
                           "quits; to sync unattended, use a service-account key file "
                           "(nargis sync setup --service-account FILE).")
        try:
            backend.set_password(SERVICE, ACCOUNT, secret)
        except Exception as exc:
            return False, (f"Your Google sign-in was not saved: the OS keyring refused it "
                           f"({describe_error(exc)}). Sync works until Nargis quits.")
        return True, f"Your Google sign-in is saved in {type(backend).__name__}."

    def load(self) -> str | None:
        if self._memory is not None:
            return self._memory
        backend, _ = self.backend()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE, ACCOUNT)
        except Exception:
            return None
        return str(value) if value else None

    def forget(self) -> str:
        self._memory = None
        backend, _ = self.backend()
        if backend is None:
            return ""
        try:
            if backend.get_password(SERVICE, ACCOUNT) is None:
                return ""
            backend.delete_password(SERVICE, ACCOUNT)
        except Exception as exc:
            return (f"The sign-in could not be removed from the OS keyring "
                    f"({describe_error(exc)}); remove '{SERVICE}' / '{ACCOUNT}' there by hand.")
        return f"The Google sign-in was removed from {type(backend).__name__}."


# -- connecting ----------------------------------------------------------------------

def _read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SyncAuthError(f"Cannot read the {what} {path}: {exc.strerror or exc}.") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SyncAuthError(f"{path} is not a Google {what} (not JSON).") from exc
    if not isinstance(doc, dict):
        raise SyncAuthError(f"{path} is not a Google {what}.")
    return doc


def oauth_connect(client_secret_file: Path, *, open_browser: bool = True,
                  browser: str | None = None, timeout_s: int = 300) -> tuple[Any, Connection]:
    """Run the installed-app flow (a browser window, a one-shot local redirect server)."""
    try:
        from google_auth_oauthlib.flow import InstalledAppFlow
    except ModuleNotFoundError as exc:
        raise SyncAuthError(f"Google sign-in needs an optional package ({exc.name}).",
                            hint="Install it with: pip install 'nargis-desktop[sync]'") from exc

    doc = _read_json(client_secret_file, "OAuth client secret file")
    if "installed" not in doc:
        raise SyncAuthError(
            f"{client_secret_file} is not a desktop-app OAuth client.",
            hint="In Google Cloud Console create an OAuth client of type 'Desktop app' and "
                 "download its JSON.")
    flow = InstalledAppFlow.from_client_config(doc, scopes=SCOPES)
    try:
        creds = flow.run_local_server(port=0, open_browser=open_browser, browser=browser,
                                      timeout_seconds=timeout_s,
                                      authorization_prompt_message="Open this link to let "
                                      "Nargis use Google Sheets: {url}")
    except Exception as exc:
        raise SyncAuthError(f"Google sign-in did not complete ({describe_error(exc)}).") from exc
    if not creds.refresh_token:
        raise SyncAuthError("Google did not return a refresh token.",
                            hint="Remove Nargis under myaccount.google.com/permissions and "
                                 "connect again.")
    info = doc["installed"]
    return creds, Connection("oauth", client_id=str(info["client_id"]),
                             token_uri=str(info.get("token_uri") or creds.token_uri))


def oauth_secret(creds: Any) -> str:
    """The keyring value: refresh token and client secret, nothing else."""
    return json.dumps({"refresh_token": creds.refresh_token,
                       "client_secret": creds.client_secret}, separators=(",", ":"))


def service_account_connect(key_file: Path) -> tuple[Any, Connection]:
    doc = _read_json(key_file, "service-account key file")
    if doc.get("type") != "service_account":
        raise SyncAuthError(f"{key_file} is not a service-account key file.",
                            hint="Download a JSON key for a service account in Google Cloud "
                                 "Console, and share the spreadsheet with its email.")
    return _service_account(key_file), Connection(
        "service_account", key_file=str(key_file.resolve()),
        account=str(doc.get("client_email", "")), token_uri=str(doc.get("token_uri", "")))


def _service_account(key_file: Path) -> Any:
    from google.oauth2 import service_account

    try:
        return service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
            str(key_file), scopes=SCOPES)
    except (ValueError, KeyError, OSError) as exc:
        raise SyncAuthError(f"The service-account key {key_file} cannot be used "
                            f"({describe_error(exc)}).") from exc


def load_credentials(conn: Connection, tokens: TokenStore) -> Any:
    """Credentials for a saved connection; SyncAuthError says what to do when gone."""
    if conn.kind == "service_account":
        path = Path(conn.key_file)
        if not path.exists():
            raise SyncAuthError(f"The service-account key file {path} is gone.",
                                hint="Connect again with: nargis sync setup --service-account "
                                     "FILE")
        return _service_account(path)
    from google.oauth2.credentials import Credentials

    raw = tokens.load()
    if not raw:
        raise SyncAuthError("Your Google sign-in is not saved on this device.",
                            hint="Connect again with: nargis sync setup --client-secret FILE")
    try:
        secret = json.loads(raw)
        return Credentials(  # type: ignore[no-untyped-call]
            token=None, refresh_token=secret["refresh_token"],
                           token_uri=conn.token_uri, client_id=conn.client_id,
                           client_secret=secret.get("client_secret"), scopes=SCOPES)
    except (ValueError, KeyError, TypeError) as exc:
        raise SyncAuthError("The saved Google sign-in is unreadable.",
                            hint="Connect again with: nargis sync setup") from exc
