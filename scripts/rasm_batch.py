#!/usr/bin/env python3
"""Batch over a corpus without installing the `rasm` entry point: the same as `rasm batch`.

    python scripts/rasm_batch.py articles/ news.jsonl.gz --out out/news.jsonl --workers 8
    python scripts/rasm_batch.py --sample --out out/sample.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from rasm.cli import main

if __name__ == "__main__":
    sys.exit(main(["batch", *sys.argv[1:]]))
