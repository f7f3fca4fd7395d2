"""Which model translates which language pair, and how an offline site points rasm at its copies.

The table is tables/translate/models.tsv (source, target, model, prefix, note). For a pair, the
model is, first that applies:

1. the `model=` argument (or `rasm translate --model`): a hub id or a local folder;
2. the environment variable RASM_TRANSLATE_MODEL_<SRC>_<TGT> (e.g. RASM_TRANSLATE_MODEL_AR_EN);
3. a TSV of the same shape named by RASM_TRANSLATE_MODELS (a site's own table, read first);
4. the built-in table.

A hub id is then looked up in RASM_MODELS_DIR, when set: $RASM_MODELS_DIR/opus-mt-ar-en (the
id's last part) or $RASM_MODELS_DIR/Helsinki-NLP/opus-mt-ar-en, so one folder of downloaded
models serves every pair.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rasm.errors import TableError
from rasm.translate.base import UnsupportedLanguageError

ENV_MODEL = "RASM_TRANSLATE_MODEL_{}_{}"
ENV_TABLE = "RASM_TRANSLATE_MODELS"
ENV_MODELS_DIR = "RASM_MODELS_DIR"
_COLUMNS = ("source", "target", "model")


@dataclass(frozen=True, slots=True)
class ModelChoice:
    source: str
    target: str
    model: str  # hub id or local folder
    prefix: str = ""  # text each input must start with (a target-language token)
    origin: str = ""  # where the choice came from: argument, environment, or a table file


def table_path() -> Path:
    from rasm.gazetteer.tables import tables_dir

    return tables_dir() / "translate" / "models.tsv"


def read_table(path: Path) -> dict[tuple[str, str], ModelChoice]:
    """The rows of a models TSV; TableError names the file and line of a bad row."""
    where = str(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(where, None, f"cannot read: {exc}") from exc
    header: list[str] | None = None
    out: dict[tuple[str, str], ModelChoice] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in _COLUMNS if c not in header]
            if missing:
                raise TableError(where, number, f"header lacks column(s) {', '.join(missing)}")
            continue
        row = dict(zip(header, cells))
        if not all(row.get(c) for c in _COLUMNS):
            raise TableError(where, number, "source, target and model must all be given")
        key = (row["source"].lower(), row["target"].lower())
        if key in out:
            raise TableError(where, number, f"pair {key[0]}-{key[1]} appears twice")
        out[key] = ModelChoice(key[0], key[1], row["model"], row.get("prefix", ""), where)
    return out


@cache
def builtin_table() -> dict[tuple[str, str], ModelChoice]:
    return read_table(table_path())


def model_table() -> dict[tuple[str, str], ModelChoice]:
    """The built-in table with the site's table (RASM_TRANSLATE_MODELS) over it."""
    table = dict(builtin_table())
    site = os.environ.get(ENV_TABLE)
    if site:
        table.update(read_table(Path(site)))
    return table


def known_pairs() -> list[str]:
    return sorted(f"{s}-{t}" for s, t in model_table())


def choose_model(source: str, target: str, model: str | None = None) -> ModelChoice:
    """The model for `source` -> `target` (see the module doc for the order of precedence)."""
    source, target = source.lower(), target.lower()
    table = model_table()
    listed = table.get((source, target))
    prefix = listed.prefix if listed else ""
    if model:
        return ModelChoice(source, target, _in_models_dir(model), prefix, "argument")
    env = os.environ.get(ENV_MODEL.format(source.upper(), target.upper()))
    if env:
        return ModelChoice(source, target, _in_models_dir(env), prefix,
                           ENV_MODEL.format(source.upper(), target.upper()))
    if listed is None:
        raise UnsupportedLanguageError(source, target, known_pairs())
    return ModelChoice(source, target, _in_models_dir(listed.model), prefix, listed.origin)


def _in_models_dir(model: str) -> str:
    """A hub id's local copy under RASM_MODELS_DIR when there is one; else `model` unchanged."""
    root = os.environ.get(ENV_MODELS_DIR)
    if not root or Path(model).expanduser().is_dir():
        return model
    for candidate in (Path(root) / model, Path(root) / model.rsplit("/", 1)[-1]):
        if candidate.is_dir():
            return str(candidate)
    return model


def reset_caches() -> None:
    builtin_table.cache_clear()
