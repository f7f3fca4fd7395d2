"""The work folder of a run (`OUT.work/`): finished chunks and the journal that commits them.

Each finished chunk is written as two files (records, failures), each atomically; then one line
is appended to `journal.jsonl` and synced. That line is the commit: on resume a chunk counts as
done only when the journal names it, so a kill at any moment loses at most the chunks in flight
and never counts one twice. The journal's first line is the run's fingerprint (inputs, options);
a different command does not resume from another's work."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from rasm.batch.errors import ResumeError
from rasm.batch.process import ChunkResult
from rasm.batch.writers import write_lines

JOURNAL = "journal.jsonl"


class Journal:
    def __init__(self, work_dir: Path, fingerprint: dict[str, Any]) -> None:
        self.work_dir = work_dir
        self.fingerprint = json.loads(json.dumps(fingerprint))  # as the journal will read back
        self.done: dict[int, dict[str, Any]] = {}

    @property
    def path(self) -> Path:
        return self.work_dir / JOURNAL

    def part(self, number: int, what: str) -> Path:
        return self.work_dir / f"chunk-{number:08d}.{what}.jsonl"

    def open(self, *, restart: bool = False) -> None:
        """Create the folder, or take up the run recorded in it (`restart` discards it)."""
        if restart and self.work_dir.exists():
            shutil.rmtree(self.work_dir)
        if self.path.exists():
            self._load()
        else:
            self.work_dir.mkdir(parents=True, exist_ok=True)
            write_lines(self.path, [json.dumps({"fingerprint": self.fingerprint})])

    def _load(self) -> None:
        with self.path.open(encoding="utf-8") as stream:
            lines = stream.read().splitlines()
        try:
            header = json.loads(lines[0])["fingerprint"]
        except (IndexError, KeyError, TypeError, json.JSONDecodeError):
            raise ResumeError(str(self.work_dir), "an unreadable journal") from None
        if header != self.fingerprint:
            changed = sorted(k for k in set(header) | set(self.fingerprint)
                             if header.get(k) != self.fingerprint.get(k))
            raise ResumeError(str(self.work_dir), f"different {', '.join(changed)}")
        for line in lines[1:]:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:  # the last line, torn by a kill mid-write
                continue
            number = entry["chunk"]
            if self.part(number, "records").exists() and self.part(number, "errors").exists():
                self.done[number] = entry

    def commit(self, result: ChunkResult) -> None:
        write_lines(self.part(result.number, "records"), result.records)
        write_lines(self.part(result.number, "errors"), result.errors)
        entry = {"chunk": result.number, "docs": result.docs, "errors": len(result.errors),
                 "size": result.size}
        with self.path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(entry) + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        self.done[result.number] = entry

    def lines(self, number: int, what: str) -> list[str]:
        with self.part(number, what).open(encoding="utf-8") as stream:
            return stream.read().splitlines()

    def remove(self) -> None:
        shutil.rmtree(self.work_dir, ignore_errors=True)
