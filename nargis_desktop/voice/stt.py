"""Speech-to-text with faster-whisper (CTranslate2), tuned for short spoken commands.

Why not just ``WhisperModel.transcribe``: it pads every clip to a 30 s window, so a
3 s command pays for encoding 30 s (about 90 % of the time on a CPU). This engine
encodes only the speech Silero found
(plus a second of silence) and decodes it in one call. Whisper then tends to start
the sentence again after the real end, so the token budget follows the duration and
segments that begin after the speech are cut. Speech longer than
:data:`LONG_WINDOW_S` (dictation, files) is cut at pauses into windows of at most
that length, each decoded the same way: Whisper base is far more reliable on them
than on full 30 s windows.

Nothing said may be lost. Three things used to drop speech and are guarded here:

* the same words said twice are not a "restart": a repeat is only cut when the
  decoder ran out of budget *and* the text before it already fills the audio;
* Whisper sometimes ends a window early (end-of-text after a timestamp well before
  the speech ends); the rest of the speech is then decoded as a new window (a seek);
* no temperature fallback and no window-wide compression-ratio filter: repeated
  sentences compress well, which made faster-whisper resample at random and the old
  filter drop whole 30 s windows. Decoding is deterministic (temperature 0).

Every result passes two guards against Whisper's inventions: only speech reaches
the decoder (silence and noise give empty text), and low-confidence or
known-hallucination segments are dropped (:mod:`.hallucinations`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nargis_desktop.model_idle import Usage, release_memory
from nargis_desktop.voice.audio import prepare_for_stt
from nargis_desktop.voice.audio_file import AudioFileReader
from nargis_desktop.voice.ct2_int8 import discard_int8_copy, int8_model_dir
from nargis_desktop.voice.errors import SpeechEngineError
from nargis_desktop.voice.hallucinations import is_hallucination, normalize
from nargis_desktop.voice.memory import release_free_memory
from nargis_desktop.voice.protocols import (
    STT_SAMPLE_RATE,
    DecodeCancelled,
    Samples,
    Transcript,
    TranscriptSegment,
)
from nargis_desktop.voice.vad import SpeechSpans, find_speech, speech_for_decoding

log = logging.getLogger(__name__)

#: Speech longer than this is a long recording (memory is handed back afterwards).
SHORT_WINDOW_S = 28.0
#: Silence appended after the speech so the last word is not cut off.
#: Bumped whenever a change to decoding can change transcripts, so caches of
#: transcripts (the spoken eval's) are keyed on it and never serve stale text.
DECODER_REVISION = 4  # 4: a restart may re-hear two of its first words (3 was never shipped)

TAIL_PAD_S = 1.0
#: First token budget: enough for ordinary speech (about 3 words/s) plus timestamps;
#: faster talkers get a second, continuing call.
TOKENS_PER_SECOND = 4.5
EXTRA_TOKENS = 4
#: Long files are transcribed in pieces of about this length, cut at a quiet moment.
FILE_PIECE_S = 120.0
#: Longer speech is decoded in windows of at most this much speech, cut at pauses:
#: on longer windows Whisper base often stops early or skips a repeated sentence.
LONG_WINDOW_S = 12.0
#: A window whose transcript ends this long before its speech does is decoded on.
SEEK_MIN_S = 1.5
#: A repeat counts as Whisper starting over only when the text before it, from the
#: last timestamp, would be spoken at least this fast (characters per second) over
#: the rest of the audio: then that text already accounts for all of it.
RESTART_MIN_CHARS_PER_S = 6.0
#: A first reading Whisper is less sure of than this (its least confident segment's
#: mean token log-probability) may get a second one (:meth:`WhisperSTT.hypotheses`).
#: In the spoken eval, the garbled commands a second reading put right scored -1.26 to
#: -0.38 (median -0.94); of the eval's 40 chat questions, 37 spoken by Piper and 26 by
#: espeak-ng scored above -0.5, so most chat skips the extra decode, which would delay
#: the language model's answer.
REREAD_BELOW_LOGPROB = -0.5
#: What the assistant is about, so Whisper expects these words.
DOMAIN_PROMPT = "Nargis: add a task, log a habit, start focus, journal entry."
_MAX_PROMPT_CHARS = 600
_WHISPER_MAX_LENGTH = 448


@dataclass(frozen=True)
class EngineChoice:
    """Where Whisper runs; the composition root decides, this only fills in ``auto``."""

    device: str
    compute_type: str
    cpu_threads: int


def default_cpu_threads() -> int:
    """All cores this process may use, up to 8 (Whisper base stops scaling there)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def cuda_device_count() -> int:
    try:
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # a broken CUDA install must not stop CPU use
        return 0


