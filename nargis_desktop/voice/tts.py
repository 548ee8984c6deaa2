"""Text-to-speech with Piper (onnxruntime): loaded once, streamed sentence by sentence.

Synthesis is lazy: :meth:`PiperTTS.synthesize` returns an iterator, so playback
starts after the first (short) chunk while later sentences are still being made,
and 50,000 characters never become one giant buffer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from nargis_desktop.model_idle import Usage, release_memory
from nargis_desktop.voice.errors import SpeechEngineError, UnspeakableTextError
from nargis_desktop.voice.memory import release_free_memory
from nargis_desktop.voice.protocols import SpeechChunk, TextToSpeech
from nargis_desktop.voice.tts_text import PreparedText, prepare_text

log = logging.getLogger(__name__)


def find_voice_file(path: str | Path) -> Path:
    """The ``.onnx`` voice inside ``path`` (a file, or a folder holding exactly one)."""
    p = Path(path)
    if p.is_file():
        return p
    if p.is_dir():
        found = sorted(p.rglob("*.onnx"))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise SpeechEngineError(
                f"{p} holds several Piper voices ({', '.join(f.name for f in found)}).",
                hint="Point the voice at one .onnx file.")
    raise SpeechEngineError(f"No Piper voice (.onnx) at {p}.",
                            hint="Run: nargis models install piper-joe-medium")


def speakable_chunks(tts: TextToSpeech, text: str,
                     on_skip: Callable[[str], None]) -> Iterator[SpeechChunk]:
    """Speech for ``text``, or none where the voice cannot say it (emoji only, a script
    it cannot read, which a small model sometimes answers in): ``on_skip`` is told why,
    and the reply goes on with its next sentence."""
    try:
        yield from tts.synthesize(text)
    except UnspeakableTextError as exc:
        on_skip(f"Not spoken: {exc} ({text[:40]!r})")


#: Run option: after each run, onnxruntime hands the arena's empty regions back.
ARENA_SHRINK = ("memory.enable_memory_arena_shrinkage", "cpu:0")


class ReleasingSession:
    """An onnxruntime session whose every run ends by shrinking its memory arena.

    Piper calls ``session.run(None, feeds)`` with no run options; this passes ours.
    Anything else (inputs, outputs, providers) is the wrapped session's.
    """

    def __init__(self, session: Any, run_options: Any) -> None:
        self.session = session
        self.run_options = run_options

    def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
        return self.session.run(output_names, input_feed, run_options or self.run_options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.session, name)


def session_options() -> Any:
    """How the voice's onnxruntime session is built (see :func:`_load_voice`)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.enable_cpu_mem_arena = True
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def run_options() -> Any:
    import onnxruntime

    options = onnxruntime.RunOptions()
    options.add_run_config_entry(*ARENA_SHRINK)
    return options


def _load_voice(model: Path, config: Path, use_cuda: bool) -> Any:
    """Like ``PiperVoice.load``, with the session's memory kept to what a sentence needs.

    Piper's decoder makes many activations of ~2.7 MB per second of speech each. With
    plain malloc (no arena) they fragment the heap: a 5 s sentence raised the resident
    size by 150-210 MB, and 30-110 MB of it stayed after the sentence. onnxruntime's
    arena reuses its own blocks within a run (a third of the page faults) and, shrunk
    after every run (``ReleasingSession``) and trimmed (``release_free_memory`` after
    each chunk), gives them back: the same sentence peaks ~95 MB above the loaded
    size and leaves nothing behind, with less CPU time than before.

    Idle worker threads sleep instead of spinning: on a small, busy CPU (Whisper, the
    GUI and Piper share two cores) spinning threads steal the time the others need;
    measured on 2 loaded vCPUs, RTF 0.20 → 0.15 and the first clause 116 → 103 ms.
    """
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    providers: list[Any] = (
        [("CUDAExecutionProvider", {"cudnn_conv_algo_search": "HEURISTIC"})] if use_cuda
        else ["CPUExecutionProvider"])
    session = onnxruntime.InferenceSession(str(model), sess_options=session_options(),
                                           providers=providers)
    settings = json.loads(config.read_text(encoding="utf-8"))
    release_free_memory()  # the parsed model file, freed once its weights are copied
    return PiperVoice(session=ReleasingSession(session, run_options()),
                      config=PiperConfig.from_dict(settings))


#: Phonemes Piper turns into audio in one run (about 3 s of speech at 15-20 a second).
#: Its working memory grows with the audio of a run (about 19 MB a second), and the
#: characters of a chunk are a poor guide to that: "2023-07-25" is 10 characters and
#: 4 s of speech (an 82-character chunk with a date took 148 MB). So a sentence is
#: also cut by phonemes, at word gaps, into runs of about equal size. 60 rather than 75
#: lowered the whole assistant's peak from 594-605 to 579-591 MB (bench/assistant_bench.py,
#: three runs each); a sentence cut in two keeps one loudness (see ``_audio``).
MAX_PHONEMES = 60


