"""Fixtures for the model manager tests: a fresh data home, a local HTTP server
(files, Range requests, dropped connections, 404s) that also serves a tiny
PEP 503 package index, and helpers to build wheels and catalogs."""

from __future__ import annotations

import hashlib
import os
import random
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from nargis_desktop.models.catalog import Catalog, load_catalog
from nargis_desktop.paths import DataHome

MAX_REQUESTS = 500


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "application/octet-stream"
    #: Send only this many body bytes, then close the connection...
    drop_after: int | None = None
    #: ...for this many responses.
    drops_left: int = 0
    #: Answer 200 with the whole body even when a Range is asked for.
    ignore_range: bool = False


@dataclass
class Hit:
    path: str
    range: str | None
    authorization: str | None


@dataclass
class FileServer:
    """A tiny HTTP server on 127.0.0.1, driven request by request from a thread."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._handle(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class QuietServer(HTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that hangs up mid-transfer is part of the tests

        self._httpd = QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.timeout = 0.05
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes, **kw: object) -> Route:
        route = Route(body, **kw)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def _serve(self) -> None:
        handled = 0
        while not self._stop.is_set() and handled < MAX_REQUESTS:
            self._httpd.handle_request()
            handled += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._httpd.server_close()

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?")[0]
        self.hits.append(Hit(path, h.headers.get("Range"), h.headers.get("Authorization")))
        route = self.routes.get(path)
        if route is None or route.status != 200:
            h.send_error(route.status if route else 404)
            return
        body, status, start = route.body, 200, 0
        m = re.fullmatch(r"bytes=(\d+)-", h.headers.get("Range") or "")
        if m and not route.ignore_range:
            start = int(m.group(1))
            if start >= len(body):
                h.send_response(416)
                h.send_header("Content-Range", f"bytes */{len(body)}")
                h.send_header("Content-Length", "0")
                h.end_headers()
                return
            status = 206
        chunk = body[start:]
        h.send_response(status)
        h.send_header("Content-Type", route.content_type)
        h.send_header("Content-Length", str(len(chunk)))
        if status == 206:
            h.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        h.end_headers()
        if route.drop_after is not None and route.drops_left > 0:
            route.drops_left -= 1
            h.wfile.write(chunk[: route.drop_after])
            h.wfile.flush()
            h.close_connection = True
            return
        h.wfile.write(chunk)


@pytest.fixture
def server() -> Iterator[FileServer]:
    srv = FileServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataHome:
    """A fresh data home whose models live inside it (no shared cache)."""
    root = tmp_path / "home"
    monkeypatch.setenv("NARGIS_HOME", str(root))
    for var in ("NARGIS_MODELS_DIR", "NARGIS_CATALOG", "HF_ENDPOINT", "HF_TOKEN",
                "HUGGING_FACE_HUB_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    return DataHome(root).ensure()


@pytest.fixture
def models_dir(home: DataHome) -> Path:
    return home.models_dir


@pytest.fixture
def local_index(server: FileServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileServer:
    """Point pip (in subprocesses) only at the local server's /simple index."""
    for var in list(os.environ):
        if var.startswith("PIP_"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", server.url("/simple/"))
    monkeypatch.setenv("PIP_CACHE_DIR", str(tmp_path / "pip-cache"))
    monkeypatch.setenv("PIP_RETRIES", "1")
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    return server


class Kit:
    """Helpers handed to tests as a fixture (tests import nothing from conftest)."""

    def build_wheel(self, folder: Path, dist: str, version: str, members: dict[str, bytes]) -> Path:
        """A minimal valid wheel holding ``members`` (plus its .dist-info)."""
        norm = re.sub(r"[-_.]+", "_", dist).lower()
        path = folder / f"{norm}-{version}-py3-none-any.whl"
        info = f"{norm}-{version}.dist-info"
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)
            zf.writestr(f"{info}/METADATA",
                        f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
            zf.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: nargis-tests\n"
                                         "Root-Is-Purelib: true\nTag: py3-none-any\n")
            zf.writestr(f"{info}/RECORD", "")
        return path

    def publish_wheel(self, server: FileServer, wheel: Path, dist: str) -> None:
        """Serve ``wheel`` from the local PEP 503 index under its project name."""
        data = wheel.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        server.add(f"/files/{wheel.name}", data)
        html = (f'<!DOCTYPE html><html><body><a href="/files/{wheel.name}#sha256={digest}">'
                f"{wheel.name}</a></body></html>")
        project = re.sub(r"[-_.]+", "-", dist).lower()
        server.add(f"/simple/{project}/", html.encode(), content_type="text/html")

    def write_catalog(self, path: Path, text: str) -> Catalog:
        path.write_text(text, encoding="utf-8")
        return load_catalog(path)

    def sha(self, data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def payload(self, n: int, seed: int = 0) -> bytes:
        """Deterministic, incompressible test bytes."""
        return random.Random(seed).randbytes(n)


@pytest.fixture
def kit() -> Kit:
    return Kit()
