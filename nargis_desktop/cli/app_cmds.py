"""Desktop app commands, registered lazily with the ``nargis`` CLI (Qt loads only when used)."""

from nargis_desktop.cli.main import register

register("app", "nargis_desktop.cli.app_cmd:app")
register("ptt", "nargis_desktop.cli.app_cmd:ptt")
