"""The public status lookup's part of the OpenAPI document: its answer and its two
methods, both without a token (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import REFERENCE, ApiDoc, content, errors, ref

SCHEMAS: dict[str, Any] = {
    "PublicStatus": {
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "status": {"type": "string"},
            "status_label": {"type": "string"},
            "updated_at": {"type": "string", "format": "date-time"},
            "timeline": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string", "format": "date-time"},
                        "status": {"type": "string"},
                        "status_label": {"type": "string"},
                    },
                },
            },
            "next_step": {
                "type": ["object", "null"],
                "properties": {
                    "kind": {"type": "string"},
                    "text": {"type": "string"},
                    "on": {"type": ["string", "null"], "format": "date"},
                    "at": {"type": ["string", "null"], "format": "date-time"},
                },
            },
            "followups": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "on": {"type": "string", "format": "date"},
                        "done": {"type": "boolean"},
                    },
                },
            },
            "advice_given_on": {
                "type": ["string", "null"],
                "format": "date",
                "description": "The desk's day the latest advice was given; never its "
                "content or who gave it",
            },
            "outcome": {
                "type": ["object", "null"],
                "properties": {"closing_code": {"type": "string"}, "label": {"type": "string"}},
            },
        },
    },
}

CODE = {"type": "string", "maxLength": 40}
ACCESS_CODE_HEADER = {
    "name": "X-Access-Code",
    "in": "header",
    "required": False,
    "schema": CODE,
    "description": "The receipt's access code; keeps it out of URLs and access logs. "
    "Wins over `code` in the query or body.",
}
_LOOKUP = {
    "security": [],
    "responses": {"200": content(ref("PublicStatus")), **errors(404, 429)},
    "description": "No auth. Unknown references and wrong codes get the same 404, in "
    "the same time. Wrong codes are counted per case and address (10 an hour) and per "
    "case (50 a day; past that, one try per address an hour); right codes never count.",
}


# GET with ?code= (the contract), POST with {"code"}; X-Access-Code on both.
PATHS: dict[str, Any] = {
    "/status/{reference}": {
        "get": {
            **_LOOKUP,
            "summary": "Public status lookup with the receipt's access code",
            "parameters": [
                REFERENCE,
                {"name": "code", "in": "query", "required": False, "schema": CODE},
                ACCESS_CODE_HEADER,
            ],
        },
        "post": {
            **_LOOKUP,
            "summary": "Public status lookup, the code in the body or a header",
            "parameters": [REFERENCE, ACCESS_CODE_HEADER],
            "requestBody": {
                "required": False,
                "content": {
                    "application/json": {"schema": {"type": "object", "properties": {"code": CODE}}}
                },
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
