"""Whisper's known inventions on silence, noise and music, and how to spot them.

Whisper was trained on subtitled video, so on non-speech it often produces the
closing lines of YouTube videos. A segment is dropped when its text is one of
these phrases and the decoder was unsure, when it is one of the phrases nobody
ever says to an assistant, or when the decoder itself says "no speech" or its
confidence is very low.
"""

from __future__ import annotations

import re

#: Phrases no one says to a task assistant: dropped whatever the confidence.
ALWAYS_DROP: frozenset[str] = frozenset({
    "thank you for watching", "thanks for watching", "thank you so much for watching",
    "thank you for watching and see you next time", "thanks for watching and see you next time",
    "please subscribe", "subscribe to my channel", "like and subscribe",
    "don t forget to like and subscribe", "please like and subscribe",
    "subtitles by the amara org community", "subtitles by", "amara org",
    "transcription by castingwords", "see you in the next video",
    "i ll see you in the next video", "see you next time", "music", "applause",
    "silence", "blank audio", "no audio", "inaudible",
})

#: Plausible words that Whisper also invents; dropped only when it was unsure.
DROP_WHEN_UNSURE: frozenset[str] = frozenset({
    "thank you", "thanks", "thank you very much", "you", "bye", "bye bye", "okay",
    "ok", "so", "yeah", "hmm", "oh", "uh", "um", "the end", "i m sorry", "goodbye",
})

#: Below this mean token log-probability a segment is noise, not speech.
MIN_AVG_LOGPROB = -1.5
#: The decoder's own "no speech" probability above which a segment is dropped ...
NO_SPEECH_PROB = 0.6
#: ... unless its tokens were this confident.
CONFIDENT_LOGPROB = -0.35
#: Unsure enough to drop a phrase from DROP_WHEN_UNSURE.
UNSURE_LOGPROB = -0.5
UNSURE_NO_SPEECH = 0.2

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def is_hallucination(text: str, avg_logprob: float, no_speech_prob: float) -> bool:
    phrase = normalize(text)
    if not phrase:
        return True
    if phrase in ALWAYS_DROP or phrase.startswith("subtitles by"):
        return True
    if avg_logprob < MIN_AVG_LOGPROB:
        return True
    if no_speech_prob > NO_SPEECH_PROB and avg_logprob < CONFIDENT_LOGPROB:
        return True
    unsure = avg_logprob < UNSURE_LOGPROB or no_speech_prob > UNSURE_NO_SPEECH
    return phrase in DROP_WHEN_UNSURE and unsure