def phoneme_pieces(phonemes: list[str], limit: int = MAX_PHONEMES) -> list[list[str]]:
    """``phonemes`` cut into pieces of at most ``limit``, each at the word gap (" ")
    nearest an even share of the whole (a word longer than ``limit`` is cut inside)."""
    if len(phonemes) <= limit:
        return [phonemes] if phonemes else []
    count = -(-len(phonemes) // limit)
    target = -(-len(phonemes) // count)
    pieces: list[list[str]] = []
    start = 0
    while len(phonemes) - start > limit:
        window = phonemes[start:start + limit]
        gaps = [i for i, p in enumerate(window) if p == " " and i > 0]
        # the gap nearest the even share, else a hard cut at the limit
        cut = min(gaps, key=lambda i: abs(i - target)) if gaps else limit
        pieces.append(phonemes[start:start + cut])
        start += cut + (1 if gaps else 0)  # the gap itself is dropped
    pieces.append(phonemes[start:])
    return [p for p in pieces if p]


def _audio(voice: Any, phonemes: list[str], config: Any) -> Any:
    """One sentence, Piper's model run once per piece (:func:`phoneme_pieces`), then
    finished as ``PiperVoice.synthesize`` finishes a sentence: one peak normalisation
    for the whole of it, so the pieces of a long sentence keep the same loudness."""
    runs = [voice.phoneme_ids_to_audio(voice.phonemes_to_ids(piece), config)
            for piece in phoneme_pieces(phonemes)]
    audio = np.concatenate(runs) if runs else np.zeros(0, np.float32)
    if config.normalize_audio:
        peak = float(np.max(np.abs(audio))) if len(audio) else 0.0
        audio = audio / peak if peak >= 1e-8 else np.zeros_like(audio)
    if config.volume != 1.0:
        audio = audio * config.volume
    return np.clip(audio, -1.0, 1.0).astype(np.float32)


class PiperTTS:
    """A Piper voice; ``speaking_rate`` 1.2 speaks 20 % faster.

    Piper adds random noise to the voice (and to phoneme lengths) so it sounds less
    flat: the same text never gives the same samples twice. ``variation=False``
    turns the noise off, for reproducible audio (tests, benchmarks).
    """

    def __init__(self, model_path: str | Path, *, speaking_rate: float = 1.0,
                 use_cuda: bool = False, model_id: str | None = None,
                 variation: bool = True) -> None:
        self.model_file = find_voice_file(model_path)
        self.model_id = model_id or self.model_file.stem
        config = Path(f"{self.model_file}.json")
        if not config.is_file():
            raise SpeechEngineError(
                f"The voice config {config.name} is missing next to {self.model_file.name}.",
                hint=f"Run: nargis models install {self.model_id} --force")
        self._config_file = config
        self._use_cuda = use_cuda
        self._voice: Any = self._load()
        #: The voice's settings (rate, language), kept when the weights are unloaded.
        self.config: Any = self._voice.config
        self.speaking_rate = speaking_rate
        self.variation = variation
        self._lock = threading.Lock()
        #: Entered while a reply is synthesised, so an idle unload never cuts one short.
        self.usage = Usage()

    def _load(self) -> Any:
        try:
            return _load_voice(self.model_file, self._config_file, self._use_cuda)
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise SpeechEngineError(
                f"The Piper voice {self.model_id} could not be loaded: {exc}",
                hint=f"Run: nargis models install {self.model_id} --force") from exc

    @property
    def loaded(self) -> bool:
        return self._voice is not None

    def unload(self) -> bool:
        """Drop the onnxruntime session unless a sentence is being made; the next
        sentence loads it again. True when something was freed."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            voice, self._voice = self._voice, None
        finally:
            self._lock.release()
        if voice is None:
            return False
        del voice
        release_memory()
        return True

    def _ensure_voice(self) -> Any:
        """The loaded voice, loading it again after an idle unload (lock held)."""
        if self._voice is None:
            log.info("reloading the Piper voice %s after an idle unload", self.model_id)
            self._voice = self._load()
        return self._voice

    @property
    def sample_rate(self) -> int:
        return int(self.config.sample_rate)

    @property
    def espeak_voice(self) -> str:
        return str(self.config.espeak_voice)

    @property
    def speaking_rate(self) -> float:
        return self._rate

    @speaking_rate.setter
    def speaking_rate(self, rate: float) -> None:
        if not 0.25 <= rate <= 4.0:
            raise SpeechEngineError(f"Speaking rate {rate} is out of range (0.25–4).")
        self._rate = rate

    def prepare(self, text: str) -> PreparedText:
        """Clean/check text for this voice (raises on emoji-only or a foreign script)."""
        return prepare_text(text, self.espeak_voice)

    def synthesize(self, text: str) -> Iterator[SpeechChunk]:
        """Speech for ``text``, chunk by chunk; checks run before the first chunk."""
        prepared = self.prepare(text)
        for note in prepared.notes:
            log.info("%s", note)
        return self.synthesize_prepared(prepared)

    def synthesize_prepared(self, prepared: PreparedText) -> Iterator[SpeechChunk]:
        from piper import SynthesisConfig

        base = float(self.config.length_scale or 1.0)
        config = SynthesisConfig(length_scale=base / self._rate)
        if not self.variation:
            config.noise_scale = 0.0
            config.noise_w_scale = 0.0
        with self.usage:
            for chunk in prepared.chunks():
                with self._lock:
                    voice = self._ensure_voice()
                    pieces = [a for sentence in voice.phonemize(chunk)
                              if len(a := _audio(voice, sentence, config))]
                # what the arena gave back (see _load_voice); a millisecond or two
                release_free_memory()
                if not pieces:
                    continue
                audio = np.concatenate(pieces).astype(np.float32, copy=False)
                yield SpeechChunk(audio, self.sample_rate, chunk)

    def synthesize_to_file(self, text: str, path: str | Path) -> float:
        """Write speech to a 16-bit WAV as it is made; returns the seconds written."""
        import soundfile

        chunks = self.synthesize(text)  # raises before the file is created
        seconds = 0.0
        target = Path(path)
        with soundfile.SoundFile(str(target), "w", samplerate=self.sample_rate, channels=1,
                                 subtype="PCM_16") as out:
            for chunk in chunks:
                out.write(chunk.samples)
                seconds += chunk.duration_s
        return seconds
