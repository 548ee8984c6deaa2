"""The spoken eval: commands synthesised with Piper and espeak-ng, transcribed by Whisper.

Voices: Piper "joe" at two speeds, espeak-ng en-us / en-gb / en-gb-scotland /
en+f3 at several rates, some with white noise at about 15 dB SNR. Transcripts
are cached machine-wide (``~/.cache/nargis-test-audio``, or ``NARGIS_TEST_AUDIO_CACHE``),
keyed by voice, text and STT settings, so repeated CI runs and every checkout on the
same machine pay for synthesis and Whisper only once.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from nargis_desktop.voice.audio import resample
from nargis_desktop.voice.protocols import Samples

CACHE = Path(os.environ.get("NARGIS_TEST_AUDIO_CACHE",
                           str(Path.home() / ".cache" / "nargis-test-audio")))
MODELS = Path(os.environ.get("NARGIS_MODELS_DIR",
                             str(Path.home() / ".cache" / "nargis-test-models")))


@dataclass(frozen=True)
class Voice:
    name: str
    engine: str  # "piper", "piper-steady" (no random variation) or "espeak"
    param: str = ""  # espeak voice, or piper length scale
    rate: int = 175  # espeak words per minute
    snr_db: float | None = None


VOICES: tuple[Voice, ...] = (
    Voice("piper-joe", "piper", "1.0"),
    Voice("piper-joe-fast", "piper", "0.8"),
    Voice("piper-joe-noisy", "piper", "1.0", snr_db=15.0),
    Voice("espeak-us-175", "espeak", "en-us", 175),
    Voice("espeak-gb-150", "espeak", "en-gb", 150),
    Voice("espeak-us-f3-200", "espeak", "en-us+f3", 200),
    Voice("espeak-scot-160-noisy", "espeak", "en-gb-scotland", 160, snr_db=15.0),
)
#: Piper joe without its random variation: the same audio on every machine and run, for
#: CI floors that must not move with a draw (``VOICES`` keeps the real, varied voice).
PIPER_STEADY = Voice("piper-joe-steady", "piper-steady", "1.0")


@cache
def _piper(length_scale: str) -> Any:
    from piper import PiperVoice

    return PiperVoice.load(str(MODELS / "piper-joe-medium" / "en_US-joe-medium.onnx"))


def synth_piper(text: str, length_scale: str = "1.0", *, steady: bool = False) -> Samples:
    """Piper joe; ``steady`` turns its random variation off (as ``PiperTTS(variation=
    False)`` does), so the same line always gives the same audio."""
    from piper.config import SynthesisConfig

    voice = _piper(length_scale)
    cfg = SynthesisConfig(length_scale=float(length_scale))
    if steady:
        cfg.noise_scale = cfg.noise_w_scale = 0.0
    chunks = [c.audio_int16_array for c in voice.synthesize(text, syn_config=cfg)]
    pcm = np.concatenate(chunks).astype(np.float32) / 32768.0
    return resample(pcm, int(voice.config.sample_rate))


def synth_espeak(text: str, voice: str, rate: int) -> Samples:
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", tmp.name, text],
                       check=True, capture_output=True)
        with wave.open(tmp.name) as w:
            rate_hz = w.getframerate()
            pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768
    return resample(pcm, rate_hz)


def _noisy(audio: Samples, snr_db: float, seed: str) -> Samples:
    rng = np.random.default_rng(int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16))
    power = float(np.mean(audio ** 2)) or 1e-6
    noise = rng.normal(0, np.sqrt(power / 10 ** (snr_db / 10)), len(audio))
    return np.clip(audio + noise, -1, 1).astype(np.float32)


def synth(text: str, voice: Voice) -> Samples:
    if voice.engine in ("piper", "piper-steady"):
        audio = synth_piper(text, voice.param, steady=voice.engine == "piper-steady")
    else:
        audio = synth_espeak(text, voice.param, voice.rate)
    pad = np.zeros(int(0.3 * 16000), np.float32)  # a little silence either side, like PTT
    audio = np.concatenate([pad, audio, pad])
    return _noisy(audio, voice.snr_db, voice.name + text) if voice.snr_db else audio


@dataclass(frozen=True)
class SttConfig:
    """The STT settings a transcript depends on (part of the cache key when not default)."""

    beam_size: int = 1
    domain_prompt: str | None = None  # None: the voice package's DOMAIN_PROMPT

    def tag(self) -> str:
        return "" if self == SttConfig() else f"|{self.beam_size}|{self.domain_prompt}"


DEFAULT_STT = SttConfig()


@cache
def _stt(config: SttConfig = DEFAULT_STT) -> Any:
    from nargis_desktop.voice.stt import DOMAIN_PROMPT, WhisperSTT

    prompt = DOMAIN_PROMPT if config.domain_prompt is None else config.domain_prompt
    return WhisperSTT(MODELS / "whisper-base", device="cpu", language="en",
                      beam_size=config.beam_size, model_id="whisper-base",
                      domain_prompt=prompt)


@dataclass(frozen=True)
class Heard:
    """Whisper's reading of one spoken line, and its other readings of the same audio."""

    transcript: str
    #: Beam-search readings (``WhisperSTT.hypotheses``), decoded only when the first
    #: reading is not a command and Whisper was unsure of it (or read no words); the
    #: brain tries them in order (``rereadings``).
    alternatives: tuple[str, ...] = ()
    #: Whisper doubted the first reading (``voice.stt.unsure``): the app then offers the
    #: brain other readings, and a short command it sounds like (``brain.sounds_like``).
    unsure: bool = False


