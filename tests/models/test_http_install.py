"""Hugging Face and URL installs, for real, against a local HTTP server."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from nargis_desktop.errors import NargisError
from nargis_desktop.models import (
    ChecksumError,
    CorruptModelError,
    DiskSpaceError,
    DownloadError,
    InstallCancelledError,
    ModelManager,
    ModelNotInstalledError,
    NetworkError,
    Progress,
    RemoteNotFoundError,
)

SIZE = 3 * 1024 * 1024 + 123  # spans several 1 MiB chunks
WEIGHTS = "/acme/tiny/resolve/main/sub/weights.bin"
CONFIG = "/acme/tiny/resolve/main/config.json"
URL_FILE = "/files/voice.onnx"


@pytest.fixture
def blobs(kit):
    return {"weights": kit.payload(SIZE, 1), "config": b'{"dims": 4}\n',
            "voice": kit.payload(SIZE // 2, 2)}


@pytest.fixture
def catalog(tmp_path, kit, blobs, server, monkeypatch):
    """A catalog with one Hugging Face, one URL and one unpinned model, all served locally."""
    monkeypatch.setenv("HF_ENDPOINT", server.base)
    server.add(WEIGHTS, blobs["weights"])
    server.add(CONFIG, blobs["config"])
    server.add(URL_FILE, blobs["voice"])
    text = f"""
schema = 1

[[model]]
id = "tiny-hf"
kind = "stt"
name = "Tiny HF model"
license = "MIT"
main = "weights.bin"
[model.source]
type = "huggingface"
repo = "acme/tiny"
[[model.files]]
name = "weights.bin"
path = "sub/weights.bin"
size = {len(blobs["weights"])}
sha256 = "{kit.sha(blobs["weights"])}"
[[model.files]]
name = "config.json"
size = {len(blobs["config"])}
sha256 = "{kit.sha(blobs["config"])}"

[[model]]
id = "tiny-url"
kind = "tts"
name = "Tiny URL voice"
license = "CC0-1.0"
main = "voice.onnx"
[model.source]
type = "url"
[[model.files]]
name = "voice.onnx"
url = "{server.url(URL_FILE)}"
size = {len(blobs["voice"])}
sha256 = "{kit.sha(blobs["voice"])}"

[[model]]
id = "tiny-tofu"
kind = "llm"
name = "Unpinned model"
license = "Apache-2.0"
verify = "trust-on-first-use"
main = "voice.onnx"
[model.source]
type = "url"
[[model.files]]
name = "voice.onnx"
url = "{server.url(URL_FILE)}"
size = 1000

