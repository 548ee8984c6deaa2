"""The CUDA paths of the speech and language engines, against the CPU in the same run.

Run on a machine with an NVIDIA GPU (CPU-only machines run the CPU rows and say why
the GPU rows are missing):

    python bench/gpu_bench.py --whisper DIR --llm FILE.gguf [--llm ...] [--clip WAV ...]

For each Whisper configuration (CPU int8, CUDA int8_float16, CUDA float16, and
``auto``, which is what the app picks) it records the load, the engine it really got
(with any fallback note), and the p50 time to transcribe each clip. For each GGUF it
loads the model with every layer on the CPU and then with every layer offloaded
(``llm.gpu_layers`` 0 and -1, through :class:`LlamaCppModel` as the app does) and
times the first token with the system prefix cached, the first token after the
push-to-talk prefill, decoding speed, and one grammar-constrained tool answer.
It imports only what those engines need (no Qt, no database).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import traceback
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, summary

CONTEXT = ("Today is Thursday 26 November, 09:30.\nTasks due today: write report (high), "
           "call mom at 17:00, buy groceries.\nOverdue: renew passport.\nHabits not yet "
           "logged today: meditation, drink water (3 of 8).\nFocus today: 50 minutes, "
           "2 sessions.\nJournal: locked.")
QUESTION = "What should I do first this morning?"
#: What ``nargis bench --only gpu`` speaks (the clips of docs/gpu.md's table).
COMMANDS = ("Add a task to call mom tomorrow at five.",
            "Start a twenty five minute focus session.",
            "What should I do first this morning, and how long is left on my focus timer?")
TOOL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"tool": {"enum": ["task.complete", "task.add", "habit.log", "none"]},
                   "args": {"type": "object", "properties": {"title": {"type": "string"}}}},
    "required": ["tool", "args"],
}


def gpu_memory_mb() -> float | None:
    """Memory in use on the first GPU, from nvidia-smi (None without one)."""
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=memory.used",
                              "--format=csv,noheader,nounits"], capture_output=True,
                             text=True, timeout=20, check=True).stdout
        return float(out.split()[0])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def gpu_name() -> str:
    try:
        return subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version",
                               "--format=csv,noheader"], capture_output=True, text=True,
                              timeout=20, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "no NVIDIA GPU (nvidia-smi not found or failed)"


def read_clip(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: 16-bit PCM expected")
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
        rate, channels = wav.getframerate(), wav.getnchannels()
    samples = data.reshape(-1, channels).mean(axis=1).astype(np.float32) / 32768.0
    if rate == 16000:
        return samples
    from nargis_desktop.voice.audio import resample

    return resample(samples, rate, 16000)


def _attempt(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A row that failed says how, and the run goes on to the next."""
    try:
        return fn()
    except Exception as exc:  # a benchmark row, not product code: record anything
        return {"error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(limit=3)[-600:]}


def stt_rows(model_dir: Path, clips: list[Path], repeat: int) -> list[dict[str, Any]]:
    from nargis_desktop.voice.stt import WhisperSTT, cuda_device_count

    audio = [read_clip(c) for c in clips]
    configs = [("cpu", "int8"), ("cuda", "int8_float16"), ("cuda", "float16"),
               ("auto", "auto")]
    rows = []
    for device, compute in configs:
        def one(device: str = device, compute: str = compute) -> dict[str, Any]:
            if device == "cuda" and cuda_device_count() == 0:
                return {"skipped": "CTranslate2 sees no CUDA device"}
            before = gpu_memory_mb()
            t = time.perf_counter()
            stt = WhisperSTT(model_dir, device=device, compute_type=compute)
            load_ms = (time.perf_counter() - t) * 1000
            stt.transcribe(audio[0])  # warm-up: CUDA kernels, allocator
            per_clip = []
            for clip, samples in zip(clips, audio, strict=True):
                texts: list[str] = []
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    texts.append(stt.transcribe(samples).text)
                    times.append((time.perf_counter() - t) * 1000)
                per_clip.append({"clip": clip.name, "seconds": round(samples.size / 16000, 2),
                                 **summary(times), "text": texts[-1]})
            after = gpu_memory_mb()
            row = {"got": f"{stt.device}/{stt.compute_type}", "threads": stt.choice.cpu_threads,
                   "load_ms": round(load_ms), "notes": stt.notes, "clips": per_clip,
                   "p50_all_ms": round(float(np.median([c["p50_ms"] for c in per_clip])), 1)}
            if before is not None and after is not None:
                row["gpu_mb_used"] = round(after - before)
            stt.unload()
            return row
        rows.append({"asked": f"{device}/{compute}", **_attempt(one)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def llm_rows(path: Path, repeat: int, threads: int) -> list[dict[str, Any]]:
    from nargis_desktop.brain.llm import LlamaCppModel, Message, describe_device
    from nargis_desktop.brain.prompts import SYSTEM, user_turn

    rows = []
    for layers in (0, -1):
        def one(layers: int = layers) -> dict[str, Any]:
            before = gpu_memory_mb()
            t = time.perf_counter()
            model = LlamaCppModel(path, context_tokens=2048, threads=threads,
                                  gpu_layers_setting=layers, system_prefix=SYSTEM)
            load_ms = (time.perf_counter() - t) * 1000
            after = gpu_memory_mb()
            question = [Message("user", user_turn(QUESTION, CONTEXT))]

            def first_token() -> float:
                t0 = time.perf_counter()
                for _ in model.stream(SYSTEM, question, max_tokens=1):
                    break
                return (time.perf_counter() - t0) * 1000

            cold = []
            for _ in range(repeat):
                model.warm(SYSTEM)  # only the system prefix is cached
                cold.append(first_token())
            prefilled = []
            open_turn = [Message("user", user_turn("", CONTEXT))]
            for _ in range(repeat):
                model.warm(SYSTEM)
                model.prefill(SYSTEM, open_turn, threading.Event())  # while the key is held
                prefilled.append(first_token())
            tokens, t0 = 0, time.perf_counter()
            for _ in model.stream(SYSTEM, [Message("user", "Tell me a long story about "
                                                           "a lighthouse keeper.")],
                                  max_tokens=128):
                tokens += 1
            decode_s = time.perf_counter() - t0
            tool_ms = []
            answer = ""
            for _ in range(repeat):
                t0 = time.perf_counter()
                answer = model.complete_json(
                    SYSTEM, [Message("user", user_turn("I finished the report", CONTEXT))],
                    TOOL_SCHEMA, max_tokens=48)
                tool_ms.append((time.perf_counter() - t0) * 1000)
            row = {"gpu_layers_setting": layers, "offloaded": model.gpu_layers,
                   "note": model.note, "device": describe_device(model.name, layers, threads,
                                                                 model),
                   "load_ms": round(load_ms), "ttft_prefix_cached": summary(cold),
                   "ttft_after_prefill": summary(prefilled),
                   "decode_tokens": tokens, "tokens_per_s": round(tokens / decode_s, 1),
                   "tool_json": summary(tool_ms), "tool_answer": answer[:120]}
            if before is not None and after is not None:
                row["gpu_mb_used"] = round(after - before)
            model.close()
            return row
        rows.append({"model": path.name, **_attempt(one)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def environment() -> dict[str, Any]:
    env: dict[str, Any] = {"machine": machine(), "gpu": gpu_name()}
    try:
        import llama_cpp

        env["llama_cpp"] = {"version": llama_cpp.__version__,
                            "gpu_offload": bool(llama_cpp.llama_supports_gpu_offload())}
    except ImportError as exc:
        env["llama_cpp"] = f"not importable: {exc}"
    try:
        import ctranslate2

        count = ctranslate2.get_cuda_device_count()
        env["ctranslate2"] = {"version": ctranslate2.__version__, "cuda_devices": count}
        if count:
            env["ctranslate2"]["cuda_compute_types"] = sorted(
                ctranslate2.get_supported_compute_types("cuda"))
    except ImportError as exc:
        env["ctranslate2"] = f"not importable: {exc}"
    return env


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--whisper", type=Path, help="a Whisper model folder (model.bin)")
    ap.add_argument("--clip", type=Path, action="append", default=[],
                    help="a 16-bit WAV command to transcribe (repeatable)")
    ap.add_argument("--llm", type=Path, action="append", default=[], help="a GGUF file")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0,
                    help="CPU threads for llama.cpp (0: the app's default)")
    ap.add_argument("--out", type=Path, help="also write the JSON here")
    args = ap.parse_args(argv)
    result: dict[str, Any] = {"environment": environment(), "repeat": args.repeat}
    print(json.dumps(result["environment"]), flush=True)
    if args.whisper and args.clip:
        result["stt"] = stt_rows(args.whisper, args.clip, args.repeat)
    for path in args.llm:
        result.setdefault("llm", []).extend(llm_rows(path, args.repeat, args.threads))
    result["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    return result


def has_gpu(env: dict[str, Any]) -> bool:
    ct2, llama = env.get("ctranslate2"), env.get("llama_cpp")
    return bool((isinstance(ct2, dict) and ct2.get("cuda_devices"))
                or (isinstance(llama, dict) and llama.get("gpu_offload")))


def run(as_json: bool = False) -> dict[str, Any]:
    """``nargis bench --only gpu``: the default models, and three commands spoken by the
    default voice. Without a GPU engine there is nothing to compare, so it says so."""
    import tempfile

    from nargis_desktop.brain.voice_turn import write_wav
    from nargis_desktop.models import ModelManager
    from nargis_desktop.paths import DataHome
    from nargis_desktop.voice.tts import PiperTTS

    env = environment()
    if not has_gpu(env):
        return {"environment": env, "skipped": "no CUDA device for CTranslate2 and a CPU-only "
                "llama.cpp build: see docs/gpu.md"}
    models = ModelManager.for_home(DataHome.resolve())
    tts = PiperTTS(models.path("piper-joe-medium"), model_id="piper-joe-medium",
                   variation=False)
    folder = Path(tempfile.mkdtemp(prefix="nargis-gpu-bench-"))
    argv = ["--whisper", str(models.path("whisper-base")),
            "--llm", str(models.path("smollm2-135m"))]
    for i, text in enumerate(COMMANDS):
        samples = np.concatenate([c.samples for c in tts.synthesize(text)])
        pad = np.zeros(int(0.3 * tts.sample_rate), np.float32)
        path = folder / f"command{i}.wav"
        write_wav(path, np.concatenate([pad, samples, pad]), tts.sample_rate)
        argv += ["--clip", str(path)]
    return main(argv)


if __name__ == "__main__":
    main()
