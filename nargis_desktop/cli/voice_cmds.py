"""Voice and model commands, registered lazily with the ``nargis`` CLI."""

from nargis_desktop.cli.main import register

register("models", "nargis_desktop.cli.models_cmd:models")
register("transcribe", "nargis_desktop.cli.voice_cmd:transcribe")
register("say", "nargis_desktop.cli.voice_cmd:say")
register("doctor", "nargis_desktop.cli.voice_cmd:doctor")
