"""Memory given back by idle unloading: resident size with the default models loaded,
after each is unloaded, and after they reload on their next use.

The engines are built by the app exactly as the desktop builds them (Whisper base,
Piper joe, SmolLM2-135M), each used once; a fixed clock then passes the idle time
and the app's unloader runs, one engine at a time so each one's share shows.

Run: ``python bench/idle_unload_rss.py [--json]`` (models from NARGIS_MODELS_DIR or
the data home; ``nargis models install`` installs the defaults).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, rss_mb

from nargis_desktop.app import App
from nargis_desktop.brain import prompts
from nargis_desktop.brain.llm import Message
from nargis_desktop.clock import FixedClock
from nargis_desktop.model_idle import LLM_NAME, STT_NAME, TTS_NAME
from nargis_desktop.paths import DataHome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    home = DataHome(Path(tempfile.mkdtemp(prefix="nargis-rss-")))
    app = App(home, clock=clock)
    app.settings.llm.unload_after_minutes = 1
    app.settings.voice.stt_device = "cpu"
    rows: list[tuple[str, float]] = [("start (imports done)", rss_mb())]

    stt, tts = app.build_stt(), app.build_tts()
    slot = app.assistant.model
    assert slot is not None
    llm = slot.get()
    assert llm is not None, slot.error
    said = np.concatenate([c.samples for c in tts.synthesize("Add a task to buy milk.")])

    def use_all() -> str:
        text = stt.transcribe(said, sample_rate=tts.sample_rate).text
        list(tts.synthesize("Done."))
        reply = "".join(llm.stream(prompts.SYSTEM, [Message("user", "Hi!")], max_tokens=8))
        return f"{text!r} / {reply!r}"

    first = use_all()
    rows.append(("all three loaded and used once", rss_mb()))
    started = time.perf_counter()
    use_all()
    warm_s = time.perf_counter() - started
    for name in (STT_NAME, TTS_NAME, LLM_NAME):
        clock.advance(minutes=1)
        for other, engine in app.idle_models.engines():  # one at a time: the rest were
            if other != name:                             # "just used"
                engine.usage.touch()
        freed = [n for n in app.idle_models.check() if n == name]
        rows.append((f"after unloading {name}" + ("" if freed else " (NOT unloaded)"),
                     rss_mb()))
    started = time.perf_counter()
    again = use_all()
    reload_s = time.perf_counter() - started
    rows.append(("after reloading on next use", rss_mb()))

    result: dict[str, Any] = {"conditions": machine(), "rss_mb": dict(rows),
                              "first_use": first, "after_reload": again,
                              "use_all_s": {"loaded": round(warm_s, 2),
                                            "after_unload": round(reload_s, 2)}}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print("Resident memory (RSS), MB")
    previous = None
    for label, mb in rows:
        delta = "" if previous is None else f"  ({mb - previous:+.1f})"
        print(f"  {label:<52} {mb:8.1f}{delta}")
        previous = mb
    loaded, unloaded = rows[1][1], rows[-2][1]
    print(f"freed by unloading all three: {loaded - unloaded:.1f} MB "
          f"({100 * (loaded - unloaded) / loaded:.0f} % of the loaded size)")
    print(f"one use of all three: {warm_s:.2f} s loaded, {reload_s:.2f} s right after the "
          "unload (the reload included)")
    print(f"first use:    {first}\nafter reload: {again}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
