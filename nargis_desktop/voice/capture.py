"""Recording: a microphone or a file, delivered as 16 kHz mono through one interface.

Both sources run the same pipeline: mix to mono, resample to 16 kHz, keep the
utterance in a ring buffer capped at the maximum length, report an RMS level per
block (for a meter) and hand each block to ``on_audio`` (e.g. the incremental
transcriber). PortAudio's callback only copies the block into a queue; the work
happens on a separate thread so a slow listener can never make the device drop
audio.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from nargis_desktop.voice.audio import StreamResampler, rms, to_mono
from nargis_desktop.voice.audio_file import AudioFileReader
from nargis_desktop.voice.devices import (
    AudioDevice,
    accepts_rate,
    explain,
    pick_rate,
    resolve_device,
    sounddevice,
)
from nargis_desktop.voice.errors import AudioDeviceError
from nargis_desktop.voice.protocols import STT_SAMPLE_RATE, Samples

log = logging.getLogger(__name__)

AudioListener = Callable[[Samples], None]
LevelListener = Callable[[float], None]


class RingBuffer:
    """Fixed-size float32 buffer that keeps the newest ``capacity`` samples."""

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self._data = np.zeros(self.capacity, np.float32)
        self.written = 0

    def write(self, samples: Samples) -> None:
        n = samples.size
        if n >= self.capacity:
            self.written += n
            self._data[:] = np.roll(samples[-self.capacity:], self.written % self.capacity)
            return
        start = self.written % self.capacity
        first = min(n, self.capacity - start)
        self._data[start:start + first] = samples[:first]
        self._data[: n - first] = samples[first:]
        self.written += n

    def read(self) -> Samples:
        """The stored samples, oldest first."""
        if self.written <= self.capacity:
            return self._data[: self.written].copy()
        start = self.written % self.capacity
        return np.concatenate([self._data[start:], self._data[:start]])

    def clear(self) -> None:
        self.written = 0


class AudioCapture:
    """Shared pipeline of every source; subclasses produce blocks at ``source_rate``."""

    def __init__(self, *, max_seconds: float = 30.0, on_audio: AudioListener | None = None,
                 on_level: LevelListener | None = None,
                 on_limit: Callable[[], None] | None = None) -> None:
        self.max_seconds = max_seconds
        self.on_audio = on_audio
        self.on_level = on_level
        self.on_limit = on_limit
        self._ring = RingBuffer(int(max_seconds * STT_SAMPLE_RATE))
        self._resampler: StreamResampler | None = None
        self._lock = threading.Lock()
        self.level = 0.0
        self.peak = 0.0
        self.limit_reached = False
        self.running = False

    # ------------------------------------------------------------------ pipeline

    def _begin(self, source_rate: int) -> None:
        self._resampler = StreamResampler(source_rate, STT_SAMPLE_RATE)
        self._ring.clear()
        self.level = self.peak = 0.0
        self.limit_reached = False
        self.running = True

    def _deliver(self, block: Any) -> None:
        """Source-rate samples in; 16 kHz out to the ring, the meter and the listener."""
        if self.limit_reached or self._resampler is None:
            return
        pcm = self._resampler.process(to_mono(block))
        self._push(pcm)

    def _finish_pipeline(self) -> None:
        if self._resampler is not None and not self.limit_reached:
            self._push(self._resampler.flush())

    def _push(self, pcm: Samples) -> None:
        if pcm.size == 0:
            return
        room = self._ring.capacity - self._ring.written
        hit_limit = pcm.size >= room
        if hit_limit:
            pcm = pcm[: max(0, room)]
        with self._lock:
            self._ring.write(pcm)
        self.level = rms(pcm)
        self.peak = max(self.peak, float(np.max(np.abs(pcm))) if pcm.size else 0.0)
        _call(self.on_level, self.level)
        _call(self.on_audio, pcm)
        if hit_limit:
            self.limit_reached = True
            _call(self.on_limit)

    # ------------------------------------------------------------------ reading

    def recording(self) -> Samples:
        """Everything captured so far (16 kHz mono float32)."""
        with self._lock:
            return self._ring.read()

    @property
    def seconds(self) -> float:
        return self._ring.written / STT_SAMPLE_RATE

    @property
    def silent(self) -> bool:
        """True when not one sample was above zero: a muted or blocked microphone."""
        return self._ring.written > 0 and self.peak == 0.0

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> Samples:
        raise NotImplementedError


class MicrophoneCapture(AudioCapture):
    """Record from an input device chosen by name or index (None: the system default)."""

    def __init__(self, device: str | int | None = None, *, block_ms: int = 30,
                 preferred_rate: int = STT_SAMPLE_RATE, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.device_spec = device
        self.block_ms = block_ms
        self.preferred_rate = preferred_rate
        self.device: AudioDevice | None = None
        self.sample_rate = 0
        self.overflows = 0
        self._stream: Any = None
        self._stream_lock = threading.Lock()
        self._queue: queue.Queue[Any] = queue.Queue()
        self._worker: threading.Thread | None = None

    def start(self) -> None:
        sd = sounddevice()
        device = resolve_device(self.device_spec, "input")
        channels = 1 if device.inputs >= 1 else device.inputs
        try:
            rate = pick_rate(accepts_rate(device, "input", channels), [self.preferred_rate],
                             device)
            stream = sd.InputStream(device=device.index, samplerate=rate, channels=channels,
                                    dtype="float32", blocksize=rate * self.block_ms // 1000,
                                    callback=self._callback)
            stream.start()
        except AudioDeviceError:
            raise
        except Exception as exc:
            raise explain(exc, device, "input") from exc
        self.device, self.sample_rate, self._stream = device, rate, stream
        self._begin(rate)
        self._worker = threading.Thread(target=self._drain, name="nargis-capture", daemon=True)
        self._worker.start()

    def _callback(self, indata: Any, frames: int, when: Any, status: Any) -> None:
        if status and status.input_overflow:
            self.overflows += 1
        self._queue.put(indata.copy())

    def _drain(self) -> None:
        while True:
            block = self._queue.get()
            if block is None:
                return
            try:
                self._deliver(block)
            except Exception:
                log.exception("processing a recorded block failed")
            if self.limit_reached:
                self._close_stream()  # max utterance length: release the microphone

    def _close_stream(self) -> None:
        with self._stream_lock:
            stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:
                log.debug("closing the input stream failed", exc_info=True)

    def stop(self) -> Samples:
        """Stop recording and return the utterance."""
        self._close_stream()
        if self._worker is not None:
            self._queue.put(None)
            self._worker.join()
            self._worker = None
        self._finish_pipeline()
        self.running = False
        return self.recording()


class FileSource(AudioCapture):
    """Feed an audio file through the capture pipeline (tests, ``nargis listen FILE``).

    ``realtime`` paces blocks like a live microphone, so incremental decoding
    behaves as it would while someone speaks.
    """

    def __init__(self, path: str | Path, *, realtime: bool = False, block_ms: int = 30,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.path = Path(path)
        self.realtime = realtime
        self.block_ms = block_ms
        self.sample_rate = STT_SAMPLE_RATE
        self.notes: list[str] = []
        self._reader = AudioFileReader(self.path)  # fails now on a missing/empty file
        self._stop = threading.Event()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self) -> None:
        self._begin(STT_SAMPLE_RATE)
        self._stop.clear()
        self._done.clear()
        self._thread = threading.Thread(target=self._pump, name="nargis-file-source",
                                        daemon=True)
        self._thread.start()

    def _pump(self) -> None:
        step = STT_SAMPLE_RATE * self.block_ms // 1000
        started = time.perf_counter()
        sent = 0
        try:
            for block in self._reader.blocks(block_s=1.0):
                for i in range(0, block.size, step):
                    if self._stop.is_set() or self.limit_reached:
                        return
                    piece = block[i:i + step]
                    self._deliver(piece)
                    sent += piece.size
                    if self.realtime:
                        ahead = started + sent / STT_SAMPLE_RATE - time.perf_counter()
                        if ahead > 0:
                            self._stop.wait(ahead)
            self.notes.extend(self._reader.notes)
        except BaseException as exc:  # reported to the caller by wait()/stop()
            self.error = exc
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the whole file was delivered; re-raise a decoding error."""
        finished = self._done.wait(timeout)
        if self.error is not None:
            raise self.error
        return finished

    def stop(self) -> Samples:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.running = False
        if self.error is not None:
            raise self.error
        return self.recording()


def _call(fn: Callable[..., None] | None, *args: Any) -> None:
    if fn is None:
        return
    try:
        fn(*args)
    except Exception:
        log.exception("audio listener failed")
