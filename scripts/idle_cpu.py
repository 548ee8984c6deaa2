"""Measure the desktop app's CPU use while idle: start ``nargis app``, let it settle,
then read its CPU times (all threads, children included) over a quiet window.

``.venv/bin/python scripts/idle_cpu.py [SECONDS]`` (under xvfb-run for a real X server
with the global hotkey listener; on the offscreen platform otherwise).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    home = Path(tempfile.mkdtemp(prefix="nargis-idle-"))
    (home / "ui-state.ini").write_text("[first_run]\ndone=yes\n", encoding="utf-8")
    env = {**os.environ, "NARGIS_HOME": str(home)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    proc = subprocess.Popen([sys.executable, "-m", "nargis_desktop", "app"], env=env)
    try:
        p = psutil.Process(proc.pid)
        time.sleep(12)  # start-up, first data loads and the voice warm-up
        t0 = p.cpu_times()
        w0 = time.monotonic()
        time.sleep(seconds)
        t1 = p.cpu_times()
        wall = time.monotonic() - w0
        used = (t1.user - t0.user) + (t1.system - t0.system)
        print(f"idle CPU over {wall:.1f} s: {used * 1000:.0f} ms of CPU = "
              f"{100 * used / wall:.2f} % of one core; threads: {p.num_threads()}; "
              f"RSS {p.memory_info().rss / 1e6:.0f} MB")
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
