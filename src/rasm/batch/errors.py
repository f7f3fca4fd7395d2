"""Per-document failures, and the errors of a run as a whole.

A document that fails becomes one line of the errors file (`OUT.errors.jsonl` unless given):
{"seq", "id", "source", "stage", "reason"}; the run goes on. `stage` says whether the document
could not be read ("read": bad bytes, empty, too long, no text field) or failed in the core or
the translator ("process")."""

from __future__ import annotations

from typing import Any

from rasm.batch.readers import Document
from rasm.errors import InputError


class ResumeError(InputError):
    """The work folder of an earlier run does not belong to this command (other inputs or
    options), so resuming from it could mix two runs."""

    def __init__(self, work_dir: str, what: str) -> None:
        self.work_dir = work_dir
        self.what = what
        super().__init__(
            f"{work_dir} holds an unfinished run with {what}; run the same command as before to "
            "finish it, or pass --restart to discard it"
        )


def failure(doc: Document, stage: str, reason: str) -> dict[str, Any]:
    return {"seq": doc.seq, "id": doc.id, "source": doc.source, "stage": stage, "reason": reason}


def exception_reason(exc: BaseException) -> str:
    """The class and message: enough to tell a model error from a bad document."""
    message = str(exc) or repr(exc)
    return f"{type(exc).__name__}: {message}"[:2000]
