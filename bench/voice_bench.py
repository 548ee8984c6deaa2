"""Voice benchmark: STT latency at key release, STT real-time factor, TTS latency and RSS.

Targets (issue 4): key release → final transcript for a ~3 s command ≤ 350 ms p50
on 2 CPU cores; STT real-time factor on a 60 s file ≤ 0.25; TTS text → first audio
≤ 150 ms and RTF ≤ 0.15; RSS with STT + TTS loaded ≤ 350 MB. Each figure is shown
beside the naive approach measured in the same run: ratios survive a noisy, shared
machine; absolute times do not.

* naive STT = faster-whisper's ``WhisperModel.transcribe`` on the whole clip after
  release (beam 5, Silero VAD on), the obvious way to use the library;
* one-shot = :meth:`WhisperSTT.transcribe` after release (short window, greedy);
* incremental = :class:`IncrementalTranscriber` fed in real time (50 ms blocks);
  release comes ``trail`` seconds after the audio ends (0.3 s is typical for
  push-to-talk; 0 s is the worst case, the key let go on the last syllable).

Run: ``python bench/voice_bench.py [--json] [--quick]`` (models from NARGIS_MODELS_DIR
or the data home; install them with ``nargis models install whisper-base piper-joe-medium``).
"""

from __future__ import annotations

import argparse
import json as jsonlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, rss_mb, summary

#: ~3 s commands (Piper speaks them in 2.5–3.5 s).
COMMANDS = [
    "Add a task to call the plumber about the kitchen sink tomorrow morning.",
    "Start a focus session for the quarterly report, then remind me to stretch.",
    "Mark the habit morning run as done and show me my reading streak.",
    "What do I have due this week, and which tasks are overdue?",
    "Remind me to send the invoice to the design agency on Friday afternoon.",
    "Open my journal and write that today was calm and productive.",
]
REPLY = ("Done. I added call the plumber to your list for tomorrow at nine. "
         "You have three other tasks due this week, and your reading streak is twelve days. "
         "Would you like me to start a focus session now?")
RATE = 16_000


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]", " ", text.lower()).split()


def word_accuracy(expected: str, heard: str) -> float:
    """Share of expected words found in the transcript (order-blind, exact words)."""
    want, got = _words(expected), set(_words(heard))
    return sum(w in got for w in want) / max(1, len(want))


def _speech(tts: Any, text: str) -> np.ndarray:
    from nargis_desktop.voice.audio import resample

    audio = np.concatenate([c.samples for c in tts.synthesize(text)])
    return resample(audio, tts.sample_rate, RATE)


def _espeak(text: str, folder: Path) -> np.ndarray | None:
    if shutil.which("espeak-ng") is None:
        return None
    from nargis_desktop.voice.audio_file import read_audio

    path = folder / "espeak.wav"
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
    return read_audio(path)


def _pad(audio: np.ndarray, lead: float, trail: float) -> np.ndarray:
    return np.concatenate([np.zeros(int(lead * RATE), np.float32), audio,
                           np.zeros(int(trail * RATE), np.float32)])


def _incremental_release_ms(stt: Any, clip: np.ndarray) -> tuple[float, str, dict[str, Any]]:
    from nargis_desktop.voice.incremental import IncrementalTranscriber

    inc = IncrementalTranscriber(stt)
    block = RATE // 20
    start = time.perf_counter()
    for i in range(0, clip.size, block):
        inc.feed(clip[i:i + block])
        ahead = start + (i + block) / RATE - time.perf_counter()
        if ahead > 0:
            time.sleep(ahead)
    released = time.perf_counter()
    result = inc.finish()
    ms = (time.perf_counter() - released) * 1000
    return ms, result.text, {"passes": inc.stats.passes, "final_decode": inc.stats.final_decode}