[[model]]
id = "huge"
kind = "llm"
name = "Bigger than any disk"
license = "MIT"
verify = "trust-on-first-use"
[model.source]
type = "url"
[[model.files]]
name = "huge.gguf"
url = "{server.url("/files/huge.gguf")}"
size = 1000000000000000
"""
    return kit.write_catalog(tmp_path / "catalog.toml", text)


@pytest.fixture
def manager(models_dir, catalog):
    return ModelManager(models_dir, catalog, retries=0)


def test_hf_install_places_verified_files(manager, models_dir, blobs, server, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "secret-token")
    path = manager.install("tiny-hf")
    assert path == models_dir / "tiny-hf" / "weights.bin"
    assert path.read_bytes() == blobs["weights"]
    assert (path.parent / "config.json").read_bytes() == blobs["config"]
    assert manager.is_installed("tiny-hf")
    assert manager.path("tiny-hf") == path
    hits = server.hits_for(WEIGHTS)
    assert len(hits) == 1 and hits[0].authorization == "Bearer secret-token"
    manifest = json.loads((path.parent / ".nargis-model.json").read_text())
    assert manifest["id"] == "tiny-hf" and manifest["checked"] == "sha256"
    assert not (models_dir / ".staging" / "tiny-hf").exists()
    assert manager.verify("tiny-hf").files["weights.bin"] == manifest["files"][0]["sha256"]


def test_url_install(manager, blobs):
    path = manager.install("tiny-url")
    assert path.name == "voice.onnx" and path.read_bytes() == blobs["voice"]
    state = {s.entry.id: s.state for s in manager.list()}
    assert state == {"tiny-hf": "not installed", "tiny-url": "installed",
                     "tiny-tofu": "not installed", "huge": "not installed"}


def test_interrupted_download_resumes_with_range(manager, models_dir, blobs, server):
    route = server.routes[WEIGHTS]
    route.drop_after, route.drops_left = 1_500_000, 1
    with pytest.raises(NetworkError, match="resumes") as err:
        manager.install("tiny-hf")
    assert "install again" in str(err.value)
    part = models_dir / ".staging" / "tiny-hf" / "weights.bin.part"
    kept = part.stat().st_size
    assert 0 < kept < SIZE
    assert not manager.is_installed("tiny-hf")
    assert manager.status("tiny-hf").state == "partial"
    assert not (models_dir / "tiny-hf").exists()
    with pytest.raises(ModelNotInstalledError):
        manager.path("tiny-hf")

    path = manager.install("tiny-hf")
    hits = server.hits_for(WEIGHTS)
    assert [h.range for h in hits] == [None, f"bytes={kept}-"]
    assert path.read_bytes() == blobs["weights"]
    manager.verify("tiny-hf")
    assert not part.exists()


def test_retries_resume_within_one_install(models_dir, catalog, blobs, server):
    route = server.routes[WEIGHTS]
    route.drop_after, route.drops_left = 700_000, 2
    path = ModelManager(models_dir, catalog, retries=3).install("tiny-hf")
    ranges = [h.range for h in server.hits_for(WEIGHTS)]
    assert ranges[0] is None and len(ranges) == 3
    assert all(r is not None and r.startswith("bytes=") for r in ranges[1:])
    assert path.read_bytes() == blobs["weights"]


def test_resume_when_server_ignores_range(manager, blobs, server):
    route = server.routes[WEIGHTS]
    route.drop_after, route.drops_left, route.ignore_range = 1_000_000, 1, True
    with pytest.raises(NetworkError):
        manager.install("tiny-hf")
    path = manager.install("tiny-hf")
    assert path.read_bytes() == blobs["weights"]


def test_wrong_checksum_deletes_file_and_installs_nothing(manager, models_dir, kit, server):
    server.routes[WEIGHTS].body = kit.payload(SIZE, 99)  # same size, other bytes
    with pytest.raises(ChecksumError) as err:
        manager.install("tiny-hf")
    message = str(err.value)
    assert "Checksum mismatch for tiny-hf/weights.bin" in message
    assert "deleted" in message and "nothing was installed" in message
    assert not (models_dir / "tiny-hf").exists()
    assert not (models_dir / ".staging" / "tiny-hf" / "weights.bin.part").exists()
    assert not manager.is_installed("tiny-hf")


def test_404_is_a_clear_error(manager, models_dir, server):
    del server.routes[URL_FILE]
    with pytest.raises(RemoteNotFoundError, match="404") as err:
        manager.install("tiny-url")
    assert isinstance(err.value, NargisError) and err.value.hint
    assert not (models_dir / "tiny-url").exists()


def test_unreachable_server_is_a_network_error(models_dir, tmp_path, kit):
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    catalog = kit.write_catalog(tmp_path / "c.toml", f"""
[[model]]
id = "offline"
kind = "tts"
name = "x"
license = "MIT"
verify = "size"
[model.source]
type = "url"
[[model.files]]
name = "a.bin"
url = "http://127.0.0.1:{port}/a.bin"
size = 10
""")
    with pytest.raises(NetworkError, match=r"127\.0\.0\.1") as err:
        ModelManager(models_dir, catalog, retries=1).install("offline")
    assert "connection" in str(err.value).lower()


def test_disk_space_is_checked_before_downloading(manager, models_dir, server):
    with pytest.raises(DiskSpaceError, match="Not enough free disk space") as err:
        manager.install("huge")
    assert "NARGIS_MODELS_DIR" in str(err.value)
    assert server.hits == []
    assert not (models_dir / "huge").exists()


def test_progress_reports_bytes_rate_and_eta(manager, blobs):
    seen: list[Progress] = []
    manager.install("tiny-url", progress=seen.append)
    assert {p.model_id for p in seen} == {"tiny-url"}
    downloads = [p for p in seen if p.stage == "download"]
    assert downloads, "no download progress"
    done = [p.done for p in downloads]
    assert done == sorted(done)
    assert downloads[-1].done == downloads[-1].total == len(blobs["voice"])
    assert all(p.rate >= 0 and (p.eta is None or p.eta >= 0) for p in seen)
    assert downloads[-1].fraction == 1.0
    verifies = [p for p in seen if p.stage == "verify"]
    assert verifies and verifies[-1].done == len(blobs["voice"])


def test_model_folder_appears_only_when_complete(manager, models_dir):
    looked: list[bool] = []

    def during(p: Progress) -> None:
        if p.stage in ("download", "verify"):
            looked.append((models_dir / "tiny-hf").exists() or manager.is_installed("tiny-hf"))

    manager.install("tiny-hf", progress=during)
    assert looked and not any(looked)
    assert manager.is_installed("tiny-hf")


def test_cancel_keeps_part_and_next_install_resumes(manager, models_dir, blobs, server):
    cancel = threading.Event()

    def stop_midway(p: Progress) -> None:
        if p.stage == "download" and p.item == "weights.bin":
            cancel.set()

    with pytest.raises(InstallCancelledError, match="cancelled"):
        manager.install("tiny-hf", progress=stop_midway, cancel=cancel)
    assert not manager.is_installed("tiny-hf")
    kept = (models_dir / ".staging" / "tiny-hf" / "weights.bin.part").stat().st_size
    assert kept > 0
    path = manager.install("tiny-hf")
    assert server.hits_for(WEIGHTS)[-1].range == f"bytes={kept}-"
    assert path.read_bytes() == blobs["weights"]


def test_installed_model_never_touches_the_network(manager, server):
    manager.install("tiny-url")
    before = len(server.hits)
    server.routes.clear()  # the server now answers 404 to everything
    assert manager.install("tiny-url") == manager.path("tiny-url")
    manager.verify("tiny-url")
    manager.list()
    assert len(server.hits) == before


def test_remove(manager, models_dir):
    manager.install("tiny-url")
    assert manager.remove("tiny-url") is True
    assert not (models_dir / "tiny-url").exists()
    assert not manager.is_installed("tiny-url")
    assert manager.remove("tiny-url") is False
    with pytest.raises(ModelNotInstalledError, match="Run: nargis models install tiny-url"):
        manager.path("tiny-url")


def test_verify_detects_a_corrupted_file_and_force_repairs(manager):
    path = manager.install("tiny-hf")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptModelError, match=r"weights\.bin") as err:
        manager.verify("tiny-hf")
    assert "--force" in str(err.value)
    manager.install("tiny-hf", force=True)
    manager.verify("tiny-hf")


def test_truncated_file_shows_as_damaged(manager):
    path = manager.install("tiny-hf")
    path.write_bytes(path.read_bytes()[:100])
    assert manager.status("tiny-hf").state == "damaged"
    assert not manager.is_installed("tiny-hf")
    with pytest.raises(CorruptModelError, match="damaged"):
        manager.verify("tiny-hf")


def test_trust_on_first_use_records_the_sha256(manager, blobs, kit):
    path = manager.install("tiny-tofu")
    manifest = json.loads((path.parent / ".nargis-model.json").read_text())
    assert manifest["checked"] == "recorded"
    assert manifest["files"][0]["sha256"] == kit.sha(blobs["voice"])
    path.write_bytes(b"x" + path.read_bytes()[1:])
    with pytest.raises(CorruptModelError):
        manager.verify("tiny-tofu")


def test_server_size_differing_from_catalog_is_refused(manager, server, models_dir):
    server.routes[URL_FILE].body += b"extra"
    with pytest.raises(DownloadError, match="catalog expects"):
        manager.install("tiny-url")
    assert not (models_dir / "tiny-url").exists()


def test_two_installers_at_once_download_once(manager, blobs, server):
    results: list[Path] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(manager.install("tiny-url"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert len(results) == 2 and results[0] == results[1]
    assert len(server.hits_for(URL_FILE)) == 1


def test_local_source_copies_and_checks(models_dir, tmp_path, kit):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "m.gguf").write_bytes(b"gguf-bytes")
    catalog = kit.write_catalog(tmp_path / "c.toml", f"""
[[model]]
id = "mine"
kind = "llm"
name = "My model"
license = "MIT"
main = "m.gguf"
[model.source]
type = "local"
[[model.files]]
name = "m.gguf"
size = 10
sha256 = "{kit.sha(b"gguf-bytes")}"
""")
    manager = ModelManager(models_dir, catalog)
    with pytest.raises(NargisError, match="--from"):
        manager.install("mine")
    path = manager.install("mine", source_path=folder)
    assert path.read_bytes() == b"gguf-bytes" and path.parent == models_dir / "mine"
