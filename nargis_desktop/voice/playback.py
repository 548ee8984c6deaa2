"""Playback of streamed speech, with a stop that is heard within ~50 ms (barge-in).

A feeder thread pulls chunks from the (lazy) TTS iterator, so synthesis of the
next sentence overlaps playback of the current one; it stays at most a few
seconds ahead, so a 50,000-character reply never piles up in memory. The output
stream uses small blocks and low latency; :meth:`AudioPlayer.stop` aborts it,
which drops what is queued in the device instead of draining it.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from nargis_desktop.voice.audio import StreamResampler
from nargis_desktop.voice.devices import (
    AudioDevice,
    accepts_rate,
    explain,
    pick_rate,
    resolve_device,
    sounddevice,
)
from nargis_desktop.voice.errors import AudioDeviceError
from nargis_desktop.voice.protocols import Samples, SpeechChunk

log = logging.getLogger(__name__)

#: The feeder waits while this much audio is already queued.
AHEAD_SECONDS = 4.0
#: Silence played after the last chunk, beyond the stream's own latency: when the
#: callback ends the stream, PortAudio over PulseAudio (ALSA plugin) drops what is
#: still buffered, which cut the last ~60 ms of every sound on the virtual speaker.
TAIL_MARGIN_S = 0.05


class AudioPlayer:
    """Plays chunks on an output device (None: the system default). One stream at a time."""

    def __init__(self, device: str | int | None = None, *, block_ms: int = 20) -> None:
        self.device_spec = device
        self.block_ms = block_ms
        self.device: AudioDevice | None = None
        self.sample_rate = 0
        self.underflows = 0
        self.played_samples = 0
        self._queue: collections.deque[Samples] = collections.deque()
        self._queued = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._done = threading.Event()
        self._done.set()
        self._feeding = False
        self._stream: Any = None
        #: PortAudio hangs when one thread closes a stream another is aborting (a
        #: barge-in's stop against the end of ``wait``): the two take turns.
        self._stream_lock = threading.Lock()
        self._feeder: threading.Thread | None = None
        self._tail = 0  # samples of silence after the last chunk (see TAIL_MARGIN_S)
        self.error: BaseException | None = None

    @property
    def is_playing(self) -> bool:
        return not self._done.is_set()

    def play(self, chunks: Iterable[SpeechChunk], *, wait: bool = True) -> None:
        """Play speech as it is produced; returns at the end (or at once if ``wait`` is False)."""
        self.stop()
        iterator = iter(chunks)
        first = next(iterator, None)
        if first is None:
            return
        self._open(first.sample_rate)
        self._feeder = threading.Thread(target=self._feed, args=(first, iterator),
                                        name="nargis-playback-feed", daemon=True)
        self._feeder.start()
        if wait:
            self.wait()

    def play_samples(self, samples: Samples, sample_rate: int, *, wait: bool = True) -> None:
        self.play([SpeechChunk(np.asarray(samples, np.float32), sample_rate, "")], wait=wait)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until playback ends or is stopped; re-raise a feeder error."""
        finished = self._done.wait(timeout)
        if finished:
            self._close()
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        return finished

    def stop(self) -> None:
        """Silence now (barge-in): abort the stream, drop queued audio, stop synthesis."""
        self._stop.set()
        with self._cond:
            self._queue.clear()
            self._queued = 0
            self._cond.notify_all()
        with self._stream_lock:
            stream = self._stream
            if stream is not None:
                try:
                    stream.abort()
                except Exception:
                    log.debug("aborting the output stream failed", exc_info=True)
        self._done.set()
        self._close()

    # ------------------------------------------------------------------ internals

    def _open(self, source_rate: int) -> None:
        sd = sounddevice()
        device = resolve_device(self.device_spec, "output")
        try:
            rate = pick_rate(accepts_rate(device, "output", 1), [source_rate], device)
            self._resampler = StreamResampler(source_rate, rate)
            self._stop.clear()
            self._done.clear()
            self._feeding = True
            stream = sd.OutputStream(device=device.index, samplerate=rate, channels=1,
                                     dtype="float32", blocksize=rate * self.block_ms // 1000,
                                     latency="low", callback=self._callback,
                                     finished_callback=self._done.set)
            with self._stream_lock:
                self._stream = stream
                stream.start()
            self._tail = int(rate * (float(stream.latency) + TAIL_MARGIN_S))
        except AudioDeviceError:
            self._done.set()
            raise
        except Exception as exc:
            self._done.set()
            raise explain(exc, device, "output") from exc
        self.device, self.sample_rate = device, rate

    def _feed(self, first: SpeechChunk, rest: Iterator[SpeechChunk]) -> None:
        try:
            for chunk in _chain(first, rest):
                if self._stop.is_set():
                    return
                pcm = self._resampler.process(np.asarray(chunk.samples, np.float32))
                self._enqueue(pcm)
            self._enqueue(self._resampler.flush())
            self._enqueue(np.zeros(self._tail, np.float32))
        except BaseException as exc:
            self.error = exc
        finally:
            with self._cond:
                self._feeding = False
                self._cond.notify_all()

    def _enqueue(self, pcm: Samples) -> None:
        if pcm.size == 0:
            return
        limit = AHEAD_SECONDS * max(1, self.sample_rate or 16_000)
        with self._cond:
            while self._queued > limit and not self._stop.is_set():
                self._cond.wait(0.05)
            if self._stop.is_set():
                return
            self._queue.append(pcm)
            self._queued += pcm.size

    def _callback(self, outdata: Any, frames: int, when: Any, status: Any) -> None:
        sd = sounddevice()
        if status and status.output_underflow:
            self.underflows += 1
        out = outdata[:, 0]
        filled = 0
        with self._cond:
            while filled < frames and self._queue:
                head = self._queue[0]
                take = min(frames - filled, head.size)
                out[filled:filled + take] = head[:take]
                filled += take
                if take == head.size:
                    self._queue.popleft()
                else:
                    self._queue[0] = head[take:]
                self._queued -= take
            finished = not self._queue and not self._feeding
            self._cond.notify_all()
        out[filled:] = 0.0
        self.played_samples += filled
        if finished or self._stop.is_set():
            raise sd.CallbackStop

    def _close(self) -> None:
        with self._stream_lock:
            stream, self._stream = self._stream, None
            if stream is not None:
                try:
                    stream.close(ignore_errors=True)
                except Exception:
                    log.debug("closing the output stream failed", exc_info=True)
        feeder, self._feeder = self._feeder, None
        if feeder is not None and feeder is not threading.current_thread():
            feeder.join(timeout=5)


def _chain(first: SpeechChunk, rest: Iterator[SpeechChunk]) -> Iterator[SpeechChunk]:
    yield first
    yield from rest


def measure_stop(player: AudioPlayer) -> float:
    """Seconds :meth:`AudioPlayer.stop` takes to silence the stream (for benchmarks)."""
    started = time.perf_counter()
    player.stop()
    return time.perf_counter() - started
