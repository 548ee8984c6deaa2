"""Assistant benchmark (issue 5): eval accuracy, tool-choice capability, latency, memory.

Latency is measured in one run against a naive sequential baseline (transcribe
after release, full LLM completion, full TTS synthesis, then play) and printed
with the ratio, because ratios survive a noisy shared machine and absolute
times don't. Run: ``python bench/assistant_bench.py [--json] [--part NAME]`` or
``nargis bench --only brain``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "brain"))
os.environ.setdefault("NARGIS_MODELS_DIR", str(Path.home() / ".cache" / "nargis-test-models"))

from common import machine, rss_mb  # noqa: E402

LLMS = ("smollm2-135m", "gemma3-270m")


def typed_eval() -> dict[str, Any]:
    from evalkit import load_utterances, run_one, summarize

    results = [run_one(r) for r in load_utterances()]
    out = summarize(results)
    out["failures"] = [{"text": r.text, "want": r.row["intent"], "got": r.turn.intent,
                        "problems": r.problems} for r in results
                       if not (r.intent_ok and r.slots_ok and r.state_ok)][:20]
    return out


def tool_choice(model_id: str) -> dict[str, Any]:
    """Score a model on tests/brain/eval/tool_choice.jsonl through the real tool path."""
    from evalkit import EVAL_DIR, fresh_app

    from nargis_desktop.brain import prompts
    from nargis_desktop.brain.context import state_context
    from nargis_desktop.brain.factory import build_assistant, load_llm
    from nargis_desktop.brain.llm import Message

    rows = [json.loads(x) for x in (EVAL_DIR / "tool_choice.jsonl").read_text().splitlines()
            if x.strip()]
    correct = harmful = 0
    details = []
    model = None
    t0 = time.perf_counter()
    for row in rows:
        with fresh_app() as app:
            if model is None:
                model = load_llm(app, model_id)
            assistant = build_assistant(app, with_llm=False)
            safe = assistant.tools.schemas()
            descs = {n: assistant.tools.get(n).description for n in safe}
            raw = model.complete_json(
                prompts.SYSTEM, [Message("user", prompts.tool_turn(
                    row["text"], state_context(assistant.services), descs))],
                prompts.tool_schema(safe))
            record = assistant.run_llm_call(raw)
            got = "none" if record is None else record.tool
            ok = got == row["tool"]
            if ok and row.get("arg") and record is not None:
                key, want = row["arg"]
                task = (record.result or {}).get(key if key != "title" else "task") or {}
                have = task.get("title") or task.get("name") if isinstance(task, dict) else None
                ok = bool(record.ok and have and (want in have.casefold() or have.casefold()
                                                  in want))
            if row["tool"] == "none" and record is not None and record.ok:
                harmful += 1
            correct += ok
            details.append({"text": row["text"], "want": row["tool"], "got": got, "ok": ok,
                            "raw": raw[:160]})
    score = correct / len(rows)
    return {"model": model_id, "score": round(score, 3), "n": len(rows),
            "harmful_on_chat": harmful,
            "level": "pass" if score >= 0.9 and harmful == 0 else "fail",
            "seconds": round(time.perf_counter() - t0, 1), "details": details}


def _p50(xs: list[float]) -> float:
    return round(statistics.median(xs), 1) if xs else float("nan")


def latency(model_id: str = "smollm2-135m", repeat: int = 3) -> dict[str, Any]:
    """Release → first reply audio, pipelined vs the naive sequential baseline."""
    from evalkit import fresh_app
    from spoken import synth_piper

    from nargis_desktop.brain import prompts
    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.brain.llm import Message
    from nargis_desktop.brain.voice_turn import SpeechOut, load_stt, load_tts
    from nargis_desktop.voice.incremental import IncrementalTranscriber

    command = "Add a task to call the plumber tomorrow at 5 PM."
    chat = "What is a good way to relax after work?"
    out: dict[str, Any] = {"model": model_id}
    with fresh_app() as app:
        app.settings.llm.model = model_id
        stt = load_stt(app)
        tts = load_tts(app)
        assistant = build_assistant(app)
        t = time.perf_counter()
        llm = assistant.model.get() if assistant.model else None
        out["llm_load_ms"] = round((time.perf_counter() - t) * 1000)
        assert llm is not None, assistant.model.error if assistant.model else "no model"
        audio = {k: synth_piper(v) for k, v in (("command", command), ("chat", chat))}
        for kind in ("command", "chat"):
            piped, naive = [], []
            for _ in range(repeat):
                # pipelined: incremental STT while "speaking", then stream to sentence TTS
                inc = IncrementalTranscriber(stt)  # type: ignore[arg-type]
                samples = audio[kind]
                step = 1600
                for i in range(0, len(samples), step):
                    inc.feed(samples[i:i + step])
                    time.sleep(step / 16000)  # real time: the user is still talking
                release = time.perf_counter()
                text = inc.finish().text
                sink = SpeechOut(tts)
                assistant.handle(text, speak=sink)
                piped.append(((sink.first_audio_at or time.perf_counter()) - release) * 1000)
                # naive: whole-file STT after release, full completion, full TTS, then play
                release = time.perf_counter()
                text = stt.transcribe(samples).text
                turn = assistant.handle(text)  # commands: no LLM either way
                reply = turn.reply
                if kind == "chat":
                    reply = "".join(llm.stream(prompts.SYSTEM, [Message("user", text)]))
                list(tts.synthesize(reply))
                naive.append((time.perf_counter() - release) * 1000)
            out[kind] = {"pipelined_p50_ms": _p50(piped), "baseline_p50_ms": _p50(naive),
                         "speedup": round(_p50(naive) / max(_p50(piped), 1e-6), 2)}
        # time to first token with the cached prefix, and decode speed
        ttft, tps = [], []
        for q in ("Say hello.", "Name a fruit.", "What is rain?"):
            t = time.perf_counter()
            first = None
            n = 0
            for _ in llm.stream(prompts.SYSTEM, [Message("user", q)], max_tokens=48):
                if first is None:
                    first = time.perf_counter()
                n += 1
            end = time.perf_counter()
            if first is not None:
                ttft.append((first - t) * 1000)
                if n > 1:
                    tps.append((n - 1) / max(end - first, 1e-6))
        out["llm_ttft_cached_prefix_p50_ms"] = _p50(ttft)
        out["llm_tokens_per_s"] = round(statistics.median(tps), 1) if tps else None
        out["peak_rss_mb"] = _peak_rss()
        out["rss_now_mb"] = rss_mb()
    return out


def _peak_rss() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(as_json: bool = False, parts: tuple[str, ...] = ("typed", "latency")) -> dict[str, Any]:
    result: dict[str, Any] = {"machine": machine()}
    if "typed" in parts:
        result["typed_eval"] = typed_eval()
    if "spoken" in parts:
        from spoken import spoken_eval

        result["spoken_eval"] = spoken_eval(full=True)
    if "latency" in parts:
        result["latency"] = {m: latency(m) for m in LLMS}
    if "tools" in parts:
        result["tool_choice"] = {m: tool_choice(m) for m in LLMS}
    if not as_json:
        print(json.dumps(result, indent=2, default=str))
    return result


if __name__ == "__main__":
    args = sys.argv[1:]
    parts = tuple(a.split("=", 1)[1] for a in args if a.startswith("--part="))
    data = run("--json" in args, parts or ("typed", "latency"))
    if "--json" in args:
        print(json.dumps(data, indent=2, default=str))
