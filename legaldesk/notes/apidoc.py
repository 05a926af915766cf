"""The notes part of the OpenAPI document (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.notes.rules import MAX_LENGTH
from legaldesk.openapi import REFERENCE, ApiDoc, content, errors, ref

SCHEMAS: dict[str, Any] = {
    "CaseNote": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "text": {"type": "string"},
            "author": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "CaseNoteNew": {
        "type": "object",
        "required": ["text"],
        "properties": {"text": {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH}},
    },
}

PATHS: dict[str, Any] = {
    "/consultations/{reference}/notes": {
        "get": {
            "summary": "The case's internal notes, newest first (staff who may read the "
            "case; never enterprise accounts)",
            "parameters": [REFERENCE],
            "responses": {
                "200": content({"type": "array", "items": ref("CaseNote")}),
                **errors(401, 403, 404),
            },
        },
        "post": {
            "summary": "Add an internal note to the case",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("CaseNoteNew")}},
            },
            "responses": {
                "201": content(ref("CaseNote"), "Created"),
                **errors(400, 401, 403, 404, 422),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
