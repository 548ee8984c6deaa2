"""Assistant benchmark (issue 5): eval accuracy, tool-choice capability, latency, memory.

Latency is measured in one run against a naive sequential baseline (transcribe
after release, full LLM completion, full TTS synthesis, then play) and printed
with the ratio, because ratios survive a noisy shared machine and absolute
times don't. Run: ``python bench/assistant_bench.py [--json] [--part NAME]`` or
``nargis bench --only brain``; ``--part=typed --set=unseen5.jsonl`` scores another eval
set of ``tests/brain/eval`` typed, ``--part=spoken --set=...`` spoken on every voice
(default: the training lines; ``--voices=piper-joe,espeak-us-175 --no-baseline`` for two
voices, with Whisper's second readings only). ``bench/eval_regression.py`` compares every
line's reading between two commits.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "brain"))
os.environ.setdefault("NARGIS_MODELS_DIR", str(Path.home() / ".cache" / "nargis-test-models"))

from common import machine, rss_mb  # noqa: E402

LLMS = ("smollm2-135m", "gemma3-270m")
RELEASE_AFTER_S = 0.3


def _classifier_ms(rows: list[dict[str, Any]]) -> float:
    """The classifier's cost per sentence (trained before timing), over the set's lines."""
    from evalkit import fresh_app

    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.brain.intent_guess import IntentGuesser

    with fresh_app() as app:
        vocab = build_assistant(app, with_llm=False).vocabulary()
    guesser = IntentGuesser()
    guesser.guess("hello", vocab)
    t0 = time.perf_counter()
    for row in rows:
        guesser.guess(row["text"], vocab)
    return round((time.perf_counter() - t0) * 1000 / max(len(rows), 1), 3)


def typed_eval(eval_set: str | None = None) -> dict[str, Any]:
    """The tuned set and the held-out set (new phrasings), or ``eval_set`` of
    ``tests/brain/eval``, without the LLM: the grammar with the classifier tier, and the
    grammar alone (the baseline), in the same run."""
    from evalkit import EVAL_DIR, UTTERANCES, load_utterances, run_one, summarize

    from nargis_desktop.brain.factory import build_assistant

    def grammar_only(app: Any) -> Any:
        assistant = build_assistant(app, with_llm=False)
        assistant.intents = None
        return assistant

    sets = ((eval_set.removesuffix(".jsonl"), EVAL_DIR / eval_set),) if eval_set else (
        ("utterances", UTTERANCES), ("heldout", EVAL_DIR / "heldout.jsonl"))
    out: dict[str, Any] = {}
    for name, path in sets:
        rows = load_utterances(path)
        results = [run_one(r) for r in rows]
        part = summarize(results)
        # a guessed change is put to the user first: the state once they say yes
        part["state_accuracy_after_yes"] = summarize(
            [run_one(r, say_yes=True) for r in rows])["state_accuracy"]
        alone = summarize([run_one(r, make=grammar_only) for r in rows])
        part["grammar_only"] = {k: alone[k] for k in ("intent_accuracy", "slot_accuracy",
                                                      "state_accuracy", "wrong_changes")}
        part["classifier_ms_per_line"] = _classifier_ms(rows)
        part["failures"] = [{"text": r.text, "want": r.row["intent"], "got": r.turn.intent,
                             "problems": r.problems} for r in results
                            if not (r.intent_ok and r.slots_ok and r.state_ok)][:20]
        out[name] = part
    return out


def tool_choice(model_id: str, every: int = 1) -> dict[str, Any]:
    """Score a model on tests/brain/eval/tool_choice.jsonl through the real tool path.

    One constrained call per line (``Assistant.ask_tool``: the product's prompt, the
    compact schema, 48 tokens at most, a 15 s cap), one model load for all lines, and
    the user's words last in the prompt so llama.cpp reuses the cached data and tool
    list from the line before. ``every`` > 1 measures a documented subset.
    """
    from evalkit import EVAL_DIR, fresh_app

    from nargis_desktop.brain.capability import level
    from nargis_desktop.brain.context import state_context
    from nargis_desktop.brain.factory import build_assistant, load_llm

    rows = [json.loads(x) for x in (EVAL_DIR / "tool_choice.jsonl").read_text().splitlines()
            if x.strip()][::every]
    correct = harmful = 0
    details = []
    model = None
    t0 = time.perf_counter()
    for row in rows:
        with fresh_app() as app:
            if model is None:
                model = load_llm(app, model_id)
            assistant = build_assistant(app, with_llm=False)
            t = time.perf_counter()
            raw = assistant.ask_tool(model, row["text"], state_context(assistant.services))
            seconds = time.perf_counter() - t
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
                            "s": round(seconds, 1), "raw": raw[:160]})
    score = correct / len(rows)
    return {"model": model_id, "score": round(score, 3), "n": len(rows), "every": every,
            "harmful_on_chat": harmful, "level": level(score, harmful),
            "seconds": round(time.perf_counter() - t0, 1), "details": details}


def _p50(xs: list[float]) -> float:
    return round(statistics.median(xs), 1) if xs else float("nan")


#: Voice readings that are no command, as Whisper base wrote them in the spoken eval
#: (the first five sound like a command, the last two do not).
_MISHEARD = ("and you. and you.", "How much wander?", "The league by milk.",
             "Now call mom to Friday.", "Mark by Milkton.", "what's the weather like in Paris",
             "I had a really long day at work and I am tired")


def sounds_like(repeat: int = 5) -> dict[str, Any]:
    """Matching misheard readings by sound (``brain.sounds_like``), per reading, with the
    eval's 7 tasks and with 200, against the naive way: nothing remembered between
    readings, so every reading phonemizes the command list and the task names again."""
    import random

    from nargis_desktop.brain.grammar import Grammar, Vocabulary
    from nargis_desktop.brain.sounds_like import SoundsLike
    from nargis_desktop.clock import Clock
    from nargis_desktop.voice import phonemes

    if not phonemes.available():
        return {"skipped": "espeak-ng (Piper's) is not available"}
    grammar = Grammar(Clock("UTC"))
    verbs = ("email", "fix", "clean", "renew", "order", "send", "plan", "draft", "sort")
    things = ("car", "kitchen", "passport", "kids", "parcel", "garage", "taxes", "slides")
    rng = random.Random(5)
    many = list(dict.fromkeys(f"{rng.choice(verbs)} {rng.choice(things)} {rng.choice(things)}"
                              for _ in range(400)))[:196]
    eval_tasks = ["call mom", "buy milk", "write report", "call the bank",
                  "book dentist appointment", "water the plants"]
    out: dict[str, Any] = {"readings": list(_MISHEARD), "repeat": repeat}
    for label, tasks in (("7 tasks", eval_tasks), ("200 tasks", eval_tasks + many[:193])):
        vocab = Vocabulary(open_tasks=tasks[:-1], done_tasks=["pay rent", tasks[-1]])

        def guess(sounds: SoundsLike, reading: str, vocab: Vocabulary = vocab) -> object:
            return sounds.guess(reading) or sounds.guess_named(
                reading, vocab, lambda said: grammar.parse(said, vocab))

        grammar.parse("move buy milk to friday", vocab)  # the date parser's first load
        warm = SoundsLike(phonemes.phonemes)
        t0 = time.perf_counter()
        guess(warm, "The league by milk.")  # every command word and task name phonemized
        first = (time.perf_counter() - t0) * 1000
        remembered, naive = [], []
        for _ in range(repeat):
            for reading in _MISHEARD:
                t0 = time.perf_counter()
                guess(warm, reading)
                remembered.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                guess(SoundsLike(phonemes.phonemes), reading)
                naive.append((time.perf_counter() - t0) * 1000)
        out[label] = {"first_reading_ms": round(first, 1), "p50_ms": _p50(remembered),
                      "max_ms": round(max(remembered), 1), "naive_p50_ms": _p50(naive),
                      "speedup": round(_p50(naive) / max(_p50(remembered), 1e-3), 1),
                      "guesses": {r: getattr(guess(warm, r), "phrase", None)
                                  for r in _MISHEARD}}
    return out


class _Speaker:
    """Plays reply chunks in real time on a thread, like the sound card would.

    The machine running the bench may have no audio device, so playback is this
    stand-in: it consumes audio at its real duration and stops at the next 20 ms
    block once asked, which is what ``voice.playback.AudioPlayer.stop`` does.
    """

    def __init__(self) -> None:
        import queue
        import threading

        self.queue: queue.Queue[Any] = queue.Queue()
        self.stop_event = threading.Event()
        self.last_block_at: float | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def __call__(self, chunk: Any) -> None:
        self.queue.put(chunk)

    def _run(self) -> None:
        import queue

        while not self.stop_event.is_set():
            try:
                chunk = self.queue.get(timeout=0.02)
            except queue.Empty:
                continue
            blocks = max(1, int(len(chunk.samples) / chunk.sample_rate / 0.02))
            for _ in range(blocks):
                if self.stop_event.is_set():
                    return
                self.last_block_at = time.perf_counter()
                time.sleep(0.02)

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join()


def barge_in(assistant: Any, tts: Any, repeat: int = 3) -> dict[str, Any]:
    """Cancel request → generation stopped and playback stopped (target ≤ 100 ms)."""
    import queue
    import threading

    from nargis_desktop.brain.voice_turn import SpeechOut

    gen_ms, play_ms = [], []
    for _ in range(repeat):
        speaker = _Speaker()
        sink = SpeechOut(tts, assistant.cancel, speaker)
        # as in the app (ui.voice_io.SpokenReplies): sentences are synthesised on their own
        # thread, so generation never waits for Piper and a stop is not held by a synthesis
        sentences: queue.Queue[str | None] = queue.Queue()

        def synthesise(q: queue.Queue[str | None] = sentences, out: SpeechOut = sink) -> None:
            while (sentence := q.get()) is not None and not assistant.cancel.is_set():
                out(sentence)

        voice = threading.Thread(target=synthesise, daemon=True)
        voice.start()
        worker = threading.Thread(target=assistant.handle, args=(
            "Tell me a long story about a lighthouse keeper and the sea.",), kwargs={
            "speak": sentences.put})
        worker.start()
        deadline = time.perf_counter() + 60
        while sink.first_audio_at is None and worker.is_alive() and \
                time.perf_counter() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # the reply is playing and more is being generated
        generating = worker.is_alive()  # a short reply may be done already: not a stop
        t = time.perf_counter()
        assistant.interrupt()  # what push-to-talk / "stop" does
        speaker.stop_event.set()  # the voice package's player.stop()
        worker.join()
        if generating:
            gen_ms.append((time.perf_counter() - t) * 1000)
        sentences.put(None)
        voice.join()  # a synthesis in flight ends (its audio is dropped) before the next run
        speaker.thread.join()
        last = speaker.last_block_at or t
        play_ms.append(max(0.0, (last - t) * 1000 + 20))  # + the block already queued
    return {"generation_stopped_p50_ms": _p50(gen_ms), "playback_stopped_p50_ms": _p50(play_ms),
            "runs": repeat, "runs_still_generating": len(gen_ms), "target_ms": 100}


def latency(model_id: str = "smollm2-135m", repeat: int = 3) -> dict[str, Any]:
    """Release → first reply audio, pipelined vs the naive sequential baseline.

    Runs in a child process per model, so the peak RSS is that of one whole assistant
    (STT + LLM + TTS + data) with this model, not of everything the bench loaded.
    """
    import subprocess

    proc = subprocess.run([sys.executable, __file__, f"--latency-child={model_id}",
                           f"--repeat={repeat}"], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        return {"model": model_id, "error": proc.stderr.strip().splitlines()[-3:]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _latency_child(model_id: str, repeat: int) -> dict[str, Any]:
    from evalkit import fresh_app

    from nargis_desktop.brain import prompts
    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.brain.llm import Message
    from nargis_desktop.brain.voice_turn import SpeechOut, load_stt, load_tts
    from nargis_desktop.voice.incremental import IncrementalTranscriber

    command = "Add a task to call the plumber tomorrow at 5 PM."
    chat = "What is a good way to relax after work?"
    out: dict[str, Any] = {"model": model_id, "repeat": repeat}
    with fresh_app() as app:
        app.settings.llm.model = model_id
        stt = load_stt(app)
        tts = load_tts(app)
        assistant = build_assistant(app)
        t = time.perf_counter()
        llm = assistant.model.get() if assistant.model else None
        out["llm_load_ms"] = round((time.perf_counter() - t) * 1000)
        peaks = out["peak_rss_mb_after"] = {"models_loaded": _peak_rss()}
        if llm is None:
            raise SystemExit(assistant.model.error if assistant.model else "no model")
        # the key is let go 0.3 s after the last word, as in voice_bench's typical case
        tail = np.zeros(int(RELEASE_AFTER_S * 16000), np.float32)
        # spoken by the assistant's own Piper voice: a second voice loaded only to make
        # the test audio would add its ~150 MB to the assistant's measured peak RSS
        audio = {kind: np.concatenate([_speech(tts, text), tail])
                 for kind, text in (("command", command), ("chat", chat))}
        out["release_after_speech_s"] = RELEASE_AFTER_S
        stt_ms: dict[str, list[float]] = {}

        def pipelined(samples: np.ndarray, prefill: bool, kind: str) -> float:
            """Incremental STT while the user speaks (and, at the press, the chat prompt
            is evaluated ahead: ``Assistant.prepare``), the reply streamed to TTS
            sentence by sentence; "first audio" is the first synthesised chunk."""
            if prefill:
                assistant.prepare()  # what the app does when push-to-talk is pressed
            inc = IncrementalTranscriber(stt)  # type: ignore[arg-type]
            step = 1600
            for i in range(0, len(samples), step):
                inc.feed(samples[i:i + step])
                time.sleep(step / 16000)  # real time: the user is still talking
            release = time.perf_counter()
            assistant.stop_prefill()  # what the app does when the key is let go
            text = inc.finish().text
            key = f"{kind}_{'prefill' if prefill else 'plain'}"
            stt_ms.setdefault(key, []).append((time.perf_counter() - release) * 1000)
            sink = SpeechOut(tts)
            assistant.handle(text, speak=sink, rereadings=inc.alternatives)
            return ((sink.first_audio_at or time.perf_counter()) - release) * 1000

        for kind in ("command", "chat"):
            piped, unprepared, naive = [], [], []
            for _ in range(repeat):
                piped.append(pipelined(audio[kind], True, kind))
                assistant.undo()  # keep the data the same for every repeat
                # the same pipeline without the prefill: its gain on a chat question,
                # and what it costs a command (it shares the CPU with Whisper meanwhile)
                unprepared.append(pipelined(audio[kind], False, kind))
                assistant.undo()
                samples = audio[kind]
                # naive: whole-clip STT after release, the full reply, all of its TTS,
                # then playback starts
                release = time.perf_counter()
                text = stt.transcribe(samples).text
                turn = assistant.handle(text)
                list(tts.synthesize(turn.reply))
                naive.append((time.perf_counter() - release) * 1000)
                assistant.undo()
            peaks[kind] = _peak_rss()
            out[kind] = {"pipelined_p50_ms": _p50(piped), "baseline_p50_ms": _p50(naive),
                         "speedup": round(_p50(naive) / max(_p50(piped), 1e-6), 2),
                         "pipelined_ms": [round(x) for x in piped],
                         "baseline_ms": [round(x) for x in naive]}
            out[kind]["without_prefill_p50_ms"] = _p50(unprepared)
            out[kind]["without_prefill_ms"] = [round(x) for x in unprepared]
            out[kind]["release_to_transcript_p50_ms"] = {
                "with_prefill": _p50(stt_ms.get(f"{kind}_prefill", [])),
                "without_prefill": _p50(stt_ms.get(f"{kind}_plain", []))}
        # time to first token with the cached system prefix, and decode speed
        ttft, tps = [], []
        for q in ("Say hello.", "Name a fruit.", "What is rain?", "Say thanks.", "Pick a colour."):
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
        peaks["ttft"] = _peak_rss()
        out["barge_in"] = barge_in(assistant, tts)
        peaks["barge_in"] = _peak_rss()
        out["peak_rss_mb"] = _peak_rss()
        out["rss_now_mb"] = rss_mb()
        out["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    return out


def _speech(tts: Any, text: str) -> np.ndarray:
    from nargis_desktop.voice.audio import resample

    samples = np.concatenate([c.samples for c in tts.synthesize(text)])
    return resample(samples, tts.sample_rate, 16000)


def _peak_rss() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(as_json: bool = False, parts: tuple[str, ...] = ("typed", "sounds", "latency"),
        eval_set: str | None = None, voice_names: tuple[str, ...] = (),
        baseline: bool = True) -> dict[str, Any]:
    result: dict[str, Any] = {"machine": machine()}
    if "typed" in parts:
        result["typed_eval"] = typed_eval(eval_set)
    if "spoken" in parts:
        from evalkit import EVAL_DIR
        from spoken import PIPER_STEADY, VOICES, spoken_eval

        path = EVAL_DIR / eval_set if eval_set else None
        voices = tuple(v for v in (*VOICES, PIPER_STEADY)
                       if not voice_names or v.name in voice_names)
        # with Whisper's second readings (as the app does) and without, in one run
        result["spoken_eval"] = spoken_eval(full=True, voices=voices, path=path)
        if baseline:
            result["spoken_eval_first_reading_only"] = spoken_eval(
                full=True, voices=voices, path=path, rereadings=False)
    if "sounds" in parts:
        result["sounds_like"] = sounds_like()
    if "latency" in parts:
        result["latency"] = {m: latency(m) for m in LLMS}
    if "tools" in parts:
        result["tool_choice"] = {m: tool_choice(m) for m in LLMS}
    if not as_json:
        print(json.dumps(result, indent=2, default=str))
    return result


if __name__ == "__main__":
    args = sys.argv[1:]
    child = [a.split("=", 1)[1] for a in args if a.startswith("--latency-child=")]
    if child:
        rep = int(next((a.split("=", 1)[1] for a in args if a.startswith("--repeat=")), "3"))
        print(json.dumps(_latency_child(child[0], rep), default=str))
        raise SystemExit(0)
    parts = tuple(a.split("=", 1)[1] for a in args if a.startswith("--part="))
    eval_set = next((a.split("=", 1)[1] for a in args if a.startswith("--set=")), None)
    # "--voices=piper-joe,espeak-us-175": only those voices; "--no-baseline": without the
    # first-reading-only run
    names = next((a.split("=", 1)[1] for a in args if a.startswith("--voices=")), "")
    data = run("--json" in args, parts or ("typed", "sounds", "latency"), eval_set,
               tuple(n for n in names.split(",") if n), "--no-baseline" not in args)
    if "--json" in args:
        print(json.dumps(data, indent=2, default=str))