def bench_release(stt: Any, clips: list[tuple[str, np.ndarray]],
                  trails: tuple[float, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"commands": len(clips),
                           "speech_s_mean": round(float(np.mean([c.size for _, c in clips]))
                                                  / RATE, 2)}
    model = stt._model  # the same loaded model, used the naive way
    for trail in trails:
        naive, oneshot, inc, finals = [], [], [], 0
        acc: dict[str, list[float]] = {"naive": [], "oneshot": [], "incremental": []}
        for text, audio in clips:
            clip = _pad(audio, 0.3, trail)
            ms, heard, info = _incremental_release_ms(stt, clip)
            inc.append(ms)
            finals += int(info["final_decode"])
            acc["incremental"].append(word_accuracy(text, heard))
            t = time.perf_counter()
            segs, _ = model.transcribe(clip, language="en", beam_size=5, vad_filter=True)
            heard = " ".join(s.text for s in segs)
            naive.append((time.perf_counter() - t) * 1000)
            acc["naive"].append(word_accuracy(text, heard))
            t = time.perf_counter()
            heard = stt.transcribe(clip, beam_size=1).text
            oneshot.append((time.perf_counter() - t) * 1000)
            acc["oneshot"].append(word_accuracy(text, heard))
        key = f"trail_{int(trail * 1000)}ms"
        out[key] = {
            "incremental": summary(inc), "oneshot_short_window": summary(oneshot),
            "naive_faster_whisper": summary(naive),
            "speedup_vs_naive_p50": round(summary(naive)["p50_ms"]
                                          / max(0.1, summary(inc)["p50_ms"]), 1),
            "final_decodes": finals,
            "word_accuracy": {k: round(float(np.mean(v)), 3) for k, v in acc.items()},
        }
    return out


def bench_second_readings(stt: Any, clips: list[tuple[str, np.ndarray]]) -> dict[str, Any]:
    """What a second reading costs (the 5-beam n-best decode a voice turn runs when the
    first reading is no command and Whisper was unsure), against the greedy decode of
    the same speech."""
    from nargis_desktop.voice.vad import speech_for_decoding

    greedy, readings = [], []
    for _text, audio in clips:
        speech = speech_for_decoding(_pad(audio, 0.3, 0.3))
        prompt = stt.prompt_for()
        for _ in range(3):
            t = time.perf_counter()
            stt.decode_speech(speech, prompt=prompt)
            greedy.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            stt.hypotheses(speech, prompt=prompt)
            readings.append((time.perf_counter() - t) * 1000)
    return {"commands": len(clips), "greedy_decode": summary(greedy),
            "second_readings": summary(readings)}


def bench_rtf(stt: Any, tts: Any, folder: Path, seconds: float) -> dict[str, Any]:
    import soundfile

    parts, total = [], 0
    i = 0
    while total < seconds * RATE:
        audio = _pad(_speech(tts, COMMANDS[i % len(COMMANDS)]), 0.4, 0.6)
        parts.append(audio)
        total += audio.size
        i += 1
    audio = np.concatenate(parts)[: int(seconds * RATE)]
    path = folder / "long.wav"
    soundfile.write(path, audio, RATE)
    duration = audio.size / RATE
    t = time.perf_counter()
    ours = stt.transcribe_file(path)
    ours_s = time.perf_counter() - t
    t = time.perf_counter()
    segs, _ = stt._model.transcribe(str(path), language="en", beam_size=5)
    naive_text = " ".join(s.text for s in segs)
    naive_s = time.perf_counter() - t
    expected = " ".join(COMMANDS[j % len(COMMANDS)] for j in range(i))
    return {"file_s": round(duration, 1), "rtf": round(ours_s / duration, 3),
            "naive_rtf": round(naive_s / duration, 3),
            "word_accuracy": round(word_accuracy(expected, ours.text), 3),
            "naive_word_accuracy": round(word_accuracy(expected, naive_text), 3)}


def bench_tts(tts: Any, repeat: int) -> dict[str, Any]:
    first, whole, audio_s, naive_first = [], [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        got = None
        seconds = 0.0
        for chunk in tts.synthesize(REPLY):
            if got is None:
                got = time.perf_counter() - t
            seconds += chunk.duration_s
        whole.append(time.perf_counter() - t)
        first.append((got or 0.0) * 1000)
        audio_s.append(seconds)
        # naive: one Piper call for the whole reply, played once it is all there
        t = time.perf_counter()
        list(tts._voice.synthesize(REPLY))
        naive_first.append((time.perf_counter() - t) * 1000)
    return {"first_audio": summary(first), "naive_first_audio": summary(naive_first),
            "rtf": round(float(np.sum(whole) / np.sum(audio_s)), 3),
            "reply_audio_s": round(float(np.mean(audio_s)), 2)}


def bench_barge_in() -> dict[str, Any]:
    try:
        from nargis_desktop.voice.playback import AudioPlayer, measure_stop
        from nargis_desktop.voice.protocols import SpeechChunk

        player = AudioPlayer(None)
        rate = 22_050
        tone = (0.05 * np.sin(2 * np.pi * 440 * np.arange(rate * 5) / rate)).astype(np.float32)
        times = []
        for _ in range(5):
            player.play([SpeechChunk(tone, rate, "")], wait=False)
            time.sleep(0.3)
            times.append(measure_stop(player) * 1000)
        return {"stop": summary(times), "device": player.device.name if player.device else "?"}
    except Exception as exc:  # no sound device on this machine
        return {"skipped": str(exc)}


def run(json: bool = False, quick: bool = False) -> dict[str, Any]:
    from nargis_desktop.models import ModelManager
    from nargis_desktop.paths import DataHome
    from nargis_desktop.voice.stt import WhisperSTT, default_cpu_threads
    from nargis_desktop.voice.tts import PiperTTS

    models = ModelManager.for_home(DataHome.resolve())
    rss_start = rss_mb()
    threads = int(os.environ.get("NARGIS_BENCH_THREADS", "0")) or default_cpu_threads()
    t = time.perf_counter()
    stt = WhisperSTT(models.path("whisper-base"), device=os.environ.get("NARGIS_BENCH_DEVICE",
                                                                         "auto"),
                     cpu_threads=threads, model_id="whisper-base")
    stt_load = time.perf_counter() - t
    t = time.perf_counter()
    tts = PiperTTS(models.path("piper-joe-medium"), model_id="piper-joe-medium")
    tts_load = time.perf_counter() - t
    folder = Path(tempfile.mkdtemp(prefix="nargis-voice-bench-"))
    try:
        stt.transcribe(_speech(tts, "Warm up."))  # first call pays one-off set-up
        stt.transcribe(_speech(tts, REPLY))  # both engines used once, our way
        rss_engines = rss_mb()
        clips = [(c, _speech(tts, c)) for c in COMMANDS[: 3 if quick else len(COMMANDS)]]
        if not quick:
            for c in COMMANDS[:3]:
                spoken = _espeak(c, folder)
                if spoken is not None:
                    clips.append((c, spoken))
        results: dict[str, Any] = {
            "conditions": {**machine(), "stt_model": "whisper-base", "stt_device": stt.device,
                           "stt_compute_type": stt.compute_type, "stt_threads": stt.cpu_threads,
                           "tts_voice": "piper-joe-medium",
                           "load_s": {"stt": round(stt_load, 2), "tts": round(tts_load, 2)}},
            "stt_release": bench_release(stt, clips, (0.3,) if quick else (0.3, 0.0)),
            "stt_second_readings": bench_second_readings(stt, clips),
            "stt_rtf": bench_rtf(stt, tts, folder, 30.0 if quick else 60.0),
            "tts": bench_tts(tts, 2 if quick else 5),
            "rss_mb": {"start": rss_start, "with_stt_and_tts": rss_engines},
            "barge_in": bench_barge_in(),
        }
        results["rss_mb"]["end_of_bench"] = rss_mb()  # after naive 30 s windows, beam 5
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if json:
        print(jsonlib.dumps(results, indent=2))
    else:
        _print(results)
    return results


def _print(r: dict[str, Any]) -> None:
    c = r["conditions"]
    print(f"Voice benchmark on {c['cpu']} ({c['cores']} cores), Python {c['python']}")
    print(f"  Whisper base on {c['stt_device']} {c['stt_compute_type']}, {c['stt_threads']} "
          f"threads; Piper joe-medium; load {c['load_s']}")
    rel = r["stt_release"]
    print(f"STT key release → final transcript ({rel['commands']} commands, "
          f"mean speech {rel['speech_s_mean']} s; target p50 ≤ 350 ms):")
    for key, v in rel.items():
        if not key.startswith("trail_"):
            continue
        print(f"  release {key[6:]} after speech: incremental p50 {v['incremental']['p50_ms']} ms"
              f" (p90 {v['incremental']['p90_ms']}), one-shot {v['oneshot_short_window']['p50_ms']}"
              f" ms, naive {v['naive_faster_whisper']['p50_ms']} ms → "
              f"{v['speedup_vs_naive_p50']}x; final decodes {v['final_decodes']}; "
              f"word accuracy {v['word_accuracy']}")
    sr = r["stt_second_readings"]
    print(f"STT second readings (5-beam n-best, only for an unsure non-command): p50 "
          f"{sr['second_readings']['p50_ms']} ms (p90 {sr['second_readings']['p90_ms']}) vs "
          f"greedy decode {sr['greedy_decode']['p50_ms']} ms of the same {sr['commands']} "
          f"commands")
    rtf = r["stt_rtf"]
    print(f"STT real-time factor on a {rtf['file_s']} s file: {rtf['rtf']} (naive "
          f"{rtf['naive_rtf']}; target ≤ 0.25); word accuracy {rtf['word_accuracy']} "
          f"(naive {rtf['naive_word_accuracy']})")
    t = r["tts"]
    print(f"TTS first audio p50 {t['first_audio']['p50_ms']} ms (whole-reply naive "
          f"{t['naive_first_audio']['p50_ms']} ms; target ≤ 150); RTF {t['rtf']} "
          f"(target ≤ 0.15) on a {t['reply_audio_s']} s reply")
    m = r["rss_mb"]
    print(f"RSS: {m['start']} MB at start, {m['with_stt_and_tts']} MB with STT + TTS loaded and "
          f"used (target ≤ 350 MB); {m['end_of_bench']} MB at the end, after the naive runs")
    b = r["barge_in"]
    if "stop" in b:
        print(f"Barge-in: stop() p50 {b['stop']['p50_ms']} ms on '{b['device']}' (target ≤ 50)")
    else:
        print(f"Barge-in: skipped ({b['skipped']})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--quick", action="store_true", help="fewer commands, 30 s file")
    args = parser.parse_args()
    run(json=args.json, quick=args.quick)
