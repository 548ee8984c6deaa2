"""A guard against a reference-counting bug in PySide6 6.12's ``Signal.emit``.

``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every emit from Python lowers ``True``'s reference count by one. A voice turn
emits thousands of signals (levels, partials, sentences); once the count reaches
zero the interpreter aborts ("bool_dealloc"), usually at shutdown. The bug is
detected at import with a probe, and only then is ``emit`` wrapped to add the
missing reference, so a fixed PySide6 is left untouched.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 16
_patched = False


class _Probe(QObject):
    fired = Signal(object)


def emit_leaks_a_reference() -> bool:
    probe = _Probe()
    result: object = probe.fired.emit(None)  # type: ignore[func-returns-value]
    before = sys.getrefcount(result)
    for _ in range(_PROBES):
        probe.fired.emit(None)
    return sys.getrefcount(result) - before <= -_PROBES


def install() -> bool:
    """Wrap ``emit`` when (and only when) this PySide6 has the bug; True if wrapped."""
    global _patched
    if _patched or not emit_leaks_a_reference():
        return _patched
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        incref(result)  # the reference emit() should have returned
        return result

    # ``a.connect(b.emit)`` must stay a signal-to-signal connection: a Python-level
    # ``emit`` cannot be weak-referenced through its SignalInstance, so unwrap it.
    original_connect = SignalInstance.connect
    original_disconnect = SignalInstance.disconnect

    def unwrap(slot: Any) -> Any:
        if getattr(slot, "__func__", None) is emit:
            return slot.__self__
        return slot

    def connect(self: SignalInstance, slot: Any, *args: Any, **kwargs: Any) -> Any:
        return original_connect(self, unwrap(slot), *args, **kwargs)

    def disconnect(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        return original_disconnect(self, *(unwrap(a) for a in args), **kwargs)

    SignalInstance.emit = emit  # type: ignore[method-assign]
    SignalInstance.connect = connect  # type: ignore[method-assign]
    SignalInstance.disconnect = disconnect  # type: ignore[method-assign]
    _patched = True
    return True


install()
