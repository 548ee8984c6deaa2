"""Regenerate the desktop app's icons and earcons into ``nargis_desktop/resources``.

The files are committed; run this only after changing a drawing or a sound:
``python resources/make_resources.py``. Icons are 24x24 line drawings whose
stroke is the placeholder ``#COLOR``, which the app swaps for the theme's text
colour when it loads them (so one file serves light and dark).
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "nargis_desktop" / "resources"

_HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" '
         'fill="none" stroke="#COLOR" stroke-width="1.8" stroke-linecap="round" '
         'stroke-linejoin="round">')

ICONS: dict[str, str] = {
    "mic": '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0"/>'
           '<path d="M12 18v3"/>',
    "assistant": '<path d="M4 5h16v11H9l-5 4z"/><path d="M8 10h.01M12 10h.01M16 10h.01"/>',
    "today": '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>'
             '<circle cx="12" cy="15" r="2"/>',
    "tasks": '<path d="M4 6l2 2 3-3M4 13l2 2 3-3"/><path d="M12 7h8M12 14h8M12 20h8"/>',
    "habits": '<path d="M12 21s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 11c0 5.5-7 10-7 10z"/>',
    "journal": '<path d="M6 3h11a2 2 0 0 1 2 2v16H7a2 2 0 0 1-2-2V4a1 1 0 0 1 1-1z"/>'
               '<path d="M5 17a2 2 0 0 1 2-2h12M9 7h6"/>',
    "focus": '<circle cx="12" cy="13" r="8"/><path d="M12 9v4l3 2M9 2h6"/>',
    "insights": '<path d="M4 20V10M10 20V4M16 20v-7M22 20H2"/>',
    "settings": '<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3'
                'M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"/>',
    "lock": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "unlock": '<rect x="5" y="11" width="14" height="10" rx="2"/>'
              '<path d="M8 11V7a4 4 0 0 1 7.5-2"/>',
    "add": '<path d="M12 5v14M5 12h14"/>',
    "undo": '<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 0 12h-3"/>',
    "play": '<path d="M7 4l13 8-13 8z"/>',
    "pause": '<path d="M8 4v16M16 4v16"/>',
    "skip": '<path d="M5 4l10 8-10 8zM19 5v14"/>',
    "stop": '<rect x="6" y="6" width="12" height="12" rx="1"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>',
    "send": '<path d="M4 12l16-8-6 16-2-6z"/>',
    "trash": '<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13"/>',
}

_APP = """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" \
viewBox="0 0 64 64">
<defs>
<linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="#7c5cff"/><stop offset="1" stop-color="#2bb3a3"/>
</linearGradient></defs>
<rect x="2" y="2" width="60" height="60" rx="16" fill="url(#g)"/>
<g fill="#ffffff">{petals}</g><circle cx="32" cy="32" r="6" fill="#ffd54a"/>{badge}</svg>"""

_PETAL = '<ellipse cx="32" cy="18" rx="6" ry="11" transform="rotate({a} 32 32)" opacity=".92"/>'

#: Tray variants: the flower plus a coloured state dot.
TRAY_STATES = {"idle": None, "listening": "#e53935", "thinking": "#fb8c00",
               "speaking": "#1e88e5"}


def app_svg(dot: str | None) -> str:
    petals = "".join(_PETAL.format(a=a) for a in range(0, 360, 60))
    badge = (f'<circle cx="50" cy="50" r="11" fill="{dot}" stroke="#ffffff" stroke-width="3"/>'
             if dot else "")
    return _APP.format(petals=petals, badge=badge)


def tone(freqs: list[float], seconds: float, rate: int = 22050) -> np.ndarray:
    """A soft two-note chime: each note a sine with a quick attack and exponential decay."""
    out = []
    per = seconds / len(freqs)
    for f in freqs:
        t = np.arange(int(rate * per)) / rate
        env = np.minimum(1.0, t / 0.008) * np.exp(-t * 9)
        out.append(0.35 * env * (np.sin(2 * np.pi * f * t) + 0.2 * np.sin(4 * np.pi * f * t)))
    return np.concatenate(out)


def write_wav(path: Path, samples: np.ndarray, rate: int = 22050) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def main() -> None:
    (OUT / "icons").mkdir(parents=True, exist_ok=True)
    (OUT / "sounds").mkdir(parents=True, exist_ok=True)
    for name, body in ICONS.items():
        (OUT / "icons" / f"{name}.svg").write_text(f"{_HEAD}{body}</svg>\n", encoding="utf-8")
    (OUT / "icons" / "app.svg").write_text(app_svg(None), encoding="utf-8")
    for state, dot in TRAY_STATES.items():
        (OUT / "icons" / f"tray-{state}.svg").write_text(app_svg(dot), encoding="utf-8")
    write_wav(OUT / "sounds" / "listen-start.wav", tone([660.0, 880.0], 0.18))
    write_wav(OUT / "sounds" / "listen-stop.wav", tone([880.0, 660.0], 0.18))
    write_wav(OUT / "sounds" / "phase-end.wav", tone([523.25, 659.25, 783.99], 0.6))
    write_wav(OUT / "sounds" / "reminder.wav", tone([784.0, 784.0], 0.3))


if __name__ == "__main__":
    main()
