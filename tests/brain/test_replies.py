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

    text = stream_reply(tokens(), spoken.append, cancel)
    assert spoken == ["First sentence here."]
    assert "Second" not in text


def test_long_sentences_are_cut_for_speech() -> None:
    from nargis_desktop.brain.replies import MAX_PIECE_CHARS, split_sentences

    text = ("Listen to music, take long walks in the park with the dog every evening, call a "
            "friend you have not spoken to for a while and cook something simple and warm "
            "for dinner tonight. Short one.")
    pieces = split_sentences(text)
    assert all(len(p) <= MAX_PIECE_CHARS for p in pieces)
    assert " ".join(pieces) == text


def test_first_piece_may_end_at_a_clause() -> None:
    from nargis_desktop.brain.replies import SentenceSplitter

    s = SentenceSplitter(first_clause=True)
    out: list[str] = []
    text = "Take a walk outside after work, enjoy the scenery and breathe."
    for word in text.split(" "):
        out += s.feed(word + " ")
    assert out[0] == "Take a walk outside after work,"


def test_a_cjk_full_stop_ends_a_sentence() -> None:
    """A line a small model writes in Japanese stays a sentence of its own, so the voice
    skips only it and still says the English after it (see test_voice_turn.py)."""
    text = "Here is a word. トマトはとても美味しい野菜だと思います。 It means tomato."
    assert split_sentences(text) == ["Here is a word.", "トマトはとても美味しい野菜だと思います。",
                                     "It means tomato."]


def test_the_prompts_data_tags_are_neither_spoken_nor_shown() -> None:
    """SmolLM2-135M once answered "Tasks finished today: 2. </data> ..." to a chat line."""
    spoken: list[str] = []
    tokens = ["Tasks finished ", "today: 2. </da", "ta> You did not ", "drink water ",
              "yet. <data>"]
    text = stream_reply(iter(tokens), spoken.append)
    assert spoken == ["Tasks finished today: 2.", "You did not drink water yet."]
    assert text == "Tasks finished today: 2. You did not drink water yet."
    assert "data" not in " ".join([*spoken, text])


def test_a_confirmation_copied_from_the_conversation_is_not_claimed() -> None:
    """SmolLM2-135M answered a chat line with "No tasks due today. (Added 'open' for Friday at
    2:45 PM.) ...", copying the shape of the app's earlier confirmations."""
    spoken: list[str] = []
    tokens = ["No tasks due ", "today. (Added 'open' for ", "Friday at 2:45 PM.) Have ",
              "a calm evening."]
    text = stream_reply(iter(tokens), spoken.append)
    assert text == "No tasks due today. Have a calm evening."
    assert spoken == ["No tasks due today.", "Have a calm evening."]
    assert stream_reply(iter(["I added more water to my day."]), None) == \
        "I added more water to my day."
