"""Where Nargis keeps its data: resolved once, in one place.

Order: an explicit ``--home``, else ``NARGIS_HOME``, else the platform's user
data folder. Tests always set ``NARGIS_HOME`` so they never see a real user's data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from nargis_desktop.errors import StoreWriteError

APP_NAME = "nargis"
ENV_HOME = "NARGIS_HOME"
#: Optional override for where models live, so several data homes (tests, profiles)
#: share one copy of the multi-hundred-megabyte model files.
ENV_MODELS = "NARGIS_MODELS_DIR"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataHome:
    """The data home's layout; every file the app writes lives below ``root``."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "nargis.db"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.toml"

    @property
    def models_dir(self) -> Path:
        override = os.environ.get(ENV_MODELS)
        return Path(override).expanduser().resolve() if override else self.root / "models"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def runtime_dir(self) -> Path:
        """Sockets and lock files of a running instance."""
        return self.root / "run"

    def ensure(self) -> DataHome:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreWriteError(
                f"Cannot create the data folder {self.root}: {exc.strerror or exc}.",
                hint="Choose a writable folder with --home or NARGIS_HOME.",
            ) from exc
        return self

    @classmethod
    def resolve(cls, explicit: str | os.PathLike[str] | None = None) -> DataHome:
        return cls(resolve_home(explicit))
