"""The users part of the OpenAPI document: logging a user out everywhere (merged by
legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import ApiDoc, content, errors, ref

SCHEMAS: dict[str, Any] = {
    "SessionsEnded": {
        "type": "object",
        "required": ["user_id", "ended"],
        "properties": {
            "user_id": {"type": "integer"},
            "ended": {"type": "integer", "description": "How many open sessions were ended"},
        },
    },
}

PATHS: dict[str, Any] = {
    "/users/{user_id}/logout": {
        "post": {
            "summary": "Log a user out on every device (admins; anyone for themselves)",
            "description": "Ends every browser session of the user, a copied session "
            "cookie included; audited. API tokens are not sessions and stay valid.",
            "parameters": [
                {
                    "name": "user_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                }
            ],
            "responses": {
                "200": content(ref("SessionsEnded")),
                **errors(401, 403, 404),
            },
        }
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
