"""The int8 copy of Whisper's float16 model: same format CTranslate2 reads, weights
within rounding of the originals, made once, remade when the original changes, and
never in the way when it cannot be made."""

from __future__ import annotations

import logging
import os
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest
from voice_helpers import SpeechFactory, words_heard

from nargis_desktop.models import ModelManager
from nargis_desktop.voice import ct2_int8
from nargis_desktop.voice.ct2_int8 import FormatError, int8_model_dir, quantize_file
from nargis_desktop.voice.stt import WhisperSTT


def _write_model(path: Path, variables: dict[str, np.ndarray], aliases: dict[str, str]) -> None:
    """A model.bin in CTranslate2's binary format, as ``ctranslate2.specs`` writes it."""
    def string(text: str) -> bytes:
        raw = text.encode()
        return struct.pack("H", len(raw) + 1) + raw + b"\0"

    out = struct.pack("I", ct2_int8.BINARY_VERSION) + string("TestSpec") + struct.pack("I", 1)
    out += struct.pack("I", len(variables))
    for name, value in sorted(variables.items()):
        out += string(name) + struct.pack("B", value.ndim)
        out += b"".join(struct.pack("I", d) for d in value.shape)
        out += struct.pack("B", ct2_int8.DTYPES.index(str(value.dtype)))
        out += struct.pack("I", value.nbytes) + value.tobytes()
    out += struct.pack("I", len(aliases))
    for alias, target in aliases.items():
        out += string(alias) + string(target)
    path.write_bytes(out)


def _read_model(path: Path) -> tuple[dict[str, np.ndarray], bytes]:
    with path.open("rb") as fh:
        _, _, count = ct2_int8._header(fh)
        found = {}
        for name, shape, dtype, nbytes in ct2_int8._variables(fh, count):
            found[name] = np.frombuffer(fh.read(nbytes), dtype=dtype).reshape(shape)
        return found, fh.read()


def _model(folder: Path) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    variables: dict[str, np.ndarray] = {
        "decoder/embeddings/weight": rng.normal(size=(5000, 64)).astype(np.float16),
        "decoder/layer_0/linear_0/weight": rng.normal(size=(96, 64)).astype(np.float16),
        "decoder/layer_0/linear_0/bias": rng.normal(size=(96,)).astype(np.float16),
        "decoder/layer_0/layer_norm/gamma": np.ones(64, np.float16),
        "encoder/conv1/weight": rng.normal(size=(64, 8, 3)).astype(np.float16),
        "decoder/zero/weight": np.zeros((4, 64), np.float16),
        "decoder/scale_embeddings": np.array(1, np.int8),
    }
    folder.mkdir(parents=True, exist_ok=True)
    _write_model(folder / "model.bin", variables,
                 {"decoder/projection/weight": "decoder/embeddings/weight"})
    (folder / "config.json").write_text("{}")
    (folder / "tokenizer.json").write_text("{}")
    return variables


def test_weights_are_quantized_per_row_and_everything_else_is_kept(tmp_path: Path) -> None:
    original = _model(tmp_path / "m")
    assert quantize_file(tmp_path / "m" / "model.bin", tmp_path / "q.bin") == 3
    got, aliases = _read_model(tmp_path / "q.bin")
    assert aliases == _read_model(tmp_path / "m" / "model.bin")[1]  # the alias table
    for name in ("decoder/embeddings/weight", "decoder/layer_0/linear_0/weight"):
        weight, scale = got[name], got[f"{name}_scale"]
        assert weight.dtype == np.int8 and scale.shape == (weight.shape[0],)
        assert np.abs(weight).max(axis=1).min() == 127  # every row uses the full range
        restored = weight.astype(np.float32) / scale[:, None]
        step = np.abs(original[name].astype(np.float32)).max(axis=1) / 127
        assert np.all(np.abs(restored - original[name]) <= step[:, None] / 2 + 1e-6)
    assert not got["decoder/zero/weight"].any() and got["decoder/zero/weight_scale"].all()
    for kept in ("decoder/layer_0/linear_0/bias", "decoder/layer_0/layer_norm/gamma",
                 "encoder/conv1/weight", "decoder/scale_embeddings"):
        assert got[kept].dtype == original[kept].dtype
        assert np.array_equal(got[kept], original[kept]), kept
    assert sorted(got) == sorted(set(original) | {
        f"{n}_scale" for n in ("decoder/embeddings/weight", "decoder/layer_0/linear_0/weight",
                               "decoder/zero/weight")})