def check_cuda_libraries(model: Any) -> None:
    """Encode one window of silence: CTranslate2 opens cuBLAS and cuDNN only when it
    first computes, so a GPU without them loads the model and then fails every
    transcription ("Library libcublas.so.12 is not found", seen on a CUDA 13 machine).
    Failing here, at load, lets ``auto`` fall back to the CPU instead."""
    extractor = model.feature_extractor
    n_mels = int(extractor.mel_filters.shape[0])
    model.encode(np.zeros((n_mels, int(extractor.nb_max_frames)), dtype=np.float32))


def choose_engine(device: str = "auto", compute_type: str = "auto",
                  cpu_threads: int = 0) -> EngineChoice:
    """``auto`` means CUDA float16 when CTranslate2 sees a GPU, else CPU int8."""
    if device not in ("auto", "cpu", "cuda"):
        raise SpeechEngineError(f"Unknown speech device {device!r}.",
                                hint="Set voice.stt_device to auto, cpu or cuda.")
    if device == "auto":
        device = "cuda" if cuda_device_count() > 0 else "cpu"
    if compute_type == "auto":
        compute_type = "float16" if device == "cuda" else "int8"
    return EngineChoice(device, compute_type, cpu_threads or default_cpu_threads())


def vocabulary_prompt(names: Sequence[str], *, domain: str = DOMAIN_PROMPT) -> str:
    """The domain prompt followed by task and habit names, within Whisper's prompt size."""
    parts: list[str] = [domain] if domain else []
    seen: set[str] = set()
    budget = _MAX_PROMPT_CHARS - len(domain)
    for name in names:
        clean = " ".join(str(name).split())
        key = clean.lower()
        if not clean or key in seen or len(clean) > 80:
            continue
        if budget - len(clean) - 2 < 0:
            break
        seen.add(key)
        parts.append(clean + ".")
        budget -= len(clean) + 2
    return " ".join(parts)


