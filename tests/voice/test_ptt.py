"""The push-to-talk state machine."""

from __future__ import annotations

import pytest

from nargis_desktop.voice.ptt import PTTState, PushToTalk


def state(ptt: PushToTalk) -> PTTState:
    """Read the state through a call, so the type checker does not pin it."""
    return ptt.state


def test_hold_mode_cycle() -> None:
    seen: list[tuple[PTTState, PTTState]] = []
    ptt = PushToTalk("hold", on_change=lambda old, new: seen.append((old, new)))
    assert ptt.press() and state(ptt) is PTTState.LISTENING
    assert not ptt.press(), "key auto-repeat is ignored"
    assert ptt.release() and state(ptt) is PTTState.FINISHING
    assert not ptt.press(), "no new utterance while the last one is being transcribed"
    assert ptt.finished() and state(ptt) is PTTState.IDLE
    assert seen == [(PTTState.IDLE, PTTState.LISTENING),
                    (PTTState.LISTENING, PTTState.FINISHING),
                    (PTTState.FINISHING, PTTState.IDLE)]


def test_toggle_mode_ignores_release() -> None:
    ptt = PushToTalk("toggle")
    assert ptt.press() and not ptt.release() and state(ptt) is PTTState.LISTENING
    assert ptt.press() and state(ptt) is PTTState.FINISHING
    assert ptt.finished()


def test_stray_events_are_ignored() -> None:
    ptt = PushToTalk()
    assert not ptt.release() and not ptt.finished() and not ptt.limit_reached()
    assert state(ptt) is PTTState.IDLE


def test_limit_and_cancel() -> None:
    ptt = PushToTalk()
    ptt.press()
    assert ptt.limit_reached() and state(ptt) is PTTState.FINISHING
    assert not ptt.release()
    assert ptt.cancel() and state(ptt) is PTTState.IDLE
    assert not ptt.cancel()


def test_unknown_mode() -> None:
    with pytest.raises(ValueError):
        PushToTalk("sometimes")
