"""Voice and model commands, registered lazily with the ``nargis`` CLI."""

from nargis_desktop.cli.main import register

register("models", "nargis_desktop.cli.models_cmd:models")
