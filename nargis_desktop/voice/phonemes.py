"""English words to phonemes (IPA) with the espeak-ng that ships inside Piper.

The brain compares what Whisper heard with short commands by sound ("and you" /
"undo"), which spelling cannot do. Piper already carries espeak-ng and its data, so
this needs nothing new; without Piper it reports that it cannot, and the comparison
is skipped.

Piper's bridge holds the GIL for each call, so a call never interleaves with Piper
phonemizing a reply on another thread. The voice is set only when this module is the
first to start espeak-ng: a Piper voice loaded later sets its own, and both sides of
a comparison are phonemized by the same call order, so they stay comparable.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_STRESS = re.compile(r"[ˈˌː\s]|\([^)]*\)")  # stress, length, spaces, (language) flags
_NOT_WORD = re.compile(r"[^\w' ]+")
_lock = threading.Lock()
_bridge: Any = None
_failed = False


def _espeak() -> Any:
    global _bridge, _failed
    with _lock:
        if _bridge is None and not _failed:
            try:
                import piper
                from piper import espeakbridge

                espeakbridge.initialize(str(Path(piper.__file__).parent / "espeak-ng-data"))
                espeakbridge.set_voice("en-us")
                _bridge = espeakbridge
            except Exception as exc:  # no Piper, or a build without the bridge
                _failed = True
                log.info("phonemes unavailable (%s): no matching by sound", exc)
        return _bridge


def available() -> bool:
    return _espeak() is not None


def phonemes(texts: Sequence[str]) -> list[str] | None:
    """Each text as one run of phonemes, without stress or spaces ("undo" → "ʌnduː"
    minus the length mark: "ʌndu"); None when espeak-ng is not available."""
    bridge = _espeak()
    if bridge is None:
        return None
    out = []
    for text in texts:
        words = _NOT_WORD.sub(" ", text.casefold()).strip()
        clauses = bridge.get_phonemes(words) if words else []
        out.append(_STRESS.sub("", "".join(str(c[0]) for c in clauses)))
    return out
