"""Wheel installs, for real: pip downloads from a package index served on 127.0.0.1."""

from __future__ import annotations

import importlib.util
import socket

import pytest

from nargis_desktop.models import (
    ChecksumError,
    DownloadError,
    ModelManager,
    NetworkError,
    Progress,
    RemoteNotFoundError,
)

PART1 = "tiny_model_a/data/big.bin.part1"
PART2 = "tiny_model_b/data/big.bin.part2"
CONF = "tiny_model_b/data/config.json"


@pytest.fixture
def parts(kit):
    return {"p1": kit.payload(1_200_000, 5), "p2": kit.payload(900_000, 6), "conf": b"{}\n"}


@pytest.fixture
def published(local_index, kit, parts, tmp_path):
    """Two wheels on the local index; big.bin is split across them."""
    a = kit.build_wheel(tmp_path / "dist", "tiny-model-a", "1.0.0", {PART1: parts["p1"]})
    b = kit.build_wheel(tmp_path / "dist", "tiny-model-b", "1.0.0",
                        {PART2: parts["p2"], CONF: parts["conf"]})
    kit.publish_wheel(local_index, a, "tiny-model-a")
    kit.publish_wheel(local_index, b, "tiny-model-b")
    return {"tiny-model-a": a.stat().st_size, "tiny-model-b": b.stat().st_size}


def catalog_text(kit, parts, sizes, *, big_sha=None, member1=PART1, extra_pkg=""):
    big = parts["p1"] + parts["p2"]
    return f"""
[[model]]
id = "tiny-wheel"
kind = "stt"
name = "Tiny wheel model"
license = "MIT"
default = true
[model.source]
type = "wheel"
packages = [
  {{ name = "tiny-model-a", version = "1.0.0", size = {sizes["tiny-model-a"]} }},
  {{ name = "tiny-model-b", version = "1.0.0", size = {sizes["tiny-model-b"]} }},
  {extra_pkg}
]
[[model.files]]
name = "big.bin"
size = {len(big)}
sha256 = "{big_sha or kit.sha(big)}"
parts = [
  {{ package = "tiny-model-a", member = "{member1}" }},
  {{ package = "tiny-model-b", member = "{PART2}" }},
]
[[model.files]]
name = "config.json"
size = {len(parts["conf"])}
sha256 = "{kit.sha(parts["conf"])}"
parts = [{{ package = "tiny-model-b", member = "{CONF}" }}]
"""


@pytest.fixture
def manager(models_dir, tmp_path, kit, parts, published):
    catalog = kit.write_catalog(tmp_path / "c.toml", catalog_text(kit, parts, published))
    return ModelManager(models_dir, catalog)


def test_parts_from_two_wheels_concatenate(manager, models_dir, parts, local_index):
    seen: list[Progress] = []
    folder = manager.install("tiny-wheel", progress=seen.append)
    assert folder == models_dir / "tiny-wheel"
    assert (folder / "big.bin").read_bytes() == parts["p1"] + parts["p2"]
    assert (folder / "config.json").read_bytes() == parts["conf"]
    manager.verify("tiny-wheel")
    # pip fetched from our index; nothing was installed into the environment
    assert local_index.hits_for("/simple/tiny-model-a/")
    assert importlib.util.find_spec("tiny_model_a") is None
    # the temporary wheels are gone
    assert not list(models_dir.rglob("*.whl"))
    assert not (models_dir / ".staging" / "tiny-wheel").exists()
    stages = [p.stage for p in seen]
    assert "download" in stages and "extract" in stages
    extract = [p for p in seen if p.stage == "extract"]
    assert extract[-1].done == extract[-1].total == len(parts["p1"] + parts["p2"]) + 3


def test_install_defaults_uses_the_catalog_defaults(manager):
    paths = manager.install_defaults()
    assert [p.name for p in paths] == ["tiny-wheel"]


def test_wrong_checksum_installs_nothing_and_drops_wheels(models_dir, tmp_path, kit, parts,
                                                         published):
    text = catalog_text(kit, parts, published, big_sha="0" * 64)
    manager = ModelManager(models_dir, kit.write_catalog(tmp_path / "c.toml", text))
    with pytest.raises(ChecksumError, match="was deleted"):
        manager.install("tiny-wheel")
    assert not (models_dir / "tiny-wheel").exists()
    assert not manager.is_installed("tiny-wheel")
    assert not list(models_dir.rglob("*.whl"))


def test_package_missing_from_index(models_dir, tmp_path, kit, parts, published):
    extra = '{ name = "tiny-model-c", version = "2.0.0" },'
    text = catalog_text(kit, parts, published, extra_pkg=extra)
    manager = ModelManager(models_dir, kit.write_catalog(tmp_path / "c.toml", text))
    with pytest.raises(RemoteNotFoundError, match=r"tiny-model-c==2\.0\.0"):
        manager.install("tiny-wheel")
    assert not manager.is_installed("tiny-wheel")


def test_missing_member_says_catalog_is_out_of_date(models_dir, tmp_path, kit, parts, published):
    text = catalog_text(kit, parts, published, member1="tiny_model_a/nope.bin")
    manager = ModelManager(models_dir, kit.write_catalog(tmp_path / "c.toml", text))
    with pytest.raises(DownloadError, match=r"has no member tiny_model_a/nope\.bin"):
        manager.install("tiny-wheel")
    assert not (models_dir / "tiny-wheel").exists()


def test_index_unreachable(models_dir, tmp_path, kit, parts, published, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("PIP_INDEX_URL", f"http://127.0.0.1:{port}/simple/")
    text = catalog_text(kit, parts, published)
    manager = ModelManager(models_dir, kit.write_catalog(tmp_path / "c.toml", text))
    with pytest.raises(NetworkError, match="package index could not be reached") as err:
        manager.install("tiny-wheel")
    assert "pip config list" in str(err.value)
    assert not manager.is_installed("tiny-wheel")


def test_wheels_already_fetched_are_reused(manager, local_index, models_dir):
    """An install that failed after downloading keeps its wheels; the next one reuses them."""
    manager.install("tiny-wheel")
    manager.remove("tiny-wheel")
    staging_wheels = models_dir / ".staging" / "tiny-wheel" / "wheels"
    staging_wheels.mkdir(parents=True)
    for name, route in local_index.routes.items():
        if name.endswith(".whl"):
            (staging_wheels / name.rsplit("/", 1)[1]).write_bytes(route.body)
    before = len(local_index.hits)
    manager.install("tiny-wheel")
    assert len(local_index.hits) == before
