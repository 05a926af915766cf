"""The documents part of the OpenAPI document (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.documents.rules import CONTENT_TYPES, KINDS
from legaldesk.openapi import REFERENCE, ApiDoc, content, errors, ref

SCHEMAS: dict[str, Any] = {
    "Document": {
        "type": "object",
        "required": ["id", "name", "size", "sha256", "kind", "shared"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "size": {"type": "integer"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "kind": {"type": "string", "enum": list(KINDS)},
            "shared": {"type": "boolean"},
            "content_type": {"type": "string"},
            "uploaded_at": {"type": "string", "format": "date-time"},
            "uploaded_by": {
                "type": ["string", "null"],
                "description": "Staff only; null for an enterprise account",
            },
        },
    },
    "DocumentUpload": {
        "type": "object",
        "required": ["file", "kind"],
        "properties": {
            "file": {"type": "string", "format": "binary"},
            "kind": {"type": "string", "enum": list(KINDS)},
            "shared": {
                "type": "string",
                "enum": ["true", "false"],
                "description": "true shows the document to the enterprise (on /my)",
            },
        },
    },
}

TOO_LARGE = content(ref("Error"), "Larger than LEGALDESK_DOCUMENT_MAX_BYTES (20 MB by default)")
NOT_ACCEPTED = content(
    ref("Error"),
    "Not PDF, an image, an Office document or plain text, or not what its name says",
)
BINARY = {"type": "string", "format": "binary"}
DOCUMENT_ID = {
    "name": "document_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
}

PATHS: dict[str, Any] = {
    "/consultations/{reference}/documents": {
        "get": {
            "summary": "The case's documents, newest first (an enterprise account: only "
            "those shared with it)",
            "parameters": [REFERENCE],
            "responses": {
                "200": content({"type": "array", "items": ref("Document")}),
                **errors(401, 403, 404),
            },
        },
        "post": {
            "summary": "Upload a document to the case (staff who may read the case); its "
            "real type is read from the content",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": True,
                "content": {"multipart/form-data": {"schema": ref("DocumentUpload")}},
            },
            "responses": {
                "201": content(ref("Document"), "Created"),
                "413": TOO_LARGE,
                "415": NOT_ACCEPTED,
                **errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/documents/{document_id}": {
        "get": {
            "summary": "The file itself, as an attachment (never inline); the download is audited",
            "parameters": [DOCUMENT_ID],
            "responses": {
                "200": {
                    "description": "The file",
                    "content": {
                        t: {"schema": {"type": "string", "format": "binary"}} for t in CONTENT_TYPES
                    },
                },
                **errors(401, 403, 404),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
