"""One exception hierarchy for the whole project.

The service maps these to the contract's JSON error (`{"error": {"code", "message"}}`) in one
place; the CLI prints `message` (Simplified Chinese, for the people who read it).
"""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base class. `code` is stable and machine-readable, `message` is for people."""

    code = "error"
    status = 500
    # Seconds a client should wait before retrying (sent as Retry-After), when retrying helps.
    retry_after: int | None = None

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class IngestError(PolicyKGError):
    """A file could not be turned into a document (per-file; other files go on)."""

    code = "ingest_failed"
    status = 422


class UnsupportedFormat(IngestError):
    code = "unsupported_format"
    status = 415


class FileTooLarge(IngestError):
    code = "file_too_large"
    status = 413


class NeedsOCR(IngestError):
    code = "needs_ocr"
    status = 422


class DecodeError(IngestError):
    code = "decode_failed"
    status = 422


class EmptyDocument(IngestError):
    code = "empty_document"
    status = 422


class BadQuery(PolicyKGError):
    code = "bad_query"
    status = 400


class NotFound(PolicyKGError):
    code = "not_found"
    status = 404


class Unauthorized(PolicyKGError):
    code = "unauthorized"
    status = 401


class Forbidden(PolicyKGError):
    code = "forbidden"
    status = 403


class IndexVersionMismatch(PolicyKGError):
    code = "index_version_mismatch"
    status = 503


class StoreBusy(PolicyKGError):
    code = "busy"
    status = 503
    retry_after = 5


class WriteQueueFull(PolicyKGError):
    """More writes are waiting than the write queue holds: the client retries later."""

    code = "write_queue_full"
    status = 429
    retry_after = 5


class StorageFull(PolicyKGError):
    """The data dir's disk (or quota) is full: the write changed nothing."""

    code = "insufficient_storage"
    status = 507


class StoreUnavailable(PolicyKGError):
    """The system of record (PostgreSQL) cannot be reached: the write changed nothing; reads keep
    being served from the replica's local generation."""

    code = "store_unavailable"
    status = 503
    retry_after = 5
