"""Sample-level helpers shared by capture, files and engines: mono, resampling, levels.

Resampling uses FFmpeg's swresample through PyAV (already needed by faster-whisper),
so it is band-limited and streams: a chunk at a time, no clicks at chunk borders.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nargis_desktop.voice.errors import AudioFormatError
from nargis_desktop.voice.protocols import STT_SAMPLE_RATE, Samples

#: Rates below this cannot carry intelligible speech; above, nothing records.
MIN_RATE, MAX_RATE = 4_000, 384_000


def check_rate(rate: int) -> int:
    if not isinstance(rate, int) or not MIN_RATE <= rate <= MAX_RATE:
        raise AudioFormatError(
            f"Sample rate {rate!r} Hz is not usable for speech.",
            hint=f"Give the real rate of the samples ({MIN_RATE}–{MAX_RATE} Hz, e.g. 16000).",
        )
    return rate


def to_mono(samples: NDArray[Any]) -> Samples:
    """Float32 mono from int16/int32/float input shaped (n,) or (n, channels)."""
    arr = np.asarray(samples)
    if arr.ndim == 2:
        arr = arr.mean(axis=1) if arr.shape[1] > 1 else arr[:, 0]
    elif arr.ndim != 1:
        raise AudioFormatError(f"Expected samples shaped (n,) or (n, channels), got {arr.shape}.")
    if arr.dtype == np.int16:
        return (arr.astype(np.float32) / 32768.0).astype(np.float32)
    if arr.dtype == np.int32:
        return (arr.astype(np.float64) / 2**31).astype(np.float32)
    if not np.issubdtype(arr.dtype, np.floating):
        raise AudioFormatError(f"Unsupported sample type {arr.dtype}; use float32 or int16.")
    return np.ascontiguousarray(arr, dtype=np.float32)


def rms(samples: Samples) -> float:
    """Root-mean-square level in [0, 1]; 0 for an empty block."""
    if samples.size == 0:
        return 0.0
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))


def level_dbfs(samples: Samples) -> float:
    """Level in dBFS (-100 for digital silence), handy for a UI meter."""
    value = rms(samples)
    return -100.0 if value <= 1e-5 else max(-100.0, 20.0 * math.log10(value))


class StreamResampler:
    """Mono float32 from ``src_rate`` to ``dst_rate``, one block at a time."""

    def __init__(self, src_rate: int, dst_rate: int = STT_SAMPLE_RATE) -> None:
        self.src_rate = check_rate(src_rate)
        self.dst_rate = check_rate(dst_rate)
        self._resampler: Any = None
        if src_rate != dst_rate:
            import av

            self._resampler = av.AudioResampler(format="flt", layout="mono", rate=dst_rate)

    def process(self, block: Samples) -> Samples:
        if self._resampler is None:
            return block
        if block.size == 0:
            return np.zeros(0, np.float32)
        import av

        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(block, dtype=np.float32).reshape(1, -1),
            format="flt", layout="mono")
        frame.sample_rate = self.src_rate
        return self._collect(self._resampler.resample(frame))

    def flush(self) -> Samples:
        if self._resampler is None:
            return np.zeros(0, np.float32)
        return self._collect(self._resampler.resample(None))

    @staticmethod
    def _collect(frames: list[Any]) -> Samples:
        parts = [f.to_ndarray().reshape(-1) for f in frames]
        if not parts:
            return np.zeros(0, np.float32)
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)


def resample(samples: Samples, src_rate: int, dst_rate: int = STT_SAMPLE_RATE) -> Samples:
    """Whole-array resampling (mono float32)."""
    if src_rate == dst_rate:
        return samples
    r = StreamResampler(src_rate, dst_rate)
    out = r.process(samples)
    tail = r.flush()
    return np.concatenate([out, tail]) if tail.size else out


def prepare_for_stt(samples: NDArray[Any], sample_rate: int) -> Samples:
    """Any mono/stereo int/float samples at any rate → 16 kHz mono float32, clipped."""
    mono = to_mono(samples)
    out = resample(mono, check_rate(sample_rate), STT_SAMPLE_RATE)
    if out.size and not np.all(np.isfinite(out)):
        raise AudioFormatError("The samples contain NaN or infinite values.")
    return np.clip(out, -1.0, 1.0).astype(np.float32, copy=False)
