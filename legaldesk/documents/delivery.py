"""Files in and out of a request, for the page and the API alike. In: the form's
``file`` part and the store's settings. Out: always an attachment, never shown
inline; a browser that opens it anyway gets its declared type, no sniffing, and a
sandbox that runs nothing of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, current_app, request, send_file

from legaldesk.documents import service
from legaldesk.documents.models import Document

SANDBOX = "default-src 'none'; sandbox"


def received_file(part: str = "file") -> service.Upload | None:
    """The form's file ``part``, read up to one byte past the limit (too large is
    then known without reading more)."""
    sent = request.files.get(part)
    if sent is None:
        return None
    limit = int(current_app.config["DOCUMENT_MAX_BYTES"])
    return service.Upload(sent.filename, sent.stream.read(limit + 1))


def upload_settings() -> dict[str, Any]:
    return {
        "store": current_app.config["DOCUMENTS_PATH"],
        "limit": int(current_app.config["DOCUMENT_MAX_BYTES"]),
    }


def attachment(document: Document, path: Path) -> Response:
    """``Content-Disposition: attachment`` with the name (RFC 5987 ``filename*`` for
    Chinese names, an ASCII fallback beside it)."""
    response = send_file(
        path,
        mimetype=document.content_type,
        as_attachment=True,
        download_name=document.name,
        conditional=False,
        etag=False,
        last_modified=None,
        max_age=None,
    )
    response.headers["Content-Security-Policy"] = SANDBOX
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
