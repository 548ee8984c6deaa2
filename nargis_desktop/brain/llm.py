"""The local language model behind a small protocol, and its llama.cpp engine.

Prompts are built as token lists in two parts, a fixed system prefix and the
rest, so the prefix tokenises identically every turn; llama.cpp then reuses the
prefix's KV cache (longest common prefix) and only the new part is evaluated.
``warm()`` evaluates the prefix once at load, so even the first turn is fast.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from nargis_desktop.errors import NargisError
from nargis_desktop.model_idle import Usage, release_memory

if TYPE_CHECKING:
    from llama_cpp import Llama

log = logging.getLogger(__name__)

#: Tokens evaluated between checks of a prefill's stop signal: a turn that begins
#: mid-prefill waits at most this many (about 0.1 s at 150 tokens a second), while
#: batches this size still evaluate nearly as fast as the default 512.
PREFILL_STEP = 16


class LLMUnavailableError(NargisError):
    """The language model is not configured, not installed or failed to load."""


@dataclass(frozen=True)
class Message:
    role: str  # "system", "user" or "assistant"
    content: str


@runtime_checkable
class LanguageModel(Protocol):
    name: str

    def stream(self, system: str, messages: Sequence[Message], *, max_tokens: int = 160,
               cancel: threading.Event | None = None) -> Iterator[str]:
        """Yield reply text piece by piece; stop early when ``cancel`` is set."""
        ...

    def complete_json(self, system: str, messages: Sequence[Message], schema: dict[str, Any],
                      *, max_tokens: int = 64, time_limit_s: float = 15.0) -> str:
        """Return text constrained (where the engine can) to match ``schema``; a reply
        cut by ``max_tokens`` or ``time_limit_s`` is left invalid (the caller does nothing)."""
        ...

    def prefill(self, system: str, messages: Sequence[Message],
                stop: threading.Event | None = None) -> int:
        """Evaluate a prompt whose last user turn is still open, ahead of its words.

        Returns how many tokens were evaluated (0 where the engine keeps no cache).
        """
        ...


# -- prompt formats ---------------------------------------------------------------------
@dataclass(frozen=True)
class ChatFormat:
    """How one model family writes turns; ``system_in_user`` folds system into turn one."""

    name: str
    system_open: str
    turn_user: str
    turn_assistant: str
    end: str
    assistant_open: str
    system_in_user: bool = False


CHATML = ChatFormat("chatml", "<|im_start|>system\n", "<|im_start|>user\n",
                    "<|im_start|>assistant\n", "<|im_end|>\n", "<|im_start|>assistant\n")
GEMMA = ChatFormat("gemma", "<start_of_turn>user\n", "<start_of_turn>user\n",
                   "<start_of_turn>model\n", "<end_of_turn>\n", "<start_of_turn>model\n",
                   system_in_user=True)
LLAMA3 = ChatFormat("llama3", "<|start_header_id|>system<|end_header_id|>\n\n",
                    "<|start_header_id|>user<|end_header_id|>\n\n",
                    "<|start_header_id|>assistant<|end_header_id|>\n\n", "<|eot_id|>",
                    "<|start_header_id|>assistant<|end_header_id|>\n\n")


def detect_format(template: str, name: str = "") -> ChatFormat:
    """From the GGUF's chat template, else its name (some GGUFs ship no template)."""
    if "<start_of_turn>" in template or (not template and "gemma" in name.lower()):
        return GEMMA
    if "<|start_header_id|>" in template or (not template and "llama-3" in name.lower()):
        return LLAMA3
    return CHATML


