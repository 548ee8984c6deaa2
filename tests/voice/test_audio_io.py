"""Real recording and playback through a virtual PulseAudio microphone and speaker."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from voice_helpers import COMMANDS, SpeechFactory, VirtualAudio, words_heard

from nargis_desktop.voice import devices
from nargis_desktop.voice.audio import StreamResampler, resample
from nargis_desktop.voice.audio_file import read_audio
from nargis_desktop.voice.capture import FileSource, MicrophoneCapture, RingBuffer
from nargis_desktop.voice.errors import AudioDeviceError, AudioFileError
from nargis_desktop.voice.playback import AudioPlayer
from nargis_desktop.voice.protocols import STT_SAMPLE_RATE, SpeechChunk
from nargis_desktop.voice.stt import WhisperSTT

# ---------------------------------------------------------------------- no device needed


def test_ring_buffer_keeps_the_newest_samples() -> None:
    ring = RingBuffer(5)
    ring.write(np.arange(3, dtype=np.float32))
    assert ring.read().tolist() == [0, 1, 2]
    ring.write(np.arange(3, 7, dtype=np.float32))
    assert ring.read().tolist() == [2, 3, 4, 5, 6]
    ring.write(np.arange(10, 20, dtype=np.float32))
    assert ring.read().tolist() == [15, 16, 17, 18, 19] and ring.written == 17


def test_stream_resampler_keeps_length_across_blocks() -> None:
    r = StreamResampler(44_100)
    out = [r.process(np.zeros(441, np.float32)) for _ in range(200)]
    out.append(r.flush())
    assert sum(o.size for o in out) == 2 * STT_SAMPLE_RATE


def test_rate_fallback_picks_one_the_device_accepts() -> None:
    fake = devices.AudioDevice(0, "USB headset", "ALSA", 1, 0, 44_100)
    assert devices.pick_rate(lambda r: r in (44_100, 48_000), [16_000], fake) == 44_100
    assert devices.pick_rate(lambda r: r == 8_000, [16_000], fake) == 8_000
    with pytest.raises(AudioDeviceError, match="none of the usual sample rates"):
        devices.pick_rate(lambda r: False, [16_000], fake)


@pytest.mark.parametrize("message,expected", [
    ("Error opening InputStream: Device unavailable [PaErrorCode -9985]", "busy"),
    ("Error opening InputStream: Unanticipated host error [PaErrorCode -9999]: "
     "'Device or resource busy' [ALSA error -16]", "busy"),
    ("Unanticipated host error: 'Permission denied' [ALSA error -13]", "permission denied"),
    ("Error opening InputStream: Invalid sample rate [PaErrorCode -9997]", "sample rate"),
])
def test_portaudio_errors_are_explained(message: str, expected: str) -> None:
    dev = devices.AudioDevice(3, "Blue Yeti", "ALSA", 2, 0, 48_000)
    err = devices.explain(RuntimeError(message), dev, "input")
    assert expected in err.message and "Blue Yeti" in err.message and err.hint


def test_file_source_feeds_the_capture_pipeline(speech: SpeechFactory, stt: WhisperSTT) -> None:
    levels: list[float] = []
    blocks: list[np.ndarray] = []
    source = FileSource(speech.espeak(COMMANDS["today"]), on_level=levels.append,
                        on_audio=blocks.append)
    source.start()
    assert source.wait(timeout=30)
    audio = source.stop()
    assert np.concatenate(blocks).size == audio.size and max(levels) > 0.01
    assert words_heard(COMMANDS["today"], stt.transcribe(audio).text)


def test_file_source_limit_and_bad_file(speech: SpeechFactory, tmp_path: Path) -> None:
    hit: list[bool] = []
    source = FileSource(speech.piper(COMMANDS["milk"]), max_seconds=0.5,
                        on_limit=lambda: hit.append(True))
    source.start()
    source.wait(timeout=30)
    assert source.stop().size == STT_SAMPLE_RATE // 2 and hit == [True]
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    with pytest.raises(AudioFileError):
        FileSource(empty)


# ---------------------------------------------------------------------- virtual devices


@pytest.fixture
def mic_input(virtual_audio: VirtualAudio) -> VirtualAudio:
    return virtual_audio


def test_devices_are_listed(virtual_audio: VirtualAudio) -> None:
    found = devices.list_devices()
    assert any(d.inputs > 0 for d in found) and any(d.outputs > 0 for d in found)
    default_in = devices.resolve_device(None, "input")
    assert default_in.inputs > 0
    by_index = devices.resolve_device(str(default_in.index), "input")
    assert by_index == default_in
    by_name = devices.resolve_device(default_in.name.upper(), "input")
    assert by_name.index == default_in.index


def test_unknown_device_lists_the_choices(virtual_audio: VirtualAudio) -> None:
    with pytest.raises(AudioDeviceError, match="No microphone is called") as err:
        devices.resolve_device("Imaginary Mic 9000", "input")
    assert err.value.hint and "voice.input_device" in err.value.hint
    with pytest.raises(AudioDeviceError, match="no speaker with index 999"):
        devices.resolve_device(999, "output")


@pytest.mark.parametrize("rate", [16_000, 44_100, 48_000])
def test_microphone_records_speech(virtual_audio: VirtualAudio, speech: SpeechFactory,
                                   stt: WhisperSTT, rate: int) -> None:
    levels: list[float] = []
    mic = MicrophoneCapture(None, preferred_rate=rate, on_level=levels.append)
    mic.start()
    try:
        time.sleep(0.2)
        virtual_audio.play_into_mic(speech.piper(COMMANDS["dentist"]))
        time.sleep(0.3)
    finally:
        audio = mic.stop()
    assert mic.sample_rate == rate
    assert audio.size > STT_SAMPLE_RATE and max(levels) > 0.01 and not mic.silent
    assert words_heard(COMMANDS["dentist"], stt.transcribe(audio).text)


def test_microphone_stops_at_the_maximum_length(virtual_audio: VirtualAudio,
                                                speech: SpeechFactory) -> None:
    hit: list[bool] = []
    mic = MicrophoneCapture(None, max_seconds=0.6, on_limit=lambda: hit.append(True))
    mic.start()
    virtual_audio.play_into_mic(speech.piper(COMMANDS["journal"]))
    audio = mic.stop()
    assert hit == [True] and mic.limit_reached
    assert audio.size == int(0.6 * STT_SAMPLE_RATE)


def test_playback_reaches_the_speaker(virtual_audio: VirtualAudio, speech: SpeechFactory,
                                      stt: WhisperSTT, tmp_path: Path) -> None:
    recorded = tmp_path / "speaker.wav"
    rec = virtual_audio.start_recording_speaker(recorded)
    try:
        player = AudioPlayer(None)
        audio = read_audio(speech.piper(COMMANDS["milk"]))
        half = audio.size // 2
        chunks = [SpeechChunk(resample(audio[:half], STT_SAMPLE_RATE, 22_050), 22_050, ""),
                  SpeechChunk(resample(audio[half:], STT_SAMPLE_RATE, 22_050), 22_050, "")]
        player.play(chunks)
        time.sleep(0.3)
    finally:
        rec.terminate()
        rec.wait(timeout=10)
    heard = stt.transcribe(read_audio(recorded)).text
    assert words_heard(COMMANDS["milk"], heard), heard
    assert not player.is_playing


def test_stop_silences_playback_at_once(virtual_audio: VirtualAudio) -> None:
    player = AudioPlayer(None)
    rate = 22_050
    t = np.arange(rate * 10) / rate
    tone = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    player.play([SpeechChunk(tone, rate, "")], wait=False)
    time.sleep(0.5)
    was_playing = player.is_playing
    player.stop()
    played = player.played_samples
    assert was_playing and not player.is_playing and played < rate * 2
    time.sleep(0.2)
    assert player.played_samples == played


def test_barge_in_stop_while_the_reply_waits_never_hangs(virtual_audio: VirtualAudio) -> None:
    """The GUI's barge-in: one thread waits in ``play`` while another calls ``stop`` and
    the microphone opens. PortAudio hung when the stream was closed (end of ``wait``)
    while it was being aborted; before the fix this hung in the first round or two."""
    import random
    import threading

    rate = 22_050
    tone = (0.1 * np.sin(np.arange(rate) * 0.05)).astype(np.float32)
    rng = random.Random(7)
    for round_no in range(20):
        player = AudioPlayer(None)
        reply = threading.Thread(target=player.play,
                                 args=([SpeechChunk(tone, rate, "")] * 6,), daemon=True)
        reply.start()
        deadline = time.monotonic() + 10
        while player.played_samples == 0 and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.random() * 0.05)
        mic = MicrophoneCapture(None)
        stopper = threading.Thread(target=player.stop, daemon=True)
        listener = threading.Thread(target=lambda m=mic: (m.start(), m.stop()), daemon=True)
        stopper.start()
        listener.start()
        for thread in (stopper, listener, reply):
            thread.join(15)
            assert not thread.is_alive(), f"round {round_no}: {thread.name} hung"
        assert not player.is_playing


def test_tts_streams_to_the_speaker(virtual_audio: VirtualAudio, tts: object) -> None:
    from nargis_desktop.voice.tts import PiperTTS

    assert isinstance(tts, PiperTTS)
    player = AudioPlayer("pulse")
    player.play(tts.synthesize("Done. Your task is saved."))
    assert player.played_samples > player.sample_rate  # more than a second of speech


@pytest.fixture
def no_sound_server(virtual_audio: VirtualAudio) -> Iterator[None]:
    """PortAudio rescanned while no sound server is reachable: no devices at all."""
    saved = os.environ["PULSE_SERVER"]
    os.environ["PULSE_SERVER"] = "unix:/nonexistent/nargis-no-server"
    devices.refresh()
    try:
        yield
    finally:
        os.environ["PULSE_SERVER"] = saved
        devices.refresh()


def test_no_input_device_is_a_clear_error(no_sound_server: None) -> None:
    if any(d.inputs > 0 for d in devices.list_devices()):
        pytest.skip("this machine has a real input device besides the virtual one")
    with pytest.raises(AudioDeviceError, match="No microphone found") as err:
        MicrophoneCapture(None).start()
    assert err.value.hint and "PortAudio" in err.value.hint
    with pytest.raises(AudioDeviceError, match="No speaker found"):
        AudioPlayer(None).play_samples(np.zeros(100, np.float32), 16_000)
