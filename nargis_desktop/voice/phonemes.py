"""English words to phonemes (IPA) with the espeak-ng that ships inside Piper.

The brain compares what Whisper heard with short commands by sound ("and you" /
"undo"), which spelling cannot do. Piper already carries espeak-ng and its data, so
this needs nothing new; without Piper it reports that it cannot, and the comparison
is skipped.

Piper's bridge holds the GIL for each call, so a call never interleaves with Piper
phonemizing a reply on another thread. espeak-ng has one voice for the process: this
sets US English before each batch, so the phonemes compared are always of one accent
(the limits in ``brain.sounds_like`` were measured with it); a Piper voice of another
accent sets its own again before each text it speaks.
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
#: The accent both sides of a comparison are phonemized in.
VOICE = "en-us"
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
    with _lock:
        try:
            bridge.set_voice(VOICE)
            for text in texts:
                words = _NOT_WORD.sub(" ", text.casefold()).strip()
                clauses = bridge.get_phonemes(words) if words else []
                out.append(_STRESS.sub("", "".join(str(c[0]) for c in clauses)))
        except Exception as exc:  # a guess is a nicety: the turn goes on without it
            log.warning("espeak-ng could not phonemize: %s", exc)
            return None
    return out
