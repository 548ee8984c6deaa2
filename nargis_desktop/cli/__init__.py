"""The ``nargis`` command: thin over :mod:`nargis_desktop.app`."""
