"""Give freed memory back to the operating system after a burst of inference.

CTranslate2 and onnxruntime allocate and free large buffers per call; glibc keeps
the freed pages, so the resident size creeps up by ~100 MB after a few long
transcriptions. ``malloc_trim`` hands them back (a millisecond or two). Elsewhere
(macOS, Windows, musl) this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def release_free_memory() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
