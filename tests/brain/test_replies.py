"""Sentence splitting for streamed speech, and cancellation between sentences."""

from __future__ import annotations

import threading

from nargis_desktop.brain.replies import SentenceSplitter, split_sentences, stream_reply


def test_sentences_come_out_as_soon_as_they_end() -> None:
    s = SentenceSplitter()
    assert s.feed("Hello there") == []
    assert s.feed(". How are") == ["Hello there."]
    assert s.feed(" you today? Fine") == ["How are you today?"]
    assert s.flush() == ["Fine"]


def test_numbers_and_abbreviations_do_not_split() -> None:
    assert split_sentences("It costs 3.50 euros, said Dr. Smith. Next one!") == [
        "It costs 3.50 euros, said Dr. Smith.", "Next one!"]


def test_cancel_stops_the_stream() -> None:
    cancel = threading.Event()
    spoken: list[str] = []

    def tokens() -> object:
        yield "First sentence here. "
        cancel.set()
        yield "Second sentence here. "

    text = stream_reply(tokens(), spoken.append, cancel)  # type: ignore[arg-type]
    assert spoken == ["First sentence here."]
    assert "Second" not in text
