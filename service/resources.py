"""What the service loads when it starts (tables, translation models) and the gate that keeps
translation off the event loop with bounded concurrency and a bounded queue."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from service.compute import Compute
from service.settings import Settings

if TYPE_CHECKING:
    from rasm.gazetteer import Gazetteer
    from rasm.translate.base import Translator

log = logging.getLogger("service")
T = TypeVar("T")


class GateFull(Exception):
    """Every translation slot is busy and the queue is full."""

    def __init__(self, retry_after: int, capacity: int) -> None:
        self.retry_after = retry_after
        self.capacity = capacity
        super().__init__(f"translation queue full ({capacity} admitted)")


class TranslationGate:
    """Runs blocking translations on `workers` threads; admits at most `workers + queue`
    requests at once and refuses the rest at once (GateFull) instead of queueing without bound.

    A slot is freed when its thread finishes, not when the client goes away, so an abandoned
    request still counts until the model is done with it."""

    def __init__(self, workers: int, queue: int, retry_after: int) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self.retry_after = retry_after
        self.admitted = 0
        self._slots: asyncio.Semaphore | None = None
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, fn: Callable[[], T]) -> T:
        if self.admitted >= self.capacity:
            raise GateFull(self.retry_after, self.capacity)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="rasm-translate")
        self.admitted += 1
        slots = self._slots
        try:
            await slots.acquire()
        except BaseException:
            self.admitted -= 1
            raise
        loop = asyncio.get_running_loop()

        def finished(_: object) -> None:
            def release() -> None:
                self.admitted -= 1
                slots.release()

            loop.call_soon_threadsafe(release)

        try:
            future = self._executor.submit(fn)
        except BaseException:
            self.admitted -= 1
            slots.release()
            raise
        future.add_done_callback(finished)
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


@dataclass
class Resources:
    """Everything a request needs, built once in the app's lifespan."""

    settings: Settings
    gazetteer: Gazetteer
    translators: dict[str, Translator] = field(default_factory=dict)  # "ar-en" -> loaded model
    # "ar-en" -> the kind of failure; the details (paths) go to the log, not to clients
    model_errors: dict[str, str] = field(default_factory=dict)
    gate: TranslationGate | None = None
    load_seconds: float = 0.0
    compute: Compute = field(default_factory=lambda: Compute(2))
    kinds: tuple[str, ...] = ()  # of the gazetteer, computed once
    countries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.kinds = tuple(self.gazetteer.kinds())
        self.countries = tuple(self.gazetteer.countries())

    @property
    def ready(self) -> bool:
        return not self.model_errors


def load_gazetteer(settings: Settings) -> Gazetteer:
    from rasm.gazetteer import Gazetteer, builtin_gazetteer
    from rasm.gazetteer import load_gazetteer as load_user

    parts = [builtin_gazetteer()] if settings.builtin else []
    parts += [load_user(path) for path in settings.gazetteers]
    gazetteer = parts[0] if len(parts) == 1 else Gazetteer.combine(*parts)
    # Build every part's index now: the first request must not pay for it.
    for part in gazetteer.parts:
        part.index  # noqa: B018
    return gazetteer


def load_translators(pairs: tuple[str, ...]) -> tuple[dict[str, Translator], dict[str, str]]:
    """Load the model of each configured pair from rasm's registry. A pair that fails is
    reported (readiness says why), not fatal: the rest of the service still works."""
    from rasm.errors import RasmError
    from rasm.translate import get_translator

    loaded: dict[str, Translator] = {}
    errors: dict[str, str] = {}
    for pair in pairs:
        source, target = pair.split("-")
        try:
            translator = get_translator(source, target)
            load = getattr(translator, "load", None)
            if callable(load):
                load()
        except RasmError as exc:
            log.error("translation model for %s not loaded: %s", pair, exc)
            errors[pair] = f"{type(exc).__name__} (details in the server log)"
            continue
        loaded[pair] = translator
        log.info("translation model for %s loaded: %s", pair, translator.name)
    return loaded, errors


def load_resources(settings: Settings,
                   translators: Mapping[str, Translator] | None = None) -> Resources:
    """Tables and models for `settings`. `translators` gives already built translators by
    pair (an embedding application's own models); they replace the registry's for those pairs."""
    started = time.perf_counter()
    gazetteer = load_gazetteer(settings)
    given = dict(translators or {})
    loaded, errors = load_translators(tuple(p for p in settings.translate_pairs if p not in given))
    loaded.update(given)
    gate = TranslationGate(settings.translate_workers, settings.translate_queue,
                           settings.translate_retry_after) if loaded else None
    resources = Resources(settings, gazetteer, loaded, errors, gate,
                          time.perf_counter() - started, compute=Compute(settings.cpu_threads))
    log.info("loaded %d entities and %d translation model(s) in %.1f s", len(gazetteer),
             len(loaded), resources.load_seconds)
    return resources
