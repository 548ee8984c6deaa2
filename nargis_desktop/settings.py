"""One typed settings object, loaded from ``settings.toml`` in the data home.

A bad value never stops the app: it is reported (naming the key and the file)
and that key falls back to its default. The user's file is never rewritten on
load; only an explicit :func:`save_settings` writes it.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _opt(default: Any, doc: str, **rules: Any) -> Any:
    return field(default=default, metadata={"doc": doc, **rules})


@dataclass
class GeneralSettings:
    timezone: str = _opt("", "IANA time zone such as 'Europe/Berlin'; empty uses the system's.")
    theme: str = _opt("system", "Look of the desktop app.", choices=("system", "light", "dark"))
    week_starts_on: str = _opt("monday", "First day of the week in views.",
                               choices=("monday", "sunday"))
    date_order: str = _opt("auto", "How a numeric date such as 2/12 is read: 'dmy' day first "
                           "(2 December), 'mdy' month first (February 12), 'auto' as the "
                           "system's locale writes dates.", choices=("auto", "mdy", "dmy"))


@dataclass
class FocusSettings:
    work_minutes: int = _opt(25, "Length of a focus (work) session.", min=1, max=240)
    short_break_minutes: int = _opt(5, "Length of a short break.", min=1, max=120)
    long_break_minutes: int = _opt(15, "Length of a long break.", min=1, max=240)
    long_break_every: int = _opt(4, "A long break after this many work sessions.", min=1, max=12)


@dataclass
class VoiceSettings:
    stt_model: str = _opt("whisper-base", "Speech-to-text model id from the catalog.")
    stt_device: str = _opt("auto", "Where Whisper runs.", choices=("auto", "cpu", "cuda"))
    stt_compute_type: str = _opt(
        "auto", "CTranslate2 compute type.",
        choices=("auto", "int8", "int8_float16", "float16", "float32"),
    )
    stt_threads: int = _opt(0, "CPU threads for Whisper (0 picks a sensible number).",
                            min=0, max=256)
    language: str = _opt("en", "Spoken language code, or 'auto' to detect.")
    vocabulary_bias: bool = _opt(True, "Prime Whisper with task and habit names.")
    tts_voice: str = _opt("piper-joe-medium", "Text-to-speech voice id from the catalog.")
    speaking_rate: float = _opt(1.0, "1.0 is normal; 1.2 is 20% faster.", min=0.5, max=2.0)
    input_device: str = _opt("", "Microphone name or index; empty uses the system default.")
    output_device: str = _opt("", "Speaker name or index; empty uses the system default.")
    max_utterance_seconds: int = _opt(30, "Longest single recording.", min=2, max=300)
    spoken_replies: bool = _opt(True, "Speak replies aloud.")


@dataclass
class LLMSettings:
    model: str = _opt("smollm2-135m", "Language model id from the catalog; empty disables it.")
    gpu_layers: int = _opt(-1, "Layers to offload to a GPU (-1 all when one is found, 0 none).",
                           min=-1, max=1000)
    threads: int = _opt(0, "CPU threads for the LLM (0 picks a sensible number).", min=0, max=256)
    context_tokens: int = _opt(2048, "Context window in tokens.", min=512, max=131072)
    unload_after_minutes: int = _opt(0, "Unload idle models after this long (0 never).",
                                     min=0, max=1440)


@dataclass
class VaultSettings:
    auto_lock_minutes: int = _opt(15, "Lock the journal after this much idle time (0 never).",
                                  min=0, max=1440)
    remember_on_device: bool = _opt(False, "Keep the journal key in the OS keyring.")
    encrypt_tasks: bool = _opt(False, "Encrypt task titles, notes and habit names too.")


@dataclass
class SyncSettings:
    enabled: bool = _opt(False, "Two-way Google Sheets sync.")
    spreadsheet_id: str = _opt("", "The spreadsheet to sync with; empty creates one.")
    interval_minutes: int = _opt(15, "Automatic sync interval (0 only by hand).", min=0, max=1440)
    include_journal: bool = _opt(False, "Upload journal ciphertext (never plaintext).")


@dataclass
class UISettings:
    ptt_hotkey: str = _opt("<ctrl>+<alt>+space", "Global push-to-talk shortcut.")
    ptt_mode: str = _opt("hold", "Hold to talk, or press once to start and again to stop.",
                         choices=("hold", "toggle"))
    start_minimized: bool = _opt(False, "Start in the system tray.")
    close_to_tray: bool = _opt(True, "Closing the window keeps Nargis in the tray.")
    start_at_login: bool = _opt(False, "Start Nargis when you log in.")
    earcons: bool = _opt(True, "Play a short sound when listening starts and stops.")


@dataclass
class Settings:
    general: GeneralSettings = field(default_factory=GeneralSettings)
    focus: FocusSettings = field(default_factory=FocusSettings)
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    llm: LLMSettings = field(default_factory=LLMSettings)
    vault: VaultSettings = field(default_factory=VaultSettings)
    sync: SyncSettings = field(default_factory=SyncSettings)
    ui: UISettings = field(default_factory=UISettings)
    #: Problems found while loading, each naming the key and the file.
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)


SECTIONS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Settings) if f.name != "warnings"
)


def _check(value: Any, f: dataclasses.Field[Any]) -> Any:
    """Return the value coerced to the field's type, or raise ValueError saying why."""
    kind = f.type if isinstance(f.type, type) else {"str": str, "int": int, "float": float,
                                                     "bool": bool}[str(f.type)]
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("expected a whole number")
    elif kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("expected a number")
        value = float(value)
        if not math.isfinite(value):  # TOML allows nan and inf; no setting wants them
            raise ValueError("expected a finite number")
    elif kind is str and not isinstance(value, str):
        raise ValueError("expected text in quotes")
    meta = f.metadata
    if "choices" in meta and value not in meta["choices"]:
        raise ValueError("expected one of " + ", ".join(repr(c) for c in meta["choices"]))
    if "min" in meta and value < meta["min"]:
        raise ValueError(f"must be at least {meta['min']}")
    if "max" in meta and value > meta["max"]:
        raise ValueError(f"must be at most {meta['max']}")
    return value


