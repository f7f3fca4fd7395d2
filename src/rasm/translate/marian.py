"""MarianMT backend: OPUS-MT models through transformers (`MarianMTModel.generate`).

A hub id and a local folder take the same path: `locate_model` turns either into a local
folder (the hub id through the local hub cache only, never the network unless
RASM_ALLOW_DOWNLOAD=1), then one loader reads it. The model is loaded on first use, put in
eval mode once, and run under `torch.inference_mode()`; on CUDA in half precision.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasm.errors import InputError, MissingExtraError
from rasm.translate.base import MAX_INPUT_TOKENS, Hypothesis, ModelUnavailableError

log = logging.getLogger(__name__)

ENV_ALLOW_DOWNLOAD = "RASM_ALLOW_DOWNLOAD"
_HUB_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
TOKENIZER_FILES = ("vocab.json", "source.spm", "target.spm", "tokenizer_config.json",
                   "target_vocab.json", "special_tokens_map.json")


def import_torch() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise MissingExtraError("translation", "translate", str(exc)) from exc
    return torch


def import_transformers() -> Any:
    import_torch()
    try:
        import sentencepiece  # noqa: F401  (MarianTokenizer needs it; say so up front)
        import transformers
    except ImportError as exc:
        raise MissingExtraError("translation", "translate", str(exc)) from exc
    return transformers


def downloads_allowed() -> bool:
    return os.environ.get(ENV_ALLOW_DOWNLOAD, "") in ("1", "true", "yes")


def locate_model(spec: str) -> Path:
    """The local folder holding model `spec` (a folder path or a hub id in the local cache).
    Raises ModelUnavailableError, at once, when there is none."""
    path = Path(spec).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file() and not (path / "model.bin").is_file():
            raise ModelUnavailableError(spec, f"folder {path} has no config.json")
        return path.resolve()
    if not _HUB_ID_RE.match(spec):
        raise ModelUnavailableError(spec, "no such folder, and not a hub id (owner/name)")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        # local_files_only: a cache lookup that never touches the network.
        return Path(snapshot_download(spec, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        pass
    if not downloads_allowed():
        raise ModelUnavailableError(
            spec, f"not in the local model cache and downloads are off; {ENV_ALLOW_DOWNLOAD}=1 "
            "allows them where the hub is reachable")
    try:
        return Path(snapshot_download(spec, etag_timeout=10))
    except Exception as exc:  # any network or hub failure means the same thing to the user
        raise ModelUnavailableError(spec, f"download failed: {type(exc).__name__}: {exc}") from exc


def resolve_device(device: str) -> str:
    if device != "auto":
        return device
    torch = import_torch()
    return "cuda" if torch.cuda.is_available() else "cpu"


def load_tokenizer(folder: Path, spec: str) -> Any:
    transformers = import_transformers()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            return transformers.MarianTokenizer.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError, TypeError) as exc:
        raise ModelUnavailableError(spec, f"cannot load its tokenizer from {folder}: {exc}") from exc


class MarianTranslator:
    """A MarianMT model loaded lazily from a hub id or a folder.

    beam_size 1 is greedy decoding (fastest; what the CTranslate2 equivalence is tested with);
    OPUS-MT's own configs use 4-6. `threads` sets torch's CPU threads for this process. A batch
    decodes at most `max_new_tokens`, else `length_ratio` x its longest input + 10 tokens.
    """

    def __init__(self, spec: str, *, device: str = "auto", beam_size: int = 4,
                 threads: int | None = None, max_new_tokens: int | None = None,
                 length_ratio: float = 2.0) -> None:
        if beam_size < 1:
            raise InputError(f"beam_size must be at least 1, got {beam_size}")
        self.name = spec
        self.device = device
        self.beam_size = beam_size
        self.threads = threads
        self.max_new_tokens = max_new_tokens
        self.length_ratio = length_ratio
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None

    def __repr__(self) -> str:
        return f"MarianTranslator({self.name!r}, device={self.device!r}, beam_size={self.beam_size})"

    @property
    def max_input_tokens(self) -> int:
        return MAX_INPUT_TOKENS

    def load(self) -> MarianTranslator:
        """Load now (otherwise the first translation does)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._load()
        return self

    def _load(self) -> None:
        torch = import_torch()
        transformers = import_transformers()
        folder = locate_model(self.name)
        tokenizer = load_tokenizer(folder, self.name)
        device = resolve_device(self.device)
        dtype = torch.float16 if device.startswith("cuda") else torch.float32
        try:
            model = transformers.MarianMTModel.from_pretrained(
                str(folder), local_files_only=True, dtype=dtype)
        except (OSError, ValueError) as exc:
            raise ModelUnavailableError(self.name, f"cannot load it from {folder}: {exc}") from exc
        if self.threads:
            torch.set_num_threads(self.threads)
        model.to(device)
        model.eval()
        self.device = device
        self._tokenizer, self._model = tokenizer, model
        log.info("loaded %s from %s on %s", self.name, folder, device)

    @property
    def tokenizer(self) -> Any:
        self.load()
        return self._tokenizer

    @property
    def model(self) -> Any:
        self.load()
        return self._model

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        # verbose=False: counting a text over the limit is how we find it is over the limit.
        ids = self.tokenizer(list(texts), verbose=False)["input_ids"]
        return [len(x) for x in ids]

    def _encode(self, texts: Sequence[str]) -> tuple[Any, int]:
        batch = self.tokenizer(list(texts), padding=True, return_tensors="pt")
        longest = int(batch["input_ids"].shape[1])
        if longest > self.max_input_tokens:
            raise InputError(
                f"an input of {longest} tokens is over the model's limit of "
                f"{self.max_input_tokens}; split it first (rasm.translate.segment.split_to_limit)")
        return batch.to(self.model.device), longest

    def _budget(self, longest: int) -> int:
        # Generous for any real translation, and a bound on a model that never stops.
        return self.max_new_tokens or min(
            self.max_input_tokens, int(longest * self.length_ratio) + 10)

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        torch = import_torch()
        batch, longest = self._encode(texts)
        with torch.inference_mode():
            out = self.model.generate(**batch, num_beams=self.beam_size,
                                      max_new_tokens=self._budget(longest))
        return [str(t) for t in self.tokenizer.batch_decode(out, skip_special_tokens=True)]

    def hypotheses(self, texts: Sequence[str], num: int = 1) -> list[list[Hypothesis]]:
        if not texts:
            return []
        if num < 1:
            raise InputError(f"num must be at least 1, got {num}")
        torch = import_torch()
        batch, longest = self._encode(texts)
        beams = max(self.beam_size, num)
        with torch.inference_mode():
            out = self.model.generate(
                **batch, num_beams=beams, num_return_sequences=num,
                max_new_tokens=self._budget(longest), output_scores=True,
                return_dict_in_generate=True)
            if beams > 1:
                scores = out.sequences_scores.tolist()
            else:
                steps = self.model.compute_transition_scores(out.sequences, out.scores,
                                                             normalize_logits=True)
                generated = out.sequences[:, -steps.shape[1]:]
                scores = _mean_logprob(steps, generated != self.model.config.pad_token_id)
        texts_out = self.tokenizer.batch_decode(out.sequences, skip_special_tokens=True)
        return [[Hypothesis(str(texts_out[i * num + k]), float(scores[i * num + k]))
                 for k in range(num)] for i in range(len(texts))]


def _mean_logprob(steps: Any, real: Any) -> list[float]:
    """Per sequence: the mean log-probability of its generated tokens; `real` masks out the
    padding after a sequence that finished before the longest (like CTranslate2's score)."""
    torch = import_torch()
    total = torch.where(real, steps, torch.zeros_like(steps)).sum(dim=1)
    count = real.sum(dim=1).clamp(min=1)
    return [float(x) for x in (total / count).tolist()]
