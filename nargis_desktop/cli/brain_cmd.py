"""``nargis ask``, ``nargis listen`` and ``nargis bench``: the assistant from a shell."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import click

from nargis_desktop.cli.common import emit_json, get_app, json_option

BENCHES = ("brain", "foundation", "voice", "vault", "gpu")
_BENCH_FILES = {"brain": "assistant_bench.py", "foundation": "foundation_bench.py",
                "voice": "voice_bench.py", "vault": "vault_bench.py",
                "gpu": "gpu_bench.py"}


def _print_turn(data: dict[str, Any]) -> None:
    for action in data["actions"]:
        mark = "ok" if action["ok"] else "failed"
        click.echo(f"[{action['tool']}: {mark}] {action.get('message') or action.get('error')}",
                   err=True)
    for note in data.get("notes", []):
        click.echo(f"nargis: note: {note}", err=True)
    click.echo(data["reply"])


def _speak_to(path: str | None, out: Any) -> None:
    if path is None:
        return
    from nargis_desktop.brain.voice_turn import write_wav

    samples, rate = out.audio()
    write_wav(Path(path), samples, rate)


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--speak", "speak", type=click.Path(dir_okay=False), default=None,
              help="Also write the spoken reply to this WAV file.")
@click.option("--no-llm", is_flag=True, help="Commands only; never load the language model.")
@json_option
def ask(text: tuple[str, ...], speak: str | None, no_llm: bool, as_json: bool) -> None:
    """Say something to the assistant by typing it."""
    import time

    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.brain.voice_turn import SpeechOut, load_tts

    app = get_app()
    assistant = build_assistant(app, with_llm=not no_llm)
    if assistant.memory is not None:
        assistant.memory.resume_latest()
    out = SpeechOut(load_tts(app) if speak else None, assistant.cancel)
    t0 = time.perf_counter()
    turn = assistant.handle(" ".join(text), speak=out if speak else None)
    turn.notes.extend(out.skipped)
    if out.first_audio_at is not None:
        turn.timings_ms["tts_first_audio"] = (out.first_audio_at - t0) * 1000
    turn.timings_ms["stt"] = None
    _speak_to(speak, out)
    _report(turn.to_json(), as_json)


@click.command()
@click.argument("audio", type=click.Path(exists=True, dir_okay=False))
@click.option("--speak", "speak", type=click.Path(dir_okay=False), default=None,
              help="Also write the spoken reply to this WAV file.")
@click.option("--no-llm", is_flag=True, help="Commands only; never load the language model.")
@json_option
def listen(audio: str, speak: str | None, no_llm: bool, as_json: bool) -> None:
    """The full voice path on an audio file: transcribe, understand, act, reply."""
    from nargis_desktop.brain.factory import build_assistant
    from nargis_desktop.brain.voice_turn import load_stt, load_tts, voice_turn

    app = get_app()
    assistant = build_assistant(app, with_llm=not no_llm)
    if assistant.memory is not None:
        assistant.memory.resume_latest()
    turn, out = voice_turn(assistant, load_stt(app), Path(audio),
                           load_tts(app) if speak else None)
    _speak_to(speak, out)
    _report(turn.to_json(), as_json)


def _report(data: dict[str, Any], as_json: bool) -> None:
    """Print the turn; a turn the locked vault stopped exits 1, like the journal commands
    (the reply, with the unlock hint, is still printed for scripts to show)."""
    if as_json:
        emit_json(data)
    else:
        _print_turn(data)
    if data.get("intent") == "locked":
        click.echo(f"nargis: {data.get('reply', 'the vault is locked')}", err=True)
        raise SystemExit(1)


def _load_bench(name: str) -> Any | None:
    root = Path(__file__).resolve().parents[2] / "bench"
    path = root / _BENCH_FILES[name]
    if not path.is_file():
        return None
    sys.path.insert(0, str(root))
    spec = importlib.util.spec_from_file_location(f"nargis_bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@click.command()
@click.option("--only", "only", type=click.Choice(BENCHES), multiple=True,
              help="Run only these benchmarks (repeatable). Default: all that exist.")
@json_option
def bench(only: tuple[str, ...], as_json: bool) -> None:
    """Measure latency, throughput and memory against naive baselines (see bench/)."""
    results: dict[str, Any] = {}
    for name in only or BENCHES:
        module = _load_bench(name)
        if module is None:
            results[name] = {"skipped": f"bench/{_BENCH_FILES[name]} does not exist"}
            if not as_json:
                click.echo(f"== {name}: skipped (bench/{_BENCH_FILES[name]} not found)")
            continue
        if not as_json:
            click.echo(f"== {name}")
        results[name] = module.run(as_json)
    if as_json:
        json.dump(results, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