def render(fmt: ChatFormat, system: str, messages: Sequence[Message]) -> tuple[str, str]:
    """(prefix, rest): the prefix holds only ``system`` so it can stay cached.

    A ``system`` message in ``messages`` (the conversation summary) goes after the
    prefix, as a system turn of its own (or, where the format has no system role, at
    the head of the first user turn), so a changing summary never spoils the cache.
    """
    prefix = fmt.system_open + system
    rest = "\n\n" if fmt.system_in_user else fmt.end
    first = True
    for m in messages:
        if m.role == "system":
            if not fmt.system_in_user:
                rest += fmt.system_open + m.content + fmt.end
            elif first:
                rest += m.content + "\n\n"
            else:
                rest += fmt.turn_user + m.content + fmt.end
            continue
        if fmt.system_in_user and first and m.role == "user":
            rest += m.content + fmt.end
        else:
            opener = fmt.turn_user if m.role == "user" else fmt.turn_assistant
            if fmt.system_in_user and first:  # assistant first: close the system turn
                rest += fmt.end
            rest += opener + m.content + fmt.end
        first = False
    return prefix, rest + fmt.assistant_open


def open_turn(fmt: ChatFormat, system: str, messages: Sequence[Message]) -> tuple[str, str]:
    """:func:`render` without the close of the last turn: its words are still to come."""
    prefix, rest = render(fmt, system, messages)
    tail = fmt.end + fmt.assistant_open
    return prefix, rest[: -len(tail)] if rest.endswith(tail) else rest