def test_the_copy_is_made_once_and_again_when_the_original_changes(tmp_path: Path) -> None:
    _model(tmp_path / "m")
    folder = int8_model_dir(tmp_path / "m")
    assert folder == tmp_path / "m" / "int8"
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json", "model.bin", "source.json", "tokenizer.json"]
    made = (folder / "model.bin").stat().st_mtime_ns
    assert int8_model_dir(tmp_path / "m") == folder
    assert (folder / "model.bin").stat().st_mtime_ns == made  # reused, not remade
    _model(tmp_path / "m")  # reinstalled: a new original
    later = made + 5_000_000_000
    os.utime(tmp_path / "m" / "model.bin", ns=(later, later))
    assert int8_model_dir(tmp_path / "m") == folder
    assert (folder / "model.bin").stat().st_mtime_ns != made
    assert not list((tmp_path / "m").glob(".int8-*"))  # no staging left behind


@pytest.mark.parametrize("damage", ["version", "truncated"])
def test_a_file_it_cannot_read_falls_back_to_the_original(
        tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture) -> None:
    _model(tmp_path / "m")
    path = tmp_path / "m" / "model.bin"
    data = path.read_bytes()
    path.write_bytes(struct.pack("I", 99) + data[4:] if damage == "version"
                     else data[:len(data) // 2])
    with pytest.raises(FormatError):
        quantize_file(path, tmp_path / "q.bin")
    with caplog.at_level(logging.WARNING):
        assert int8_model_dir(tmp_path / "m") == tmp_path / "m"
    assert "could not make an int8 copy" in caplog.text
    assert not (tmp_path / "m" / "int8").exists()
    assert not list((tmp_path / "m").glob(".int8-*"))
    assert path.stat().st_size > 0  # the original is never touched


def test_whisper_on_the_cpu_loads_the_int8_copy_and_still_hears_right(
        voice_models: ModelManager, tmp_path: Path, speech: SpeechFactory) -> None:
    model = tmp_path / "whisper-base"
    shutil.copytree(voice_models.path("whisper-base"), model,
                    ignore=shutil.ignore_patterns(ct2_int8.INT8_DIR, ".int8*"))
    stt = WhisperSTT(model, device="cpu", compute_type="int8", language="en",
                     model_id="whisper-base", beam_size=1)
    copy = model / ct2_int8.INT8_DIR / "model.bin"
    assert copy.is_file()
    assert copy.stat().st_size < 0.55 * (model / "model.bin").stat().st_size
    said = "Add a task to call the plumber tomorrow at 5 PM."
    heard = stt.transcribe_file(speech.piper(said)).text
    assert words_heard(said, heard), heard


def test_a_damaged_copy_falls_back_to_the_original_and_is_made_again(
        voice_models: ModelManager, tmp_path: Path, speech: SpeechFactory,
        caplog: pytest.LogCaptureFixture) -> None:
    model = tmp_path / "whisper-base"
    shutil.copytree(voice_models.path("whisper-base"), model,
                    ignore=shutil.ignore_patterns(ct2_int8.INT8_DIR, ".int8*"))
    copy = int8_model_dir(model) / "model.bin"
    copy.write_bytes(copy.read_bytes()[:1000])  # damaged after it was made
    with caplog.at_level(logging.WARNING):
        stt = WhisperSTT(model, device="cpu", compute_type="int8", language="en",
                         model_id="whisper-base", beam_size=1)
    assert "did not load" in caplog.text and not copy.exists()
    said = "Add a task to call the plumber tomorrow at 5 PM."
    assert words_heard(said, stt.transcribe_file(speech.piper(said)).text)
    assert int8_model_dir(model) == model / ct2_int8.INT8_DIR  # made again


def test_the_copy_hears_exactly_what_the_float16_model_hears(
        voice_models: ModelManager, speech: SpeechFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Quantized ahead as CTranslate2 quantizes while loading: the same weights, so the
    same transcripts, word for word (no eval cache needs to be thrown away)."""
    from nargis_desktop.voice import stt as stt_module

    def load(folder_for: object) -> WhisperSTT:
        monkeypatch.setattr(stt_module, "int8_model_dir", folder_for)
        return WhisperSTT(voice_models.path("whisper-base"), device="cpu",
                          compute_type="int8", language="en", model_id="whisper-base",
                          beam_size=1)

    copy, converted = load(int8_model_dir), load(lambda folder: folder)
    clips = [speech.piper(text) for text in (
        "Log three glasses of water.", "What's my meditate streak?",
        "Journal: today was hard but good, I finished the report and went for a walk.")]
    clips.append(speech.espeak("Move call the bank to next Tuesday."))
    for clip in clips:
        assert copy.transcribe_file(clip).text == converted.transcribe_file(clip).text
