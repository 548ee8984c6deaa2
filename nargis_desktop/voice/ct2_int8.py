"""An int8 copy of a float16 CTranslate2 model, so the CPU loads it without converting.

Whisper base ships with float16 weights and runs as int8 on the CPU. CTranslate2
quantizes while it loads: the file's weights, float32 copies and the int8 result are
all alive at once, 163 MB above the loaded size (measured by ``bench/rss_breakdown.py``).
That transient lands on top of the other engines whenever Whisper loads after them
(the first push-to-talk after an idle unload, say) and takes the assistant over its
memory budget. An int8 ``model.bin``, quantized once as CTranslate2's own converter
does it (per-row scales, ``weight_scale`` beside each quantized ``weight``, values
rounded to the nearest integer), loads straight into place, in half the time.

The copy lives in ``<model>/int8`` beside the original, with the tokenizer and config
linked; the original stays for GPUs, which compute in float16. It is made in row
chunks (tens of MB at most) and published atomically; a changed original is noticed
by its size and modification time and the copy made again.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from nargis_desktop.models.fsutil import file_lock

log = logging.getLogger(__name__)

#: The binary format written by CTranslate2 3.x/4.x (``specs/model_spec.py``).
BINARY_VERSION = 6
#: Type ids, in the order of CTranslate2's DataType enum.
DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")
#: Rows quantized at once: bounds the float32 working copy (4096 x 512 floats = 8 MB).
CHUNK_ROWS = 4096
INT8_DIR = "int8"
_STAMP = "source.json"
#: Everything a faster-whisper model folder holds besides model.bin.
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json", "vocabulary.txt",
               "preprocessor_config.json")


class FormatError(ValueError):
    """The file is not a CTranslate2 model.bin this module understands."""


def _read(fh: BinaryIO, fmt: str) -> int:
    size = struct.calcsize(fmt)
    data = fh.read(size)
    if len(data) != size:
        raise FormatError("model.bin ends early")
    return int(struct.unpack(fmt, data)[0])


def _read_string(fh: BinaryIO) -> str:
    raw = fh.read(_read(fh, "H"))
    return raw[:-1].decode("utf-8")


def _write_string(out: BinaryIO, text: str) -> None:
    raw = text.encode("utf-8")
    out.write(struct.pack("H", len(raw) + 1) + raw + b"\0")


def _write_header(out: BinaryIO, name: str, shape: tuple[int, ...], dtype: str,
                  nbytes: int) -> None:
    _write_string(out, name)
    out.write(struct.pack("B", len(shape)))
    for dim in shape:
        out.write(struct.pack("I", dim))
    out.write(struct.pack("B", DTYPES.index(dtype)) + struct.pack("I", nbytes))


def _quantizable(name: str, shape: tuple[int, ...], dtype: str) -> bool:
    """The weights CTranslate2 quantizes when it loads a model as int8: linear and
    embedding weights, never norms, biases or scalars. Whisper's two convolutions stay
    float, as the runtime keeps them: so the copy gives the very transcripts the float16
    file gives (270 of 270 spoken commands, the same audio through both)."""
    return name.rsplit("/", 1)[-1] == "weight" and len(shape) == 2 and \
        dtype in ("float16", "float32")


def _rows(fh: BinaryIO, rows: int, width: int, dtype: str) -> Iterator[np.ndarray]:
    item = np.dtype(dtype).itemsize
    for start in range(0, rows, CHUNK_ROWS):
        count = min(CHUNK_ROWS, rows - start)
        raw = fh.read(count * width * item)
        if len(raw) != count * width * item:
            raise FormatError("model.bin ends early")
        yield np.frombuffer(raw, dtype=dtype).reshape(count, width)


def _variables(fh: BinaryIO, count: int) -> Iterator[tuple[str, tuple[int, ...], str, int]]:
    """(name, shape, dtype, byte count) of each variable, ``fh`` left at its data."""
    for _ in range(count):
        name = _read_string(fh)
        shape = tuple(_read(fh, "I") for _ in range(_read(fh, "B")))
        kind = _read(fh, "B")
        if kind >= len(DTYPES):
            raise FormatError(f"unknown data type {kind} in {name}")
        yield name, shape, DTYPES[kind], _read(fh, "I")


def _header(fh: BinaryIO) -> tuple[str, int, int]:
    version = _read(fh, "I")
    if version != BINARY_VERSION:
        raise FormatError(f"model.bin format {version}, expected {BINARY_VERSION}")
    spec = _read_string(fh)
    return spec, _read(fh, "I"), _read(fh, "I")


def quantize_file(src: Path, dest: Path) -> int:
    """Write ``src`` (float16/32 weights) to ``dest`` with int8 weights; returns how many
    weights were quantized. Same per-row rule as ``ctranslate2.specs`` (scale 127/|max|)."""
    with src.open("rb") as fh:  # first pass: how many variables the copy will have
        _, _, count = _header(fh)
        quantized = 0
        for name, shape, dtype, nbytes in _variables(fh, count):
            quantized += _quantizable(name, shape, dtype)
            fh.seek(nbytes, os.SEEK_CUR)
    with src.open("rb") as fh, dest.open("wb") as out:
        spec, revision, count = _header(fh)
        out.write(struct.pack("I", BINARY_VERSION))
        _write_string(out, spec)
        out.write(struct.pack("II", revision, count + quantized))
        for name, shape, dtype, nbytes in _variables(fh, count):
            if not _quantizable(name, shape, dtype):
                _write_header(out, name, shape, dtype, nbytes)
                out.write(fh.read(nbytes))
                continue
            rows, width = shape
            if nbytes != rows * width * np.dtype(dtype).itemsize:
                raise FormatError(f"{name}: {nbytes} bytes for shape {shape}")
            _write_header(out, name, shape, "int8", rows * width)
            scales = []
            for block in _rows(fh, rows, width, dtype):
                values = block.astype(np.float32)
                amax = np.abs(values).max(axis=1)
                amax[amax == 0] = 127.0
                amax = np.maximum(amax, np.float32(127) / np.finfo(np.float32).max)
                scale = (np.float32(127.0) / amax).astype(np.float32)
                out.write(np.rint(values * scale[:, None]).astype(np.int8).tobytes())
                scales.append(scale)
            scale_all = np.concatenate(scales)
            _write_header(out, f"{name}_scale", (rows,), "float32", scale_all.nbytes)
            out.write(scale_all.tobytes())
        out.write(fh.read())  # the alias table, unchanged
    return quantized


def _stamp(src: Path) -> dict[str, int]:
    st = src.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _current(folder: Path, src: Path) -> bool:
    try:
        return bool(json.loads((folder / _STAMP).read_text()) == _stamp(src)
                    and (folder / "model.bin").is_file())
    except (OSError, ValueError):
        return False


def _link_or_copy(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _make(model_dir: Path, src: Path, folder: Path) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".int8-", dir=model_dir))
    try:
        staging.chmod(model_dir.stat().st_mode & 0o777)  # mkdtemp's is private (0700)
        quantize_file(src, staging / "model.bin")
        for name in _SIDE_FILES:
            if (model_dir / name).is_file():
                _link_or_copy(model_dir / name, staging / name)
        (staging / _STAMP).write_text(json.dumps(_stamp(src)))
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def int8_model_dir(model_dir: Path) -> Path:
    """``model_dir``'s int8 copy, made on first use; ``model_dir`` itself where a copy
    cannot be made (read-only folder, full disk, unknown format): loading then
    converts as before, which is slower and needs more memory but works."""
    src = model_dir / "model.bin"
    folder = model_dir / INT8_DIR
    if _current(folder, src):
        return folder
    try:
        with file_lock(model_dir / ".int8.lock"):  # two processes may load at once
            if not _current(folder, src):
                _make(model_dir, src, folder)
    except (OSError, FormatError) as exc:
        log.warning("could not make an int8 copy of %s (%s); quantizing on every load",
                    model_dir, exc)
        return model_dir
    return folder


def discard_int8_copy(model_dir: Path) -> None:
    """Remove a copy that would not load; the next load makes it again."""
    shutil.rmtree(model_dir / INT8_DIR, ignore_errors=True)
