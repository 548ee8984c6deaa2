"""Where the assistant's memory goes: resident size step by step, with each step's peak.

The three engines are built the way the assistant builds them (Whisper base int8 via
CTranslate2 from its int8 copy, SmolLM2-135M via llama.cpp with the system prefix
warmed, Piper joe via onnxruntime) and used the way a voice turn uses them. After
every step the table shows the resident size now (anonymous memory and file-backed
pages apart), the highest it reached *during* that step, and the process peak so far.
The last steps unload Whisper and load it again with the others resident (the first
push-to-talk after an idle unload), from the int8 copy and, as the naive comparison,
from the float16 file.

The per-step peak comes from Linux's VmHWM, reset before each step by writing 5 to
``/proc/self/clear_refs`` (which resets ``ru_maxrss`` too: do not run this inside a
bench that reads it); where that is not allowed the column shows the process peak.
A second round of the same work shows whether memory keeps growing once every
buffer has been allocated once.

Run: ``python bench/rss_breakdown.py [--json] [--maps] [--model smollm2-135m]``
(models from NARGIS_MODELS_DIR, else ~/.cache/nargis-test-models).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NARGIS_MODELS_DIR", str(Path.home() / ".cache" / "nargis-test-models"))

from common import machine

#: One 100-character sentence, the longest chunk the assistant hands Piper at once.
SENTENCE_100 = ("The weather looks calm this evening, so a short walk by the river "
                "could help you unwind nicely.")
COMMAND = "Add a task to call the plumber tomorrow at 5 PM."


def _status() -> dict[str, int]:
    """Fields of /proc/self/status in kB (VmRSS, VmHWM, RssAnon, RssFile, Threads...)."""
    out: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            parts = value.split()
            if parts and parts[0].isdigit():
                out[key] = int(parts[0])
    return out


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False where not permitted."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _malloc_free_kb() -> int:
    """Bytes glibc holds free in its arenas (mallinfo2 fordblks), in kB; -1 elsewhere."""
    import ctypes
    import ctypes.util

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
            "uordblks", "fordblks", "keepcost")]

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        fn = libc.mallinfo2
    except (OSError, AttributeError):
        return -1
    fn.restype = MallInfo2
    return int(fn().fordblks) // 1024


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)


class Recorder:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.can_reset = _reset_peak()
        self.process_peak = 0

    def step(self, label: str, fn: Callable[[], Any] | None = None) -> Any:
        self.can_reset = _reset_peak() and self.can_reset
        before = _status()
        t = time.perf_counter()
        result = fn() if fn is not None else None
        seconds = time.perf_counter() - t
        now = _status()
        # resetting VmHWM resets ru_maxrss too, so the process peak is kept here
        peak = now["VmHWM"] if self.can_reset else resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss
        self.process_peak = max(self.process_peak, peak)
        self.rows.append({
            "step": label, "rss_mb": _mb(now["VmRSS"]),
            "delta_mb": _mb(now["VmRSS"] - before["VmRSS"]),
            "anon_mb": _mb(now.get("RssAnon", 0)), "file_mb": _mb(now.get("RssFile", 0)),
            "step_peak_mb": _mb(peak), "transient_mb": _mb(max(0, peak - now["VmRSS"])),
            "process_peak_mb": _mb(self.process_peak), "malloc_free_mb": _mb(_malloc_free_kb()),
            "threads": now.get("Threads", 0),
            "seconds": round(seconds, 3)})
        return result


def top_mappings(limit: int = 12) -> list[tuple[str, float]]:
    """Resident MB per mapped file (anonymous memory as one line), largest first."""
    sizes: dict[str, int] = defaultdict(int)
    name = "[anon]"
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            first = line.split(maxsplit=1)[0]
            if "-" in first and not first.endswith(":"):
                fields = line.split(maxsplit=5)
                name = fields[5].strip() if len(fields) > 5 else "[anon]"
            elif first == "Rss:":
                sizes[name] += int(line.split()[1])
    ranked = sorted(sizes.items(), key=lambda kv: kv[1], reverse=True)
    return [(Path(n).name if n.startswith("/") else n, _mb(kb)) for n, kb in ranked[:limit]]


def run(model_id: str) -> dict[str, Any]:
    rec = Recorder()
    rec.step("python + numpy")

    def imports() -> None:
        import ctranslate2  # noqa: F401
        import faster_whisper  # noqa: F401
        import llama_cpp  # noqa: F401
        import onnxruntime  # noqa: F401
        import piper  # noqa: F401

        import nargis_desktop.brain.llm
        import nargis_desktop.voice.stt
        import nargis_desktop.voice.tts  # noqa: F401

    rec.step("engine imports (ct2, llama_cpp, ort, piper)", imports)

    from nargis_desktop.brain.llm import LlamaCppModel, Message
    from nargis_desktop.brain.prompts import SYSTEM
    from nargis_desktop.models import ModelManager
    from nargis_desktop.voice.audio import resample
    from nargis_desktop.voice.stt import WhisperSTT
    from nargis_desktop.voice.tts import PiperTTS

    models = ModelManager(Path(os.environ["NARGIS_MODELS_DIR"]))
    stt = rec.step("Whisper base int8 loaded", lambda: WhisperSTT(
        models.path("whisper-base"), device="cpu", language="en", beam_size=1,
        model_id="whisper-base"))
    llm_path = models.path(model_id)
    if llm_path.is_dir():
        llm_path = next(llm_path.glob("*.gguf"))
    llm = rec.step(f"{model_id} loaded + prefix warmed", lambda: LlamaCppModel(
        llm_path, name=model_id, context_tokens=2048, gpu_layers_setting=0,
        system_prefix=SYSTEM))
    tts = rec.step("Piper joe-medium loaded", lambda: PiperTTS(
        models.path("piper-joe-medium"), model_id="piper-joe-medium", variation=False))
    import numpy as np

    def speak(text: str) -> Any:
        return np.concatenate([c.samples for c in tts.synthesize(text)])

    clip = rec.step("Piper: 48-char command", lambda: speak(COMMAND))
    rec.step(f"Piper: {len(SENTENCE_100)}-char sentence", lambda: speak(SENTENCE_100))
    pcm = resample(clip, tts.sample_rate, 16000)
    out: dict[str, Any] = {}

    def transcribe() -> None:
        out["transcript"] = stt.transcribe(pcm).text

    def generate() -> None:
        t = time.perf_counter()
        pieces = list(llm.stream(SYSTEM, [Message("user", "What is a good way to relax "
                                                  "after work?")], max_tokens=60))
        out["reply"] = "".join(pieces)
        out["gen_tokens_per_s"] = round(len(pieces) / (time.perf_counter() - t), 1)

    rec.step(f"Whisper: transcribe {len(pcm) / 16000:.1f} s", transcribe)
    rec.step("LLM: 60-token reply", generate)
    for _ in range(2):
        rec.step("round 2: transcribe", transcribe)
        rec.step("round 2: LLM reply", generate)
        rec.step("round 2: Piper 100 chars", lambda: speak(SENTENCE_100))
    from nargis_desktop.voice.memory import release_free_memory

    rec.step("malloc_trim(0)", release_free_memory)
    # the first push-to-talk after an idle unload: Whisper loads again with the other
    # engines resident. From the int8 copy (voice.ct2_int8), as the app does, and, for
    # comparison, from the float16 model.bin, quantized while loading as before.
    rec.step("idle: Whisper unloaded", stt.unload)
    rec.step("Whisper reloaded from its int8 copy", lambda: stt.transcribe(pcm))
    rec.step("idle: Whisper unloaded", stt.unload)

    def float16_load() -> None:
        from faster_whisper import WhisperModel

        model = WhisperModel(str(models.path("whisper-base")), device="cpu",
                             compute_type="int8", cpu_threads=stt.cpu_threads, num_workers=1,
                             local_files_only=True)
        del model
        release_free_memory()

    rec.step("naive: load float16 model.bin as int8", float16_load)
    return {"conditions": {**machine(), "model": model_id,
                           "per_step_peak": "VmHWM reset per step" if rec.can_reset
                           else "process peak (ru_maxrss)",
                           "load_avg": [round(x, 2) for x in os.getloadavg()]},
            "rows": rec.rows, "transcript": out.get("transcript"), "reply": out.get("reply"),
            "gen_tokens_per_s": out.get("gen_tokens_per_s"), "mappings": top_mappings()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--maps", action="store_true", help="also list the largest mappings")
    parser.add_argument("--model", default="smollm2-135m")
    args = parser.parse_args()
    result = run(args.model)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    c = result["conditions"]
    print(f"{c['cpu']}, {c['cores']} cores, Python {c['python']}, load {c['load_avg']}; "
          f"step peak = {c['per_step_peak']}")
    head = (f"{'step':<44}{'RSS':>7}{'Δ':>7}{'anon':>7}{'file':>7}{'peak':>7}"
            f"{'trans':>7}{'proc':>7}{'mfree':>7}{'thr':>5}{'s':>7}")
    print(head)
    print("-" * len(head))
    for r in result["rows"]:
        print(f"{r['step']:<44}{r['rss_mb']:>7.1f}{r['delta_mb']:>+7.1f}{r['anon_mb']:>7.1f}"
              f"{r['file_mb']:>7.1f}{r['step_peak_mb']:>7.1f}{r['transient_mb']:>7.1f}"
              f"{r['process_peak_mb']:>7.1f}{r['malloc_free_mb']:>7.1f}{r['threads']:>5}"
              f"{r['seconds']:>7.2f}")
    print("RSS/anon/file: resident MB after the step; peak: highest during the step; "
          "trans: peak - RSS after; proc: process peak so far;\nmfree: "
          "memory malloc holds free, resident or already given back; s: seconds of the step")
    print(f"transcript: {result['transcript']!r}\nreply: {result['reply']!r} "
          f"({result['gen_tokens_per_s']} tok/s)")
    if args.maps:
        print("largest resident mappings at the end (MB):")
        for name, mb in result["mappings"]:
            print(f"  {name:<50}{mb:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
