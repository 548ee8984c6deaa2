"""Resumable HTTP download into a ``.part`` file (Hugging Face and plain URL sources).

requests honours the usual proxy variables (HTTP(S)_PROXY, NO_PROXY) and
REQUESTS_CA_BUNDLE, so corporate networks work without extra settings.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlparse

from nargis_desktop import __version__
from nargis_desktop.models.errors import (
    DownloadError,
    InstallCancelledError,
    NetworkError,
    RemoteNotFoundError,
)
from nargis_desktop.models.fsutil import disk_full_error, fsync_file, is_disk_full
from nargis_desktop.models.progress import Meter

if TYPE_CHECKING:
    import requests

DEFAULT_HF_ENDPOINT = "https://huggingface.co"
_TIMEOUT = (15.0, 60.0)
#: Small reads: bytes in a read that a dropped connection interrupts are lost.
_READ = 64 * 1024


def hf_url(repo: str, revision: str, path: str) -> str:
    endpoint = os.environ.get("HF_ENDPOINT") or DEFAULT_HF_ENDPOINT
    return f"{endpoint.rstrip('/')}/{repo}/resolve/{quote(revision, safe='')}/{quote(path)}"


def hf_headers() -> dict[str, str]:
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")
    return {"Authorization": f"Bearer {token}"} if token else {}


class _Interrupted(Exception):
    """The transfer broke off; the ``.part`` file keeps what arrived."""


class Downloader:
    """Fetches one URL into ``part``, resuming from whatever ``part`` already holds."""

    def __init__(self, what: str, *, retries: int = 3,
                 cancel: threading.Event | None = None) -> None:
        import requests

        self.what = what
        self.retries = retries
        self.cancel = cancel
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"nargis-desktop/{__version__}"

    def close(self) -> None:
        self.session.close()

    def fetch(self, url: str, part: Path, meter: Meter, *, size: int | None,
              headers: dict[str, str] | None = None) -> int:
        """Leave the complete download in ``part`` and return its size.

        ``size`` is the exact expected size, or None when only the server knows it.
        """
        last: Exception | None = None
        for _ in range(self.retries + 1):
            try:
                return self._fetch_once(url, part, meter, size, headers or {})
            except _Interrupted as exc:
                last = exc
        host = urlparse(url).netloc
        have = part.stat().st_size if part.exists() else 0
        raise NetworkError(
            f"Downloading {self.what} from {host} failed: {last}. "
            f"{have} bytes are kept in {part.name} and the next install resumes from there.",
            hint="Check your internet connection or proxy (HTTPS_PROXY), then install again.",
        )

    def _fetch_once(self, url: str, part: Path, meter: Meter, size: int | None,
                    headers: dict[str, str]) -> int:
        import requests

        have = part.stat().st_size if part.exists() else 0
        if size is not None and have > size:
            part.unlink()
            have = 0
        if size is not None and have == size:
            return have
        request_headers = dict(headers)
        if have:
            request_headers["Range"] = f"bytes={have}-"
        try:
            resp = self.session.get(url, headers=request_headers, stream=True, timeout=_TIMEOUT)
        except requests.exceptions.SSLError as exc:
            raise NetworkError(
                f"Secure connection to {urlparse(url).netloc} failed: {exc}.",
                hint="Check the system clock and certificates (REQUESTS_CA_BUNDLE).",
            ) from exc
        except requests.RequestException as exc:
            raise _Interrupted(_reason(exc)) from exc
        with resp:
            return self._receive(resp, url, part, meter, size, have)

    def _receive(self, resp: requests.Response, url: str, part: Path, meter: Meter,
                 size: int | None, have: int) -> int:
        import requests

        status = resp.status_code
        if status == 416 and have:
            whole = _content_range_total(resp.headers.get("Content-Range", ""))
            if whole == have and (size is None or size == have):
                return have
            part.unlink()
            raise _Interrupted("the server refused to resume; starting over")
        _raise_for_status(resp, url, self.what)
        if status == 206:
            start = _content_range_start(resp.headers.get("Content-Range", ""))
            if start != have:
                part.unlink(missing_ok=True)
                raise _Interrupted("the server resumed at the wrong offset; starting over")
            mode = "ab"
        else:
            have, mode = 0, "wb"
        length = resp.headers.get("Content-Length")
        expected = have + int(length) if length and length.isdigit() else None
        if size is not None and expected is not None and expected != size:
            part.unlink(missing_ok=True)
            raise DownloadError(
                f"The server offers {expected} bytes for {self.what}, but the catalog expects "
                f"{size}; nothing was installed.",
                hint="The source has changed; the catalog entry needs updating.",
            )
        meter.total = size or expected or meter.total
        got = have
        meter.set(got, force=True)
        try:
            with part.open(mode) as out:
                try:
                    for block in resp.iter_content(_READ):
                        out.write(block)
                        got += len(block)
                        meter.set(got)
                        if self.cancel is not None and self.cancel.is_set():
                            raise InstallCancelledError(
                                f"Install of {self.what} cancelled; the partial download is "
                                "kept and the next install resumes it."
                            )
                except (requests.RequestException, OSError) as exc:
                    if isinstance(exc, OSError) and is_disk_full(exc):
                        raise
                    raise _Interrupted(_reason(exc)) from exc
                finally:
                    fsync_file(out)
        except OSError as exc:
            if is_disk_full(exc):
                raise disk_full_error(part.parent, self.what) from exc
            raise
        if expected is not None and got < expected:
            raise _Interrupted(f"the connection closed after {got} of {expected} bytes")
        return got


def _raise_for_status(resp: requests.Response, url: str, what: str) -> None:
    status = resp.status_code
    if status in (200, 206):
        return
    if status == 404:
        raise RemoteNotFoundError(
            f"The server has no file for {what} (HTTP 404 at {url}).",
            hint="The catalog entry may be out of date; check the repository or URL.",
        )
    if status in (401, 403):
        raise DownloadError(
            f"Access to {what} was refused (HTTP {status} at {url}).",
            hint="The repository may be gated: accept its licence on the website and set HF_TOKEN.",
        )
    raise DownloadError(
        f"Downloading {what} failed: HTTP {status} {resp.reason} at {url}.",
        hint="Try again later; partial data is kept and resumes.",
    )


def _content_range_start(value: str) -> int | None:
    m = re.match(r"bytes (\d+)-\d+/(\d+|\*)", value)
    return int(m.group(1)) if m else None


def _content_range_total(value: str) -> int | None:
    m = re.match(r"bytes [\d*-]+/(\d+)", value)
    return int(m.group(1)) if m else None


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Name or service not known", "Temporary failure in name resolution",
                   "Connection refused", "Network is unreachable", "timed out",
                   "IncompleteRead", "Connection broken", "Connection reset"):
        if marker in text:
            return marker.lower()
    return text.splitlines()[0][:200] if text else type(exc).__name__
