"""``nargis transcribe``, ``nargis say`` and ``nargis doctor``.

Whisper, Piper and PortAudio are imported inside the commands, so loading this
module (e.g. for ``nargis --help``) costs nothing.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from nargis_desktop.cli.common import Runtime, emit_json, json_option, pass_runtime
from nargis_desktop.errors import NargisError

if TYPE_CHECKING:
    from nargis_desktop.app import App
    from nargis_desktop.models import ModelManager

_STATUS_MARK = {"ok": "✓", "info": "·", "warn": "!", "fail": "✗"}


def _models(app: App) -> ModelManager:
    from nargis_desktop.models import ModelManager

    existing = getattr(app, "models", None)
    return existing if isinstance(existing, ModelManager) else ModelManager.for_home(app.home)


def _vocabulary(app: App, limit: int = 60) -> list[str]:
    """Open task titles and habit names, to bias Whisper towards them (best effort)."""
    if not app.settings.voice.vocabulary_bias or not app.home.database.exists():
        return []
    names: list[str] = []
    try:
        names += [t.title for t in app.tasks.list("open", limit=limit)]
        names += [h.habit.name for h in app.habits.list()]
    except NargisError:
        return []
    return names[:limit]


@click.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--language", default=None,
              help="Spoken language code for this run (e.g. en, de), or 'auto'.")
@json_option
@pass_runtime
def transcribe(runtime: Runtime, file: Path, language: str | None, as_json: bool) -> None:
    """Write down what is said in FILE (WAV, FLAC, MP3, OGG, M4A, WebM, ...)."""
    from nargis_desktop.voice.factory import build_stt

    app = runtime.app
    voice = app.settings.voice
    if language:
        voice = dataclasses.replace(voice, language=language)
    stt = build_stt(voice, _models(app))
    started = time.perf_counter()
    result = stt.transcribe_file(file, vocabulary=_vocabulary(app))
    elapsed = time.perf_counter() - started
    for note in (*stt.notes, *result.notes):
        click.echo(f"nargis: note: {note}", err=True)
    if as_json:
        emit_json({"file": str(file), **result.to_json(), "model": voice.stt_model,
                   "device": stt.device, "compute_type": stt.compute_type,
                   "elapsed_s": round(elapsed, 3)})
        return
    if result.text:
        click.echo(result.text)
    else:
        click.echo("nargis: no speech found.", err=True)


@click.command()
@click.argument("text", required=False)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a WAV file instead of playing.")
@click.option("--rate", type=click.FloatRange(0.5, 2.0), default=None,
              help="Speaking rate for this run (1.0 normal, 1.2 faster).")
@pass_runtime
def say(runtime: Runtime, text: str | None, out: Path | None, rate: float | None) -> None:
    """Speak TEXT aloud (or into a WAV file with --out). TEXT '-' or none reads stdin."""
    from nargis_desktop.voice.factory import build_player, build_tts

    if text is None or text == "-":
        if sys.stdin.isatty():
            raise click.UsageError("Give the text to say, or pipe it in.")
        text = sys.stdin.read()
    app = runtime.app
    tts = build_tts(app.settings.voice, _models(app))
    if rate is not None:
        tts.speaking_rate = rate
    prepared = tts.prepare(text)
    for note in prepared.notes:
        click.echo(f"nargis: note: {note}", err=True)
    if not prepared.text:
        click.echo("nargis: nothing to say (the text is empty).", err=True)
        return
    if out is not None:
        seconds = _write_wav(tts, prepared, out)
        click.echo(f"Wrote {out} ({seconds:.1f} s of speech).")
        return
    player = build_player(app.settings.voice)
    try:
        player.play(tts.synthesize_prepared(prepared))
    except KeyboardInterrupt:
        player.stop()
        raise


def _write_wav(tts: Any, prepared: Any, out: Path) -> float:
    import soundfile

    seconds = 0.0
    try:
        with soundfile.SoundFile(str(out), "w", samplerate=tts.sample_rate, channels=1,
                                 subtype="PCM_16") as fh:
            for chunk in tts.synthesize_prepared(prepared):
                fh.write(chunk.samples)
                seconds += chunk.duration_s
    except (OSError, RuntimeError) as exc:  # soundfile raises RuntimeError for I/O
        raise NargisError(f"Cannot write {out}: {exc}.",
                          hint="Choose a writable path ending in .wav.") from exc
    return seconds


@click.command()
@click.option("--no-audio", is_flag=True, help="Skip the recording and playback tests.")
@click.option("--quick", is_flag=True, help="Do not re-hash the model files.")
@json_option
@pass_runtime
def doctor(runtime: Runtime, no_audio: bool, quick: bool, as_json: bool) -> None:
    """Check audio devices, models, GPU, keyring and data home; print the fix for each problem."""
    from nargis_desktop.settings import load_settings
    from nargis_desktop.voice.doctor import run_checks

    home = runtime.home
    settings = load_settings(home.settings_file)
    try:
        from nargis_desktop.models import ModelManager

        models: ModelManager | None = ModelManager.for_home(home)
    except NargisError:
        models = None
    checks = run_checks(home, settings, models, audio=not no_audio, verify_models=not quick)
    failed = [c for c in checks if c.status == "fail"]
    if as_json:
        emit_json({"ok": not failed, "checks": [c.to_json() for c in checks]})
    else:
        for c in checks:
            click.echo(f"{_STATUS_MARK[c.status]} {c.name}: {c.detail}")
            if c.fix and c.status != "ok":
                click.echo(f"    fix: {c.fix}")
        click.echo("All good." if not failed else f"{len(failed)} problem(s) found.")
    if failed:
        raise SystemExit(1)