class WhisperSTT:
    """A faster-whisper model, loaded once and kept; safe to call from several threads."""

    def __init__(
        self,
        model_path: str | Path,
        *,
        device: str = "auto",
        compute_type: str = "auto",
        cpu_threads: int = 0,
        language: str | None = "en",
        beam_size: int = 5,
        vocabulary_bias: bool = True,
        domain_prompt: str = DOMAIN_PROMPT,
        model_id: str | None = None,
    ) -> None:
        self.model_path = Path(model_path)
        self.model_id = model_id or self.model_path.name
        self.language = None if language in (None, "", "auto") else language
        self.beam_size = max(1, beam_size)
        self.vocabulary_bias = vocabulary_bias
        self.domain_prompt = domain_prompt
        self.notes: list[str] = []
        self._lock = threading.RLock()
        self._tokenizers: dict[str, Any] = {}
        self._suppress: dict[str, tuple[int, ...]] = {}
        self._token_words: dict[int, str] = {}
        choice = choose_engine(device, compute_type, cpu_threads)
        self._model: Any = self._load(choice, explicit_device=device != "auto")
        #: Entered around every decode, so an idle unload never cuts one short.
        self.usage = Usage()

    # ------------------------------------------------------------------ loading

    def _load(self, choice: EngineChoice, *, explicit_device: bool,
              original: bool = False) -> Any:
        if not (self.model_path / "model.bin").is_file():
            raise SpeechEngineError(
                f"No Whisper model at {self.model_path} (model.bin is missing).",
                hint=f"Run: nargis models install {self.model_id}")
        from faster_whisper import WhisperModel

        folder = self.model_path
        if choice.device == "cpu" and choice.compute_type == "int8" and not original:
            folder = int8_model_dir(self.model_path)  # no conversion while loading
        try:
            model = WhisperModel(str(folder), device=choice.device,
                                 compute_type=choice.compute_type,
                                 cpu_threads=choice.cpu_threads, num_workers=1,
                                 local_files_only=True)
            if choice.device == "cuda":
                check_cuda_libraries(model)
        except (RuntimeError, ValueError, OSError) as exc:
            if folder != self.model_path:  # a damaged int8 copy: made again next time
                log.warning("the int8 copy of %s did not load (%s); using the original",
                            self.model_id, exc)
                discard_int8_copy(self.model_path)
                return self._load(choice, explicit_device=explicit_device, original=True)
            if choice.device == "cuda" and not explicit_device:
                self.notes.append(f"CUDA could not be used ({exc}); running on the CPU.")
                cpu = choose_engine("cpu", "auto", choice.cpu_threads)
                return self._load(cpu, explicit_device=True)
            hint = ('Set voice.stt_device = "cpu" in settings.toml, or fix the CUDA setup.'
                    if choice.device == "cuda"
                    else f"Run: nargis models install {self.model_id} --force")
            raise SpeechEngineError(
                f"Whisper model {self.model_id} could not be loaded on {choice.device} "
                f"({choice.compute_type}): {exc}", hint=hint) from exc
        self.choice = choice
        release_free_memory()  # a float16 model is converted through temporary buffers
        return model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def unload(self) -> bool:
        """Free the weights (about 95 MB for base) unless a decode runs; the next
        decode loads them again. True when something was freed."""
        if not self._lock.acquire(blocking=False):
            return False  # a decode holds the model
        try:
            model, self._model = self._model, None
            if model is None:
                return False
            self._tokenizers.clear()  # they hold the model's tokenizer
            try:
                model.model.unload_model()  # CTranslate2 frees the weights at once
            except (AttributeError, RuntimeError):
                log.debug("CTranslate2 could not unload in place", exc_info=True)
            del model
        finally:
            self._lock.release()
        release_memory()
        return True

    def _ensure_model(self) -> Any:
        """The loaded model, loading it again after an idle unload (lock held)."""
        if self._model is None:
            log.info("reloading Whisper %s after an idle unload", self.model_id)
            self._model = self._load(self.choice, explicit_device=True)
        return self._model

    @property
    def device(self) -> str:
        return self.choice.device

    @property
    def compute_type(self) -> str:
        return self.choice.compute_type

    @property
    def cpu_threads(self) -> int:
        return self.choice.cpu_threads

    def prompt_for(self, vocabulary: Sequence[str] = ()) -> str:
        if not self.vocabulary_bias:
            return ""
        return vocabulary_prompt(vocabulary, domain=self.domain_prompt)

    # ------------------------------------------------------------------ public API

    def transcribe(self, audio: NDArray[Any], *, sample_rate: int = STT_SAMPLE_RATE,
                   vocabulary: Sequence[str] = (), beam_size: int | None = None) -> Transcript:
        """Transcribe samples (float or int16, any rate, mono or (n, channels)); silence
        gives ''."""
        pcm = prepare_for_stt(audio, sample_rate)
        speech = speech_for_decoding(pcm)
        prompt = self.prompt_for(vocabulary)
        beam = beam_size or self.beam_size
        duration = pcm.size / STT_SAMPLE_RATE
        if not speech.found:
            return Transcript("", self.language or "", duration)
        result = self.decode_speech(speech, prompt=prompt, beam_size=beam)
        if speech.audio.size > SHORT_WINDOW_S * STT_SAMPLE_RATE:
            release_free_memory()
        return Transcript(result.text, result.language, duration, result.segments)

    def decode(self, audio: Samples, *, prompt: str = "", beam_size: int = 1) -> Transcript:
        """One short-window pass over 16 kHz samples (≤ ~28 s of speech).

        The result depends only on the speech and ``tail_keep`` after it
        (:func:`~nargis_desktop.voice.vad.speech_for_decoding`), not on how much
        silence follows: a pass at a pause gives the final transcript.
        """
        speech = speech_for_decoding(audio)
        if not speech.found:
            return Transcript("", self.language or "", audio.size / STT_SAMPLE_RATE)
        result = self.decode_speech(speech, prompt=prompt, beam_size=beam_size)
        return Transcript(result.text, result.language, audio.size / STT_SAMPLE_RATE,
                          result.segments)

    def transcribe_file(self, path: str | Path, *, vocabulary: Sequence[str] = (),
                        on_segment: Callable[[TranscriptSegment], None] | None = None,
                        beam_size: int | None = None) -> Transcript:
        """Transcribe a file of any common format, streamed in pieces of ~2 minutes."""
        reader = AudioFileReader(path)
        segments: list[TranscriptSegment] = []
        language = self.language or ""
        for offset, piece in _pieces(reader.blocks(block_s=10.0)):
            part = self.transcribe(piece, vocabulary=vocabulary, beam_size=beam_size)
            language = part.language or language
            for seg in part.segments:
                moved = TranscriptSegment(seg.start + offset, seg.end + offset, seg.text,
                                          seg.avg_logprob, seg.no_speech_prob)
                segments.append(moved)
                if on_segment is not None:
                    on_segment(moved)
        release_free_memory()
        text = " ".join(s.text for s in segments).strip()
        return Transcript(text, language, reader.decoded_s, tuple(segments), tuple(reader.notes))

    # ------------------------------------------------------------------ short window

    def decode_speech(self, speech: SpeechSpans, *, prompt: str = "", beam_size: int = 1,
                      should_stop: Callable[[], bool] | None = None) -> Transcript:
        """Decode speech found by VAD in one short window (see the module docstring).

        Timestamps are predicted: they let Whisper end cleanly, a restart after the
        speech is recognised by its start time, and a window that ended early is
        decoded on from where its transcript stopped. Speech longer than
        :data:`LONG_WINDOW_S` is cut at pauses into windows decoded one by one.

        Windows are prompted with the vocabulary only, never with the text before
        them: Whisper base copies a prompt that sounds like speech (conditioning on
        the previous text made it repeat the last sentence over the next window).

        ``should_stop`` is asked between encoding and decoding (the encoder is a
        third of the cost, and CTranslate2 cannot stop a decode once begun); when it
        says yes, :class:`DecodeCancelled` is raised.
        """
        with self.usage:
            if speech.audio.size <= LONG_WINDOW_S * STT_SAMPLE_RATE:
                return self._decode_speech_window(speech, prompt=prompt, beam_size=beam_size,
                                                  should_stop=should_stop)
            segments: list[TranscriptSegment] = []
            language = self.language or ""
            for window in _long_windows(speech, int(LONG_WINDOW_S * STT_SAMPLE_RATE)):
                part = self._decode_speech_window(window, prompt=prompt, beam_size=beam_size,
                                                  should_stop=should_stop)
                language = part.language or language
                segments.extend(part.segments)
            text = " ".join(s.text for s in segments).strip()
            return Transcript(text, language, speech.audio.size / STT_SAMPLE_RATE,
                              tuple(segments))

    def _decode_speech_window(self, speech: SpeechSpans, *, prompt: str, beam_size: int,
                              should_stop: Callable[[], bool] | None = None) -> Transcript:
        rate = STT_SAMPLE_RATE
        speech_s = speech.audio.size / rate
        boundaries = _span_boundaries(speech)
        segments: list[TranscriptSegment] = []
        language = self.language or ""
        offset = 0
        for _ in range(8):
            part = speech.audio[offset:]
            pieces, avg_logprob, no_speech, language, complete = self._decode_window(
                part, prompt=prompt, beam_size=beam_size, should_stop=should_stop)
            if not complete and len(pieces) > 1 and \
                    part.size / rate - pieces[-1][0] >= SEEK_MIN_S:
                # Whisper stopped mid-segment long before the speech ends: decode
                # that segment again from its start, in a window of its own.
                pieces = pieces[:-1]
            covered = offset
            for start, end, piece in pieces:
                covered = offset + int(end * rate)
                if is_hallucination(piece, avg_logprob, no_speech):
                    continue
                segments.append(TranscriptSegment(
                    round(speech.original_time(offset / rate + start), 3),
                    round(speech.original_time(offset / rate + end), 3),
                    piece, avg_logprob, no_speech))
            if covered <= offset or speech.audio.size - covered < SEEK_MIN_S * rate:
                break
            resume = _snap(covered, boundaries, before=rate // 2, after=rate * 3 // 2)
            if resume <= offset:
                resume = covered
            if not find_speech(speech.audio[resume:], pad_ms=0).found:
                break
            log.debug("transcript ended at %.2f s of %.2f s of speech; decoding on",
                      covered / rate, speech_s)
            offset = resume
        text = " ".join(s.text for s in segments).strip()
        return Transcript(text, language, speech_s, tuple(segments))

    def _decode_window(self, audio: Samples, *, prompt: str, beam_size: int,
                       should_stop: Callable[[], bool] | None = None,
                       ) -> tuple[list[tuple[float, float, str]], float, float, str, bool]:
        """Encode ``audio`` (+ silence) and decode it: timed pieces, scores, language,
        and whether the text ended properly (a closing timestamp or a cut restart).

        Whisper sometimes copies its prompt instead of listening ("add a task, log a
        habit, ..."); such a window is decoded again with the vocabulary only.
        """
        speech_s = audio.size / STT_SAMPLE_RATE
        with self._lock:
            model = self._ensure_model()
            encoded = self._encode(model, audio)
            if should_stop is not None and should_stop():
                raise DecodeCancelled
            language = self.language or self._detect_language(encoded)
            tok = self._tokenizer(language)
            base = _start_ids(model, tok, prompt)
            ids, avg_logprob, no_speech, cut = self._generate(encoded, base, tok, language,
                                                              speech_s, beam_size)
            domain = self.domain_prompt.strip()
            if domain and prompt.strip().startswith(domain) and \
                    _copies(tok.decode([t for t in ids if t < tok.eot]), domain):
                rest = prompt.strip()[len(domain):].strip()
                base = _start_ids(model, tok, rest)
                ids, avg_logprob, no_speech, cut = self._generate(
                    encoded, base, tok, language, speech_s, beam_size)
        complete = cut or (bool(ids) and ids[-1] >= tok.timestamp_begin)
        return (_split_timestamped(ids, tok, speech_s), avg_logprob, no_speech, language,
                complete)

    @staticmethod
    def _encode(model: Any, audio: Samples) -> Any:
        """Whisper's encoder over the speech plus :data:`TAIL_PAD_S` of silence."""
        padded = np.concatenate(
            [audio, np.zeros(int(TAIL_PAD_S * STT_SAMPLE_RATE), np.float32)])
        features = model.feature_extractor(padded)
        frames = min(features.shape[-1] - features.shape[-1] % 2,
                     model.feature_extractor.nb_max_frames)
        return model.encode(features[:, :frames])

    def hypotheses(self, speech: SpeechSpans, *, prompt: str = "", n: int = 5) -> list[str]:
        """Other readings of a short utterance, most likely first (beam search, ``n`` beams).

        For when the first transcript makes no sense as a command: Whisper base often
        has the right one close behind ("Risk and you write report" / "Reschedule
        write report"). A reading that starts over (Whisper looping) or is empty is
        left out (a second reading is only a guess: "Add a task. Add a" for "undo" must
        not add a task). Speech longer than one window gives none: commands are short.
        """
        if not speech.found or speech.audio.size > LONG_WINDOW_S * STT_SAMPLE_RATE:
            return []
        speech_s = speech.audio.size / STT_SAMPLE_RATE
        with self.usage, self._lock:
            model = self._ensure_model()
            encoded = self._encode(model, speech.audio)
            language = self.language or self._detect_language(encoded)
            tok = self._tokenizer(language)
            base = _start_ids(model, tok, prompt)
            budget = _token_budget(speech_s)
            result = model.model.generate(
                encoded, [base], beam_size=max(2, n), num_hypotheses=max(2, n),
                patience=1.0, length_penalty=1.0,
                max_length=min(_WHISPER_MAX_LENGTH, len(base) + budget),
                suppress_blank=True, suppress_tokens=list(self._suppressed(tok, language)),
                max_initial_timestamp_index=50)[0]
        readings: list[str] = []
        seen: set[str] = set()
        for ids in result.sequences_ids:
            text = " ".join(piece for _s, _e, piece in _split_timestamped(ids, tok, speech_s))
            key = normalize(text)
            if key and key not in seen and not _loops(key):
                seen.add(key)
                readings.append(text.strip())
        return readings

    def _generate(self, encoded: Any, prompt: list[int], tok: Any, language: str,
                  speech_s: float, beam_size: int) -> tuple[list[int], float, float, bool]:
        """Greedy/beam decoding with a budget that follows the speech length.

        Whisper on a short window often starts the sentence over instead of ending,
        and every extra token costs ~10 ms on a CPU; so the budget is tight, a
        restart is cut, and only a genuinely longer utterance gets a second call
        that continues from what was already decoded (forced, so it is cheap).
        """
        ids: list[int] = []
        cut_restart = False
        score_sum = 0.0
        no_speech = 0.0
        budget = _token_budget(speech_s)
        for attempt in range(4):
            forced = prompt + ids
            room = _WHISPER_MAX_LENGTH - len(forced)
            if room <= 0:
                break
            result = self._model.model.generate(
                encoded, [forced], beam_size=beam_size, patience=1.0, length_penalty=1.0,
                max_length=len(forced) + min(room, budget),
                return_scores=True, return_no_speech_prob=True,
                suppress_blank=not ids,
                suppress_tokens=list(self._suppressed(tok, language)),
                max_initial_timestamp_index=50)[0]
            # The result repeats the forced tokens that follow the start of transcript.
            out = list(result.sequences_ids[0])
            new = out[len(ids):] if out[:len(ids)] == ids else out
            if attempt == 0:
                no_speech = float(result.no_speech_prob)
            score_sum += float(result.scores[0]) * len(new)
            ids += new
            if len(new) < min(room, budget):  # ended by itself: a repeat is real speech
                break
            cut = self._restart_at(ids, tok, speech_s)
            if cut < len(ids):
                ids = ids[:cut]
                cut_restart = True
                break
            budget = _token_budget(speech_s / 2)
        avg_logprob = score_sum / (len(ids) + 1) if ids else -10.0
        return ids, avg_logprob, no_speech, cut_restart

    def _restart_at(self, ids: Sequence[int], tok: Any, speech_s: float) -> int:
        """Index in ``ids`` where Whisper starts the utterance over (or len(ids)).

        Words are compared case- and punctuation-blind ("Add a task, add a task").
        The same words can really be said twice ("buy milk ... buy milk"), so a
        repeat only counts when its segment jumped back in time or starts in the
        silence after the speech, or when the text before it, since the last
        timestamp, would already fill the rest of the speech at a slow speaking rate.
        """
        ts0: int = tok.timestamp_begin
        seq: list[tuple[int, str, float, int]] = []  # position, word, time, first word
        time_at, first, latest = 0.0, 0, 0.0
        for pos, t in enumerate(ids):
            if t >= ts0:
                time_at, first = (t - ts0) * 0.02, len(seq)
                if time_at < latest - 0.5 or time_at >= speech_s - 0.15:
                    time_at = -1.0  # a segment that starts over or after the speech
                latest = max(latest, (t - ts0) * 0.02)
                continue
            if t >= tok.eot:
                continue
            word = self._token_words.get(t)
            if word is None:
                word = normalize(tok.decode([t]))
                self._token_words[t] = word
            if word:
                seq.append((pos, word, time_at, first))
        n = len(seq)
        for start in range(3, n - 1):
            k = min(n - start, start, 6)
            # Three matching words, or two when the budget ran out right after them;
            # a restart often re-hears the first word ("Add a task" → "At a task"),
            # so with four or more words the first may differ, and with five or more
            # one more word too ("add a task to water" → "at a test to water").
            again, said = [w[1] for w in seq[start:start + k]], [w[1] for w in seq[:k]]
            same = sum(a == b for a, b in zip(again[1:], said[1:], strict=True))
            if not ((k >= 3 or start + k == n) and again == said) and \
                    not (k >= 4 and again[1:] == said[1:]) and not (k >= 5 and same >= k - 2):
                continue
            _pos, _word, since, first = seq[start]
            chars = sum(len(w[1]) + 1 for w in seq[first:start])
            if since < 0 or chars >= RESTART_MIN_CHARS_PER_S * max(0.5, speech_s - since):
                return seq[start][0]
        return len(ids)

    def _tokenizer(self, language: str) -> Any:
        tok = self._tokenizers.get(language)
        if tok is None:
            from faster_whisper.tokenizer import Tokenizer

            multilingual = self._model.model.is_multilingual
            tok = Tokenizer(self._model.hf_tokenizer, multilingual, task="transcribe",
                            language=language if multilingual else "en")
            self._tokenizers[language] = tok
        return tok

    def _suppressed(self, tok: Any, language: str) -> tuple[int, ...]:
        cached = self._suppress.get(language)
        if cached is None:
            from faster_whisper.transcribe import get_suppressed_tokens

            cached = tuple(get_suppressed_tokens(tok, [-1]) or ())
            self._suppress[language] = cached
        return cached

    def _detect_language(self, encoded: Any) -> str:
        if not self._model.model.is_multilingual:
            return "en"
        ranked = self._model.model.detect_language(encoded)[0]
        token: str = ranked[0][0]
        return token[2:-2]

    # ------------------------------------------------------------------ long audio

def _copies(text: str, prompt: str, run: int = 5) -> bool:
    """Whether ``text`` holds ``run`` consecutive words of ``prompt``, word for word."""
    said = f" {normalize(text)} "
    words = normalize(prompt).split()
    return any(f" {' '.join(words[i:i + run])} " in said
               for i in range(len(words) - run + 1))


def _span_boundaries(speech: SpeechSpans) -> list[int]:
    """Where one speech region meets the next, as indices into ``speech.audio``."""
    out: list[int] = []
    acc = 0
    for start, end in speech.spans[:-1]:
        acc += end - start
        out.append(acc)
    return out


def _snap(pos: int, boundaries: Sequence[int], *, before: int, after: int) -> int:
    """The region boundary nearest ``pos`` within (pos - before, pos + after), else pos.

    Resuming at a pause rather than at Whisper's (coarse) timestamp keeps a word from
    being decoded twice or cut in half.
    """
    near = [b for b in boundaries if pos - before <= b <= pos + after]
    return min(near, key=lambda b: abs(b - pos)) if near else pos


def _long_windows(speech: SpeechSpans, limit: int) -> Iterator[SpeechSpans]:
    """``speech`` as consecutive windows of at most ``limit`` samples, cut between
    speech regions, or at the quietest moment inside one region longer than that."""
    spans: list[tuple[int, int]] = []
    for start, end in speech.spans:
        while end - start > limit:  # a monologue without a pause
            base = _speech_index(speech, start)
            chunk = speech.audio[base: base + limit]
            cut = quiet_cut(chunk, min(chunk.size, limit // 3))
            spans.append((start, start + cut))
            start += cut
        spans.append((start, end))
    window: list[tuple[int, int]] = []
    size = 0
    for span in spans:
        length = span[1] - span[0]
        if window and size + length > limit:
            yield _sub_speech(speech, window)
            window, size = [], 0
        window.append(span)
        size += length
    if window:
        yield _sub_speech(speech, window)


def _speech_index(speech: SpeechSpans, sample: int) -> int:
    """Index into ``speech.audio`` of original sample ``sample`` (inside a region)."""
    acc = 0
    for start, end in speech.spans:
        if start <= sample <= end:
            return acc + sample - start
        acc += end - start
    return acc


def _sub_speech(speech: SpeechSpans, spans: Sequence[tuple[int, int]]) -> SpeechSpans:
    first = _speech_index(speech, spans[0][0])
    size = sum(b - a for a, b in spans)
    return SpeechSpans(tuple(spans), speech.audio[first: first + size])


def _start_ids(model: Any, tok: Any, prompt: str) -> list[int]:
    """Whisper's start tokens, after ``prompt`` as previous text (none when empty)."""
    previous = tok.encode(" " + prompt.strip()) if prompt.strip() else []
    return list(model.get_prompt(tok, previous, without_timestamps=False))


def _token_budget(speech_s: float) -> int:
    return int(speech_s * TOKENS_PER_SECOND) + EXTRA_TOKENS


def unsure(transcript: Transcript) -> bool:
    """Whether a reading is shaky enough to be worth a second one: Whisper doubted it,
    or read no words at all (a lone "help" or "repeat" can come out empty; the n-best
    decode still runs only where the voice detector found speech)."""
    if not transcript.text.strip():
        return transcript.duration_s > 0
    scores = [s.avg_logprob for s in transcript.segments]
    return bool(scores) and min(scores) < REREAD_BELOW_LOGPROB


def _loops(words: str) -> bool:
    """A word twice in a row, or two words said twice ("log a task, log a task"):
    Whisper looping (or copying its prompt: "log a habit, log, log")."""
    pairs = list(pairwise(words.split()))
    return len(set(pairs)) < len(pairs) or any(a == b for a, b in pairs)


def _split_timestamped(ids: Sequence[int], tok: Any,
                       speech_s: float) -> list[tuple[float, float, str]]:
    """Whisper's ``<|t0|> text <|t1|>`` output as (start, end, text), restarts removed.

    A segment that starts after the speech ended, or jumps back in time to repeat an
    earlier one word for word, is Whisper starting over and is dropped (with what
    follows). The same words said twice, in time order, are kept.
    """
    ts0: int = tok.timestamp_begin
    out: list[tuple[float, float, str]] = []
    start: float | None = None
    current: list[int] = []

    def close(end: float) -> None:
        text = tok.decode(current).strip()
        seg_start = start if start is not None else (out[-1][1] if out else 0.0)
        if text:
            out.append((seg_start, end if end > seg_start else speech_s, text))

    for t in ids:
        if t >= ts0:
            value = (t - ts0) * 0.02
            if start is None:
                start = value
            else:
                close(value)
                current = []
                start = None
        elif t < tok.eot:
            current.append(t)
            if start is None:
                start = out[-1][1] if out else 0.0
    if current:
        close(speech_s)
    kept: list[tuple[float, float, str]] = []
    for seg in out:
        if kept and seg[0] >= speech_s - 0.15:
            break  # begins in the padding after the speech
        if kept and seg[0] < kept[-1][1] - 0.5 and \
                normalize(seg[2]) in {normalize(k[2]) for k in kept}:
            break  # time went backwards to repeat earlier text: Whisper started over
        kept.append((seg[0], min(seg[1], speech_s), seg[2]))
    return kept


def _pieces(blocks: Iterator[Samples], piece_s: float = FILE_PIECE_S,
            search_s: float = 15.0) -> Iterator[tuple[float, Samples]]:
    """Regroup file blocks into ~``piece_s`` pieces, each cut at the quietest 100 ms
    in its last ``search_s`` seconds so no word is split; yields (offset_s, audio)."""
    rate = STT_SAMPLE_RATE
    buf = np.zeros(0, np.float32)
    offset = 0
    for block in blocks:
        buf = np.concatenate([buf, block])
        while buf.size >= piece_s * rate:
            cut = quiet_cut(buf[: int(piece_s * rate)], int(search_s * rate))
            yield offset / rate, buf[:cut]
            offset += cut
            buf = buf[cut:]
    if buf.size:
        yield offset / rate, buf


def quiet_cut(audio: Samples, search: int) -> int:
    """Index of the middle of the quietest 100 ms within the last ``search`` samples."""
    hop = STT_SAMPLE_RATE // 10
    start = max(0, audio.size - search)
    region = audio[start: start + (audio.size - start) // hop * hop]
    if region.size < hop:
        return audio.size
    energy = np.square(region.reshape(-1, hop), dtype=np.float64).mean(axis=1)
    return start + int(np.argmin(energy)) * hop + hop // 2
