"""Google Sheets sync commands, registered lazily with the ``nargis`` CLI."""

from nargis_desktop.cli.main import register

register("sync", "nargis_desktop.cli.sync_cmd:sync")
