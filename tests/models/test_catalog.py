"""The real catalog is complete and valid; broken catalogs fail with a clear message."""

from __future__ import annotations

import pytest

from nargis_desktop.errors import NargisError
from nargis_desktop.models import (
    CatalogError,
    ModelNotInstalledError,
    UnknownModelError,
    default_catalog,
    default_catalog_path,
)
from nargis_desktop.settings import Settings

DEFAULT_IDS = {"whisper-base", "smollm2-135m", "gemma3-270m", "piper-joe-medium"}


@pytest.fixture(scope="module")
def catalog():
    return default_catalog()


def test_catalog_lives_in_the_top_level_models_folder():
    path = default_catalog_path()
    assert path.name == "catalog.toml" and path.parent.name == "models"


def test_defaults_are_pinned_wheels(catalog):
    defaults = catalog.defaults()
    assert {e.id for e in defaults} == DEFAULT_IDS
    for entry in defaults:
        assert entry.verify == "sha256"
        assert entry.source.type == "wheel"
        for f in entry.files:
            assert len(f.sha256) == 64 and f.size > 0 and f.parts
        for pkg in entry.source.packages:
            assert pkg.version and pkg.size > 0


def test_every_entry_is_usable(catalog):
    assert len(catalog) >= 14
    assert len(set(catalog.ids())) == len(catalog)
    kinds = {e.kind for e in catalog}
    assert kinds == {"stt", "llm", "tts"}
    for e in catalog:
        assert e.name and e.license and e.quality and e.hardware and e.capability, e.id
        assert e.size == sum(f.size for f in e.files) > 0
        if e.kind == "stt":
            assert e.main == "" and "model.bin" in {f.name for f in e.files}
        if e.kind == "llm":
            assert e.main.endswith(".gguf")
        if e.kind == "tts":
            assert e.main.endswith(".onnx")
            assert e.main + ".json" in {f.name for f in e.files}
        if e.source.type == "huggingface":
            assert "/" in e.source.repo
        if e.verify != "sha256":
            assert "estimat" in e.notes.lower() or "sha256" in e.notes.lower()


def test_settings_defaults_name_default_models(catalog):
    s = Settings()
    for model_id in (s.voice.stt_model, s.voice.tts_voice, s.llm.model):
        assert catalog.get(model_id).default


def test_unknown_id_suggests_close_ones(catalog):
    with pytest.raises(UnknownModelError) as err:
        catalog.get("whisper-bse")
    assert "Did you mean: whisper-base" in str(err.value)
    assert "nargis models list" in str(err.value)
    with pytest.raises(UnknownModelError, match="Unknown model 'zzz'"):
        catalog.get("zzz")


def test_not_installed_error_names_model_and_fix():
    err = ModelNotInstalledError("whisper-base")
    assert isinstance(err, NargisError)
    assert "whisper-base" in err.message
    assert err.hint == "Run: nargis models install whisper-base"


GOOD = """
[[model]]
id = "ok"
kind = "llm"
name = "ok"
license = "MIT"
[model.source]
type = "url"
[[model.files]]
name = "a.gguf"
url = "https://example.org/a.gguf"
size = 5
sha256 = "%s"
""" % ("a" * 64)


@pytest.mark.parametrize(("broken", "expected"), [
    (GOOD.replace('id = "ok"', 'id = "Bad Id"'), "id must be"),
    (GOOD.replace('kind = "llm"', 'kind = "vision"'), "'kind' = 'vision' is not one of"),
    (GOOD.replace("a" * 64, "xyz"), "'sha256' must be 64 hex digits"),
    (GOOD.replace('license = "MIT"\n', ""), "missing required key 'license'"),
    (GOOD.replace('license = "MIT"', 'license = "MIT"\nlicence = "x"'), "unknown key(s) licence"),
    (GOOD.replace('url = "https://example.org/a.gguf"', 'url = "ftp://x"'), "http(s) 'url'"),
    (GOOD.replace('name = "a.gguf"', 'name = "../a.gguf"'), "plain file name"),
    (GOOD.replace('license = "MIT"', 'license = "MIT"\nsize = 6'), "add up to 5 bytes"),
    (GOOD.replace('license = "MIT"', 'license = "MIT"\nmain = "b.gguf"'), "not one of its files"),
    (GOOD.replace('license = "MIT"', 'license = "MIT"\ndefault = true\nverify = "size"'),
     "default model must be pinned"),
    (GOOD.replace('sha256 = "' + "a" * 64 + '"', ""), "needs a sha256 for every file"),
    (GOOD + GOOD, "already defined"),
    (GOOD.replace('type = "url"', 'type = "wheel"\npackages = [{ name = "p", version = "1" }]'),
     "needs 'parts'"),
    ("[[model]]\nid = 3", "'id' must be text"),
    ("model = [", "cannot be read"),
])
def test_broken_catalog_entries_fail_clearly(tmp_path, kit, broken, expected):
    with pytest.raises(CatalogError) as err:
        kit.write_catalog(tmp_path / "c.toml", broken)
    assert expected in str(err.value)
    assert str(tmp_path / "c.toml") in str(err.value)


def test_user_catalog_adds_entries(tmp_path):
    user = tmp_path / "models.toml"
    user.write_text(GOOD)
    cat = default_catalog(user)
    assert "ok" in cat and "whisper-base" in cat
    user.write_text(GOOD.replace('id = "ok"', 'id = "whisper-base"'))
    with pytest.raises(CatalogError, match="already defined"):
        default_catalog(user)