def default_threads() -> int:
    """All cores we may run on, up to 8: llama.cpp decoding stops scaling beyond that."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:
        n = os.cpu_count() or 2
    return max(1, min(n, 8))


def gpu_layers(requested: int) -> tuple[int, str | None]:
    """Layers to offload, and a note when a GPU was asked for but this build has none."""
    import llama_cpp

    supported = bool(llama_cpp.llama_supports_gpu_offload())
    if requested == 0:
        return 0, None
    if not supported:
        note = None if requested == -1 else (
            "GPU offload was requested, but this llama.cpp build is CPU-only.")
        return 0, note
    return requested, None


def describe_device(model_id: str, gpu_layers_setting: int, threads_setting: int,
                    loaded: LlamaCppModel | None = None) -> str:
    """One sentence for Settings: where the language model runs, and with what.

    A model that was built reports what it really got (layers offloaded, threads);
    otherwise the settings are resolved against this llama.cpp build exactly as
    loading would resolve them. Never loads the model (it imports llama_cpp, which
    takes a moment, so call it off the GUI thread).
    """
    if loaded is not None:
        layers, threads, note, name = loaded.gpu_layers, loaded.threads, loaded.note, loaded.name
        state = "loaded" if loaded.loaded else "unloaded while idle, reloads on next use"
    else:
        if not model_id:
            return "No language model is configured (llm.model is empty)."
        try:
            layers, note = gpu_layers(gpu_layers_setting)
        except ImportError:
            return ("The language model engine (llama-cpp-python) is not installed, so "
                    f"{model_id} cannot run.")
        threads, name = threads_setting or default_threads(), model_id
        state = "not loaded yet"
    import llama_cpp

    gpu_build = bool(llama_cpp.llama_supports_gpu_offload())
    build = ("this llama.cpp build can offload to a GPU" if gpu_build
             else "this llama.cpp build is CPU-only")
    if layers == 0:
        where = f"runs on the CPU with {threads} thread(s)"
        if gpu_build:
            where += " (GPU offload is off: llm.gpu_layers = 0)"
    else:
        amount = "all layers" if layers < 0 else f"{layers} layer(s)"
        where = f"offloads {amount} to the GPU, {threads} CPU thread(s)"
    text = f"Language model {name} ({state}) {where}; {build}."
    return f"{text} {note}" if note else text


class LlamaCppModel:
    """A GGUF model loaded once; thread-safe (one generation at a time)."""

    def __init__(self, path: Path, *, name: str = "", context_tokens: int = 2048,
                 threads: int = 0, gpu_layers_setting: int = -1, system_prefix: str = "") -> None:
        try:
            import llama_cpp  # noqa: F401  (only checks that the engine is installed)
        except ImportError as exc:
            raise LLMUnavailableError(
                "The language model engine (llama-cpp-python) is not installed.",
                hint="Install it with: pip install 'nargis-desktop[llm]'") from exc
        if not path.is_file():
            raise LLMUnavailableError(f"The language model file {path} is missing.",
                                      hint="Install it with: nargis models install")
        layers, self.note = gpu_layers(gpu_layers_setting)
        self.path = path
        self.name = name or path.stem
        self.threads = threads or default_threads()
        self.gpu_layers = layers
        self.n_ctx = context_tokens
        llm = self._open()
        self._llm: Llama | None = llm
        template = str(llm.metadata.get("tokenizer.chat_template", ""))
        meta_name = str(llm.metadata.get("general.basename", "")) + " " + str(
            llm.metadata.get("general.name", ""))
        self.format = detect_format(template, meta_name)
        self._lock = threading.Lock()
        self._prefix_text = ""
        self._prefix_tokens: list[int] = []
        #: Entered around every generation, so an idle unload never cuts one short.
        self.usage = Usage()
        if system_prefix:
            self.warm(system_prefix)

    def _open(self) -> Llama:
        """The llama.cpp model with flash attention: without it, evaluating a prompt
        writes a full attention matrix (context x batch x heads floats) that stays
        resident, +27 MB after a 1,400-token prompt for SmolLM2-135M; decoding and
        prompt evaluation are as fast or faster (measured per CPU second, SmolLM2 and
        Gemma 3). The KV cache stays f16: q8_0 would save 21 MB but halved the speed
        of evaluating long prompts on the CPU."""
        import llama_cpp

        try:
            return llama_cpp.Llama(
                str(self.path), n_ctx=self.n_ctx, n_threads=self.threads,
                n_threads_batch=self.threads, n_gpu_layers=self.gpu_layers, verbose=False,
                swa_full=True, n_batch=512, flash_attn=True)
        except (ValueError, RuntimeError, OSError) as exc:
            raise LLMUnavailableError(
                f"The language model {self.name} could not be loaded ({exc}).",
                hint="Check it with: nargis models verify") from exc

    # -- idle unloading -------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def unload(self) -> bool:
        """Free the weights and the KV cache unless a generation runs; the next call
        loads them again (the system prefix is then evaluated with that first turn)."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            llm, self._llm = self._llm, None
            if llm is None:
                return False
            llm.close()
            del llm
        finally:
            self._lock.release()
        release_memory()
        return True

    def _engine(self) -> Llama:
        """The loaded llama.cpp model, loading it again after an idle unload (lock held).

        A reload evaluates the cached system prefix again, as loading did, so the turn
        that pays for the reload is not also cut by a time limit meant for decoding.
        """
        if self._llm is None:
            log.info("reloading the language model %s after an idle unload", self.name)
            llm = self._open()
            if self._prefix_tokens:
                llm.eval(self._prefix_tokens)
            self._llm = llm
        return self._llm

    # -- tokens -------------------------------------------------------------------------
    def _prefix(self, system: str) -> list[int]:
        if system != self._prefix_text:
            text = self.format.system_open + system
            self._prefix_tokens = self._engine().tokenize(text.encode(), add_bos=True,
                                                          special=True)
            self._prefix_text = system
        return self._prefix_tokens

    def _tokens(self, system: str, messages: Sequence[Message]) -> list[int]:
        _, rest = render(self.format, system, messages)
        prefix = self._prefix(system)
        body = self._engine().tokenize(rest.encode(), add_bos=False, special=True)
        return list(prefix + body)

    def tokens(self, system: str, messages: Sequence[Message]) -> list[int]:
        with self.usage, self._lock:
            return self._tokens(system, messages)

    def count(self, text: str) -> int:
        with self.usage, self._lock:
            return len(self._engine().tokenize(text.encode(), add_bos=False, special=False))

    def warm(self, system: str) -> None:
        """Evaluate the system prefix now, so the first question pays only for itself."""
        with self.usage, self._lock:
            tokens = self._prefix(system)
            llm = self._engine()
            llm.reset()  # type: ignore[no-untyped-call]
            llm.eval(tokens)

    @property
    def stop(self) -> list[str]:
        """End-of-turn marks, and "<data>": a reply that opens the prompt's data block
        again is echoing the prompt, not answering."""
        return [self.format.end.strip(), "<|im_end|>", "<end_of_turn>", "<|eot_id|>",
                "<|endoftext|>", "<data>"]

    def prefill(self, system: str, messages: Sequence[Message],
                stop: threading.Event | None = None) -> int:
        """Evaluate the prompt up to where the user's words will go, before they are known.

        Push-to-talk calls this while the user is still speaking: the summary, recent
        turns and today's data are most of a chat prompt, and prompt evaluation is the
        slow part on a CPU (about 150 tokens a second on 2 cores). What matches the
        cache is kept; the rest is evaluated ``PREFILL_STEP`` tokens at a time, so
        ``stop`` (the turn has begun) ends it within one step, keeping what was done;
        the turn's own ``stream`` then continues from there. Never loads the model.
        """
        with self.usage, self._lock:
            llm = self._llm
            if llm is None:  # unloaded while idle: a guess doesn't reload it
                return 0
            _, rest = open_turn(self.format, system, messages)
            tokens = self._prefix(system) + llm.tokenize(rest.encode(), add_bos=False,
                                                         special=True)
            if len(tokens) >= self.n_ctx:
                return 0
            keep = llm.longest_token_prefix(list(llm.input_ids[: llm.n_tokens]), tokens)
            if keep >= len(tokens) or (stop is not None and stop.is_set()):
                return 0
            llm.n_tokens = keep  # eval() drops the cache after this point first
            done = 0
            for i in range(keep, len(tokens), PREFILL_STEP):
                if i > keep and stop is not None and stop.is_set():
                    break
                step = tokens[i:i + PREFILL_STEP]
                llm.eval(step)
                done += len(step)
            return done

    # -- generation -----------------------------------------------------------------------
    def stream(self, system: str, messages: Sequence[Message], *, max_tokens: int = 160,
               cancel: threading.Event | None = None) -> Iterator[str]:
        with self.usage, self._lock:
            prompt = self._fit(system, messages, max_tokens)
            chunks = self._engine().create_completion(
                prompt, max_tokens=max_tokens, temperature=0.6, top_p=0.9, top_k=40,
                repeat_penalty=1.15, stop=self.stop, stream=True)
            try:
                for chunk in chunks:
                    if cancel is not None and cancel.is_set():
                        break
                    text = chunk["choices"][0]["text"]  # type: ignore[index]
                    if text:
                        yield str(text)
            finally:
                close = getattr(chunks, "close", None)
                if close is not None:
                    close()

    def complete_json(self, system: str, messages: Sequence[Message], schema: dict[str, Any],
                      *, max_tokens: int = 64, time_limit_s: float = 15.0) -> str:
        """Constrained output, cut at ``max_tokens`` or ``time_limit_s``.

        A cut answer is invalid JSON, which the caller treats as "do nothing": a
        runaway argument string must not hold the assistant for a minute.
        """
        import time

        from llama_cpp import StoppingCriteriaList
        from llama_cpp.llama_grammar import LlamaGrammar

        grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)

        def too_long(_ids: Any, _logits: Any) -> bool:
            return time.monotonic() > deadline

        with self.usage, self._lock:
            llm = self._engine()  # a reload after an idle unload is not part of the limit
            deadline = time.monotonic() + time_limit_s
            prompt = self._fit(system, messages, max_tokens)
            out = llm.create_completion(
                prompt, max_tokens=max_tokens, temperature=0.0, grammar=grammar,
                stop=self.stop, stopping_criteria=StoppingCriteriaList([too_long]))
        return str(out["choices"][0]["text"])  # type: ignore[index]

    def _fit(self, system: str, messages: Sequence[Message], max_tokens: int) -> list[int]:
        """Drop the oldest turns until the prompt and the reply fit the context window."""
        msgs = list(messages)
        while True:
            tokens = self._tokens(system, msgs)
            if len(tokens) + max_tokens <= self.n_ctx or len(msgs) <= 1:
                break
            msgs = msgs[1:]
        limit = self.n_ctx - max_tokens
        if len(tokens) > limit:  # one huge message: keep the prefix and the end of it
            keep = len(self._prefix_tokens)
            tokens = tokens[:keep] + tokens[-(limit - keep):]
        return tokens

    def close(self) -> None:
        with self._lock:
            llm, self._llm = self._llm, None
        if llm is not None:
            llm.close()
