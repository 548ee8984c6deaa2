"""The assistant brain: command grammar first, a local LLM for everything else.

Qt-free. ``Assistant`` is the entry point; the GUI and the CLI both drive it.
Nothing heavy is imported here so ``import nargis_desktop.brain`` stays cheap.
"""

from nargis_desktop.brain.records import ActionRecord, Turn

__all__ = ["ActionRecord", "Turn"]
