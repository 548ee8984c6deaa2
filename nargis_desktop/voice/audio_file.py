"""Reading audio files of any common format as 16 kHz mono, a block at a time.

PyAV (FFmpeg) decodes WAV, FLAC, MP3, OGG/Opus, M4A/AAC, WebM and more. Files are
streamed so an hour-long recording never sits in memory whole. Damage is reported
plainly: an empty file, a file that is not audio, or one that ends early (decoded
as far as it goes, with a note saying so).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from nargis_desktop.voice.errors import AudioFileError
from nargis_desktop.voice.protocols import STT_SAMPLE_RATE, Samples

_FORMATS_HINT = "Use a WAV, FLAC, MP3, OGG, M4A or WebM recording."


class AudioFileReader:
    """Decode one file; iterate :meth:`blocks`, then read ``notes`` and ``decoded_s``."""

    def __init__(self, path: str | Path, *, sample_rate: int = STT_SAMPLE_RATE) -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.notes: list[str] = []
        self.decoded_samples = 0
        #: What the container claims, when it says (None for raw streams).
        self.declared_s: float | None = None
        _check_file(self.path)

    @property
    def decoded_s(self) -> float:
        return self.decoded_samples / self.sample_rate

    def blocks(self, block_s: float = 30.0) -> Iterator[Samples]:
        """Yield float32 blocks of about ``block_s`` seconds (the last may be shorter)."""
        import av

        target = max(1, int(block_s * self.sample_rate))
        container = _open(self.path)
        try:
            if not container.streams.audio:
                raise AudioFileError(f"{self.path} is not an audio file (no audio track found).",
                                     hint=_FORMATS_HINT)
            stream = container.streams.audio[0]
            self.declared_s = _wav_declared_seconds(self.path) or _declared_seconds(
                container, stream)
            resampler = av.AudioResampler(format="flt", layout="mono", rate=self.sample_rate)
            pending: list[Samples] = []
            count = 0
            for frame in _frames(container, stream, self):
                frame.pts = None
                for out in resampler.resample(frame):
                    arr = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                    pending.append(arr)
                    count += arr.size
                if count >= target:
                    block = np.concatenate(pending)
                    pending = [block[target:]]
                    count = pending[0].size
                    self.decoded_samples += target
                    yield block[:target]
            for out in resampler.resample(None):
                arr = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                pending.append(arr)
                count += arr.size
            if count:
                self.decoded_samples += count
                yield np.concatenate(pending)
        finally:
            container.close()
        self._check_complete()

    def read(self, max_seconds: float | None = None) -> Samples:
        """The whole file (or its first ``max_seconds``) as one array."""
        parts: list[Samples] = []
        got = 0
        limit = None if max_seconds is None else int(max_seconds * self.sample_rate)
        for block in self.blocks():
            parts.append(block)
            got += block.size
            if limit is not None and got >= limit:
                break
        audio = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return audio if limit is None else audio[:limit]

    def _check_complete(self) -> None:
        if self.decoded_samples == 0:
            raise AudioFileError(
                f"{self.path} contains no audio samples (it may be cut off after the header).",
                hint=_FORMATS_HINT)
        declared = self.declared_s
        if declared and self.decoded_s < declared * 0.95 - 0.1:
            self.notes.append(
                f"The file ends early: it claims {declared:.1f} s but only "
                f"{self.decoded_s:.1f} s could be decoded (truncated?). "
                "Transcribed what was there.")


def read_audio(path: str | Path, *, sample_rate: int = STT_SAMPLE_RATE) -> Samples:
    """Convenience: the whole file as 16 kHz mono float32."""
    return AudioFileReader(path, sample_rate=sample_rate).read()


def _check_file(path: Path) -> None:
    if not path.exists():
        raise AudioFileError(f"No such file: {path}.")
    if path.is_dir():
        raise AudioFileError(f"{path} is a folder, not an audio file.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AudioFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise AudioFileError(f"{path} is empty (0 bytes).",
                             hint="Record again, or choose another file.")


def _open(path: Path) -> Any:
    import av

    try:
        return av.open(str(path), mode="r")
    except PermissionError as exc:
        raise AudioFileError(f"Permission denied reading {path}.") from exc
    except (av.error.InvalidDataError, IndexError, UnicodeDecodeError) as exc:
        raise AudioFileError(f"{path} is not an audio file that can be decoded.",
                             hint=_FORMATS_HINT) from exc
    except av.error.FFmpegError as exc:
        raise AudioFileError(f"{path} cannot be decoded: {exc}.", hint=_FORMATS_HINT) from exc


def _declared_seconds(container: Any, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / 1_000_000
    return None


def _wav_declared_seconds(path: Path) -> float | None:
    """Duration a RIFF/WAVE header promises; FFmpeg trusts the file size instead,
    so this is how a truncated WAV is told apart from a short one."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, byte_rate = 12, 0
    while pos + 8 <= len(head):
        chunk, size = head[pos:pos + 4], int.from_bytes(head[pos + 4:pos + 8], "little")
        if chunk == b"fmt " and pos + 20 <= len(head):
            byte_rate = int.from_bytes(head[pos + 16:pos + 20], "little")
        elif chunk == b"data":
            if byte_rate <= 0 or size in (0, 0xFFFFFFFF):
                return None  # streaming writers leave the size open
            return size / byte_rate
        pos += 8 + size + (size & 1)
    return None


def _frames(container: Any, stream: Any, reader: AudioFileReader) -> Iterator[Any]:
    """Decoded frames; corrupt packets are skipped and noted instead of aborting."""
    import av

    skipped = 0
    try:
        for packet in container.demux(stream):
            try:
                yield from packet.decode()
            except av.error.InvalidDataError:
                skipped += 1
    except av.error.FFmpegError as exc:
        reader.notes.append(f"Decoding stopped early: {exc}.")
    if skipped:
        reader.notes.append(f"Skipped {skipped} damaged packet(s) of audio.")