def _is_command(said: str) -> bool:
    from nargis_desktop.brain.grammar import Vocabulary

    return _grammar().parse(said, Vocabulary()) is not None


@cache
def _grammar() -> Any:
    from nargis_desktop.brain.grammar import Grammar
    from nargis_desktop.clock import Clock

    return Grammar(Clock("UTC"))


def heard(text: str, voice: Voice, vocabulary: tuple[str, ...] = (),
          config: SttConfig = DEFAULT_STT) -> Heard:
    """What Whisper made of ``text`` spoken by ``voice`` (cached on disk).

    The other readings come from the same synthesis as the first (Piper varies its
    voice on every synthesis), so they are decoded at once, whenever the first
    reading is not a command and Whisper was unsure of it, as in the app (a line's
    own tasks may still make it a command: the eval then never asks for them).
    """
    from nargis_desktop.voice.audio import prepare_for_stt
    from nargis_desktop.voice.stt import DECODER_REVISION, unsure
    from nargis_desktop.voice.vad import speech_for_decoding

    tag = f"{voice}|{text}|{vocabulary}{config.tag()}|r{DECODER_REVISION}|reread|empty|unsure"
    key = hashlib.sha256(tag.encode()).hexdigest()[:20]
    path = CACHE / voice.name / f"{key}.json"
    if path.is_file():
        entry = json.loads(path.read_text())
        return Heard(str(entry["transcript"]), tuple(entry["alternatives"]),
                     bool(entry["unsure"]))
    audio = synth(text, voice)
    stt = _stt(config)
    first = stt.transcribe(audio, vocabulary=list(vocabulary))
    said = str(first.text).strip()
    others: list[str] = []
    doubted = unsure(first)
    if not _is_command(said) and doubted:  # as the app decides
        speech = speech_for_decoding(prepare_for_stt(audio, 16000))
        others = stt.hypotheses(speech, prompt=stt.prompt_for(list(vocabulary)))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two CI jobs may share the cache
    tmp.write_text(json.dumps({"text": text, "voice": voice.name, "transcript": said,
                               "alternatives": others, "unsure": doubted,
                               "stt": config.tag()}))
    tmp.replace(path)
    return Heard(said, tuple(others), doubted)


def transcript(text: str, voice: Voice, vocabulary: tuple[str, ...] = (),
               config: SttConfig = DEFAULT_STT) -> str:
    """Whisper's first reading of ``text`` spoken by ``voice`` (cached on disk)."""
    return heard(text, voice, vocabulary, config).transcript


def wer(ref: str, hyp: str) -> tuple[int, int]:
    """(word edits, reference words) after the grammar's own normalisation."""
    from nargis_desktop.brain.normalize import normalize

    r, h = normalize(ref).split(), normalize(hyp).split()
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)], len(r)


def spoken_rows(every: int = 1, path: Path | None = None) -> list[dict[str, Any]]:
    """Spoken lines of the eval (chat lines are typed-only); ``every`` thins them."""
    from evalkit import UTTERANCES, load_utterances

    rows = [r for r in load_utterances(path or UTTERANCES) if r.get("spoken", True)]
    return rows[::every]


VOCAB: tuple[str, ...] = ()  # names as Whisper prompt measured worse (see README)


def spoken_eval(full: bool = False, voices: tuple[Voice, ...] = VOICES,
                every: int | None = None,
                progress: Callable[[str], None] | None = None,
                config: SttConfig = DEFAULT_STT, path: Path | None = None,
                misses: int = 10, rereadings: bool = True) -> dict[str, Any]:
    """Per-voice intent, slot and state accuracy, WER, and wrong destructive actions."""
    from evalkit import run_one, summarize

    rows = spoken_rows(1 if full else (every or 8), path)
    report: dict[str, Any] = {"rows": len(rows), "voices": {}, "stt": config.tag() or "default"}
    for voice in voices:
        results, edits, words, rescued = [], 0, 0, 0
        for row in rows:
            said = heard(row["text"], voice, VOCAB, config)
            e, n = wer(row["text"], said.transcript)
            edits, words = edits + e, words + n
            # as a voice turn: other readings only of a reading Whisper doubted; without
            # ``rereadings``, the first reading as written (as a typed line: nothing is
            # matched by sound either), the baseline the bench compares with
            results.append(run_one(row, said.transcript,
                                   rereadings=(lambda a=said.alternatives: a)
                                   if rereadings and said.unsure else None,
                                   source="voice" if rereadings else "typed"))
            rescued += results[-1].text != said.transcript
        summary = summarize(results)
        summary["wer"] = round(edits / max(words, 1), 4)
        summary["second_readings"] = rescued
        guessed = [r for r in results if any("sounds like" in n for n in r.turn.notes)]
        summary["by_sound"] = {"right": sum(r.intent_ok for r in guessed),
                               "wrong": sum(not r.intent_ok for r in guessed),
                               "asked_first": sum(r.turn.awaiting == "confirm"
                                                  for r in guessed)}
        summary["misses"] = [{"said": r.row["text"], "heard": r.text, "got": r.turn.intent}
                             for r in results if not r.intent_ok][:misses]
        summary["guesses"] = [{"said": r.row["text"], "heard": r.text, "got": r.turn.intent,
                               "notes": r.turn.notes} for r in guessed]
        report["voices"][voice.name] = summary
        if progress:
            progress(f"{voice.name}: {summary}")
    allr = report["voices"].values()
    report["intent_accuracy"] = round(sum(v["intent_accuracy"] for v in allr) / len(voices), 4)
    report["wrong_destructive"] = sum(v["wrong_destructive"] for v in allr)
    return report
