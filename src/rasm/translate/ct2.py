"""CTranslate2 backend: the same OPUS-MT models, converted, behind the same interface.

Given a CTranslate2 folder (model.bin plus the tokenizer files), it is used as is. Given a
transformers model (hub id or folder), it is converted once into the cache
(RASM_CACHE_DIR/ct2/<name>-<hash>, else ~/.cache/rasm/ct2/...) with the tokenizer files copied
beside it, and reused after. Tokenization is MarianTokenizer's, so both backends see the same
tokens; with greedy decoding both produce the same translation.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasm.errors import InputError, MissingExtraError
from rasm.translate.base import MAX_INPUT_TOKENS, Hypothesis, ModelUnavailableError
from rasm.translate.marian import (
    TOKENIZER_FILES,
    load_tokenizer,
    locate_model,
    resolve_device,
)

log = logging.getLogger(__name__)


def import_ctranslate2() -> Any:
    try:
        import ctranslate2
    except ImportError as exc:
        raise MissingExtraError("the CTranslate2 translation backend", "ct2", str(exc)) from exc
    return ctranslate2


def cache_root() -> Path:
    return Path(os.environ.get("RASM_CACHE_DIR") or Path.home() / ".cache" / "rasm") / "ct2"


def _fingerprint(folder: Path) -> str:
    """Changes when the model's files change (name, size, modification time)."""
    digest = hashlib.sha256(str(folder).encode())
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def convert(folder: Path, target: Path | None = None) -> Path:
    """`folder` (a transformers Marian model) in CTranslate2 format, converted once and cached."""
    ctranslate2 = import_ctranslate2()
    target = target or cache_root() / f"{folder.name}-{_fingerprint(folder)}"
    if (target / "model.bin").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = [str(folder / name) for name in TOKENIZER_FILES if (folder / name).is_file()]
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    try:
        converter = ctranslate2.converters.TransformersConverter(str(folder), copy_files=copy)
        with warnings.catch_warnings():  # the converter loads the tokenizer, which nags
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            converter.convert(str(tmp), force=True)
        try:
            os.replace(tmp, target)
        except OSError:  # another process converted it first
            if not (target / "model.bin").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("converted %s to CTranslate2 at %s", folder, target)
    return target


class CT2Translator:
    """A CTranslate2 translator over a converted Marian model, loaded lazily.

    compute_type: "auto" is int8 on CPU (quantized at load time; the fastest there) and float16
    on CUDA; "default" keeps the stored precision (float32 for converted OPUS-MT models; float16
    on CUDA); any CTranslate2 compute type ("int8_float32", "float32"...) is passed through.
    """

    def __init__(self, spec: str, *, device: str = "auto", beam_size: int = 4,
                 compute_type: str = "default", threads: int = 0,
                 max_new_tokens: int | None = None, length_ratio: float = 2.0) -> None:
        if beam_size < 1:
            raise InputError(f"beam_size must be at least 1, got {beam_size}")
        self.name = spec
        self.device = device
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.threads = threads
        self.max_new_tokens = max_new_tokens
        self.length_ratio = length_ratio
        self._lock = threading.Lock()
        self._translator: Any = None
        self._tokenizer: Any = None

    def __repr__(self) -> str:
        return (f"CT2Translator({self.name!r}, device={self.device!r}, "
                f"compute_type={self.compute_type!r}, beam_size={self.beam_size})")

    @property
    def max_input_tokens(self) -> int:
        return MAX_INPUT_TOKENS

    def load(self) -> CT2Translator:
        if self._translator is None:
            with self._lock:
                if self._translator is None:
                    self._load()
        return self

    def _load(self) -> None:
        ctranslate2 = import_ctranslate2()
        folder = locate_model(self.name)
        ct2_folder = folder if (folder / "model.bin").is_file() else convert(folder)
        tokenizer = load_tokenizer(ct2_folder, self.name)
        device = "cuda" if resolve_device(self.device).startswith("cuda") else "cpu"
        compute_type = self.compute_type
        if compute_type == "auto":
            compute_type = "float16" if device == "cuda" else "int8"
        elif compute_type == "default" and device == "cuda":
            compute_type = "float16"
        try:
            translator = ctranslate2.Translator(str(ct2_folder), device=device,
                                                compute_type=compute_type,
                                                intra_threads=self.threads)
        except (RuntimeError, ValueError) as exc:
            raise ModelUnavailableError(self.name, f"CTranslate2 cannot load {ct2_folder}: {exc}") from exc
        self.device = device
        self._tokenizer, self._translator = tokenizer, translator
        log.info("loaded %s (CTranslate2, %s, %s)", self.name, device, compute_type)

    @property
    def tokenizer(self) -> Any:
        self.load()
        return self._tokenizer

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(x) for x in self.tokenizer(list(texts), verbose=False)["input_ids"]]

    def _tokens(self, texts: Sequence[str]) -> list[list[str]]:
        tokenizer = self.tokenizer
        ids = tokenizer(list(texts), verbose=False)["input_ids"]
        longest = max(len(x) for x in ids)
        if longest > self.max_input_tokens:
            raise InputError(
                f"an input of {longest} tokens is over the model's limit of "
                f"{self.max_input_tokens}; split it first (rasm.translate.segment.split_to_limit)")
        return [tokenizer.convert_ids_to_tokens(x) for x in ids]

    def _run(self, texts: Sequence[str], num: int, scores: bool) -> list[Any]:
        tokens = self._tokens(texts)
        longest = max(len(t) for t in tokens)
        budget = self.max_new_tokens or min(
            self.max_input_tokens, int(longest * self.length_ratio) + 10)
        self.load()
        results: list[Any] = self._translator.translate_batch(
            tokens, beam_size=max(self.beam_size, num), num_hypotheses=num,
            max_decoding_length=budget, return_scores=scores)
        return results

    def _decode(self, tokens: list[str]) -> str:
        tokenizer = self.tokenizer
        return str(tokenizer.decode(tokenizer.convert_tokens_to_ids(tokens),
                                    skip_special_tokens=True))

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [self._decode(r.hypotheses[0]) for r in self._run(texts, 1, scores=False)]

    def hypotheses(self, texts: Sequence[str], num: int = 1) -> list[list[Hypothesis]]:
        if not texts:
            return []
        if num < 1:
            raise InputError(f"num must be at least 1, got {num}")
        return [[Hypothesis(self._decode(h), float(s)) for h, s in zip(r.hypotheses, r.scores)]
                for r in self._run(texts, num, scores=True)]
