"""Batch over corpora: read documents from folders, JSONL, CSV or Parquet (gzip or not), run
each through the core (translated first when asked) on all cores or a Dask cluster, write one
record per document, resumably, and a corpus-wide report of the spellings seen.

    from rasm.batch import BatchOptions, run_batch
    summary = run_batch(["articles/"], "out/articles.jsonl", BatchOptions())

Importing this package loads nothing heavy: pyarrow and dask are imported when used.
"""

from __future__ import annotations

from rasm.batch.options import BatchOptions
from rasm.batch.runner import BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "run_batch"]
