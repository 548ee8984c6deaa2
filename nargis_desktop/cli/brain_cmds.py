"""Assistant commands (issue 5), registered lazily with the ``nargis`` CLI."""

from nargis_desktop.cli.main import register

register("ask", "nargis_desktop.cli.brain_cmd:ask")
register("listen", "nargis_desktop.cli.brain_cmd:listen")
register("bench", "nargis_desktop.cli.brain_cmd:bench")
