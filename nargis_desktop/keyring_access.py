"""The one way Nargis picks an OS keyring backend (the vault and sync both use it).

Backends that would put a secret in a readable file, or nowhere, are refused:
with none left, callers get a sentence saying why and store nothing.
"""

from __future__ import annotations

from typing import Any

SERVICE = "nargis-desktop"
_REFUSED_MODULES = ("keyrings.alt.file", "keyring.backends.null", "keyring.backends.fail")


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def is_plain_file(backend: Any) -> bool:
    return (type(backend).__module__.startswith("keyrings.alt.file")
            or "plaintext" in type(backend).__name__.lower())


def is_refused(backend: Any) -> bool:
    return type(backend).__module__.startswith(_REFUSED_MODULES) or is_plain_file(backend)


def usable_backend(explicit: Any = None) -> tuple[Any, str]:
    """(backend, "") when a safe keyring is usable, else (None, why not) — never raises."""
    try:
        if explicit is not None:
            backend = explicit
        else:
            import keyring

            backend = keyring.get_keyring()
    except Exception as exc:
        return None, f"the OS keyring could not be loaded ({describe_error(exc)})"
    parts = list(getattr(backend, "backends", None) or [backend])
    usable = [b for b in parts if not is_refused(b)]
    if not usable:
        if any(is_plain_file(b) for b in parts):
            return None, ("the configured keyring stores secrets in a plain file, "
                          "which Nargis refuses to use")
        return None, ("no OS keyring is available here, as is common on headless Linux "
                      "or over SSH")
    # a chain writes to its first backend that accepts: skip refused ones explicitly
    return (usable[0] if len(parts) > 1 else backend), ""
