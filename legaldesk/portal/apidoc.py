"""The public status lookup's part of the OpenAPI document (see legaldesk/openapi.py)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi_parts import content, errors, ref

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


def status_paths(reference: dict[str, Any]) -> dict[str, Any]:
    """GET with ?code= (the contract), POST with {"code"}; X-Access-Code on both."""
    query_code = {"name": "code", "in": "query", "required": False, "schema": CODE}
    return {
        "/status/{reference}": {
            "get": {
                **_LOOKUP,
                "summary": "Public status lookup with the receipt's access code",
                "parameters": [reference, query_code, ACCESS_CODE_HEADER],
            },
            "post": {
                **_LOOKUP,
                "summary": "Public status lookup, the code in the body or a header",
                "parameters": [reference, ACCESS_CODE_HEADER],
                "requestBody": {
                    "required": False,
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"code": CODE}}
                        }
                    },
                },
            },
        },
    }