def parse_settings(data: dict[str, Any], source: str = "settings") -> Settings:
    settings = Settings()
    for section, body in data.items():
        if section not in SECTIONS:
            settings.warnings.append(f"{source}: unknown section [{section}] ignored.")
            continue
        if not isinstance(body, dict):
            settings.warnings.append(f"{source}: [{section}] must be a table; defaults used.")
            continue
        target = getattr(settings, section)
        fields = {f.name: f for f in dataclasses.fields(target)}
        for key, value in body.items():
            if key not in fields:
                settings.warnings.append(f"{source}: unknown key {section}.{key} ignored.")
                continue
            try:
                setattr(target, key, _check(value, fields[key]))
            except ValueError as exc:
                default = fields[key].default
                settings.warnings.append(
                    f"{source}: {section}.{key} = {value!r} is not valid ({exc}); "
                    f"using the default {default!r}."
                )
    _check_timezone(settings, source)
    return settings


def _check_timezone(settings: Settings, source: str) -> None:
    name = settings.general.timezone
    if not name:
        return
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        settings.warnings.append(
            f"{source}: general.timezone = {name!r} is not a known time zone; using the system's."
        )
        settings.general.timezone = ""


def load_settings(path: Path) -> Settings:
    """Read settings; a missing file means defaults, a broken one means defaults plus a warning."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        s = Settings()
        s.warnings.append(f"{path}: cannot be read ({exc.strerror}); using defaults.")
        return s
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        s = Settings()
        s.warnings.append(f"{path}: not valid TOML ({exc}); using defaults for every setting.")
        return s
    return parse_settings(data, str(path))


def settings_to_dict(settings: Settings, *, only_changed: bool = False) -> dict[str, Any]:
    defaults = Settings()
    out: dict[str, Any] = {}
    for section in SECTIONS:
        body = dataclasses.asdict(getattr(settings, section))
        if only_changed:
            base = dataclasses.asdict(getattr(defaults, section))
            body = {k: v for k, v in body.items() if base[k] != v}
        if body:
            out[section] = body
    return out


def save_settings(path: Path, settings: Settings) -> None:
    """Write only the values that differ from the defaults, atomically."""
    import os

    import tomli_w

    text = tomli_w.dumps(settings_to_dict(settings, only_changed=True))
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def documented_template() -> str:
    """A commented settings file listing every key, its default and what it does."""
    lines = ["# Nargis Desktop settings. Delete a line to go back to its default.", ""]
    defaults = Settings()
    for section in SECTIONS:
        lines.append(f"[{section}]")
        for f in dataclasses.fields(getattr(defaults, section)):
            doc = f.metadata.get("doc", "")
            if "choices" in f.metadata:
                doc += " One of: " + ", ".join(f.metadata["choices"]) + "."
            lines.append(f"# {doc}")
            value = getattr(getattr(defaults, section), f.name)
            import tomli_w

            lines.append("# " + tomli_w.dumps({f.name: value}).strip())
        lines.append("")
    return "\n".join(lines)
