"""Settings: one typed object from TOML; a bad value warns (key + file) and falls back."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from nargis_desktop.app import App
from nargis_desktop.paths import DataHome
from nargis_desktop.settings import (
    Settings,
    documented_template,
    load_settings,
    parse_settings,
    save_settings,
    settings_to_dict,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "settings.toml")
    assert s == Settings()
    assert s.warnings == []
    assert s.focus.work_minutes == 25
    assert not (tmp_path / "settings.toml").exists()


def test_good_values_are_used(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_text('[focus]\nwork_minutes = 50\nlong_break_every = 3\n'
                 '[voice]\nspeaking_rate = 1\n[general]\ntimezone = "Asia/Tokyo"\n')
    s = load_settings(f)
    assert s.warnings == []
    assert s.focus.work_minutes == 50
    assert s.focus.long_break_every == 3
    assert s.voice.speaking_rate == 1.0 and isinstance(s.voice.speaking_rate, float)
    assert s.general.timezone == "Asia/Tokyo"


@pytest.mark.parametrize(("line", "section", "key", "default"), [
    ('work_minutes = "abc"', "focus", "work_minutes", 25),
    ("work_minutes = 0", "focus", "work_minutes", 25),
    ("work_minutes = 1000", "focus", "work_minutes", 25),
    ("work_minutes = true", "focus", "work_minutes", 25),
    ("work_minutes = 2.5", "focus", "work_minutes", 25),
    ('theme = "neon"', "general", "theme", "system"),
    ("theme = 3", "general", "theme", "system"),
    ('spoken_replies = "yes"', "voice", "spoken_replies", True),
    ("speaking_rate = nan", "voice", "speaking_rate", 1.0),
    ("speaking_rate = inf", "voice", "speaking_rate", 1.0),
    ("speaking_rate = 9.0", "voice", "speaking_rate", 1.0),
])
def test_bad_value_warns_names_key_and_file_and_falls_back(
        tmp_path: Path, line: str, section: str, key: str, default: object) -> None:
    f = tmp_path / "settings.toml"
    # a good neighbour in the same section must survive the bad key
    neighbour = {"focus": "long_break_every = 6", "general": 'week_starts_on = "sunday"',
                 "voice": 'language = "de"'}[section]
    f.write_text(f"# my settings\n[{section}]\n{line}\n{neighbour}\n", encoding="utf-8")
    before = _digest(f)
    s = load_settings(f)
    assert getattr(getattr(s, section), key) == default
    assert len(s.warnings) == 1
    assert f"{section}.{key}" in s.warnings[0]
    assert str(f) in s.warnings[0]
    assert repr(default) in s.warnings[0]
    neighbour_key = neighbour.split(" = ")[0]
    assert getattr(getattr(s, section), neighbour_key) != getattr(
        getattr(Settings(), section), neighbour_key)
    assert _digest(f) == before  # never rewritten on load


def test_bad_toml_warns_and_uses_defaults(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_bytes(b"[focus\nwork_minutes = = 3\n")
    before = _digest(f)
    s = load_settings(f)
    assert s == Settings()
    assert len(s.warnings) == 1 and str(f) in s.warnings[0] and "TOML" in s.warnings[0]
    assert _digest(f) == before


def test_non_utf8_file_warns(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_bytes(b"[focus]\nwork_minutes = 30 # \xff\xfe\n")
    s = load_settings(f)
    assert s == Settings() and s.warnings


def test_unknown_keys_sections_and_bad_timezone_warn(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_text('ui = 3\n[bogus]\nx = 1\n[focus]\nworkminutes = 30\n'
                 '[general]\ntimezone = "Mars/Olympus"\n')
    before = _digest(f)
    s = load_settings(f)
    text = "\n".join(s.warnings)
    assert "[bogus]" in text
    assert "focus.workminutes" in text
    assert "[ui] must be a table" in text
    assert "general.timezone" in text and "Mars/Olympus" in text
    assert s.general.timezone == ""
    assert all(str(f) in w for w in s.warnings)
    assert _digest(f) == before


def test_unreadable_settings_path_warns(tmp_path: Path) -> None:
    folder = tmp_path / "settings.toml"
    folder.mkdir()  # a folder where the file should be
    s = load_settings(folder)
    assert s == Settings() and str(folder) in s.warnings[0]


def test_parse_settings_source_label() -> None:
    s = parse_settings({"focus": {"work_minutes": -1}}, "test-source")
    assert s.warnings[0].startswith("test-source: focus.work_minutes")


def test_save_writes_only_changes_and_round_trips(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    s = Settings()
    s.focus.work_minutes = 45
    s.ui.ptt_mode = "toggle"
    save_settings(f, s)
    data = tomllib.loads(f.read_text())
    assert data == {"focus": {"work_minutes": 45}, "ui": {"ptt_mode": "toggle"}}
    again = load_settings(f)
    assert again == s and again.warnings == []
    assert not list(tmp_path.glob("*.tmp"))


def test_settings_to_dict_lists_every_section() -> None:
    d = settings_to_dict(Settings())
    assert set(d) == {"general", "focus", "voice", "llm", "vault", "sync", "ui"}
    assert settings_to_dict(Settings(), only_changed=True) == {}


def test_documented_template_uncommented_is_valid_default_settings() -> None:
    text = documented_template()
    lines = []
    for line in text.splitlines():
        body = line[2:] if line.startswith("# ") else line
        if line.startswith("# ") and " = " not in body:
            continue  # prose
        if not line.startswith("#") or " = " in body:
            lines.append(body)
    parsed = parse_settings(tomllib.loads("\n".join(lines)))
    assert parsed.warnings == []
    assert parsed == Settings()


def test_app_reads_settings_from_its_home(nargis_home: Path) -> None:
    f = nargis_home / "settings.toml"
    f.write_text("[focus]\nwork_minutes = 40\nshort_break_minutes = -3\n")
    before = _digest(f)
    app = App(DataHome(nargis_home))
    try:
        assert app.settings.focus.work_minutes == 40
        assert app.settings.focus.short_break_minutes == 5
        assert any("focus.short_break_minutes" in w for w in app.settings.warnings)
        assert app.focus.planned_minutes(app.focus.next_kind()) == 40
    finally:
        app.close()
    assert _digest(f) == before
