"""The routing part of the OpenAPI document: the draw, claims, declines, the lawyer
directory and conflicts (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import REFERENCE, ApiDoc, content, errors, ref
from legaldesk.routing import handon_apidoc

SCHEMAS: dict[str, Any] = {
    "Draw": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "round": {"type": "integer"},
            "kind": {"type": "string", "enum": ["draw", "assigned", "claim"]},
            "reason": {"type": "string"},
            "group": {"type": ["string", "null"]},
            "pool": {"type": "array", "items": {"type": "integer"}},
            "pool_hash": {"type": ["string", "null"]},
            "commitment": {"type": "string"},
            "committed_at": {"type": ["string", "null"], "format": "date-time"},
            "secret": {"type": ["string", "null"]},
            "contribution": {"type": ["string", "null"]},
            "chosen": {"type": ["integer", "null"]},
            "drawn_at": {"type": ["string", "null"], "format": "date-time"},
            "excluded": {"type": "object"},
            "warnings": {"type": "array"},
            "declined_at": {"type": ["string", "null"], "format": "date-time"},
            "decline_reason": {"type": ["string", "null"]},
        },
    },
    "RouteResult": {
        "type": "object",
        "properties": {
            "assignee": ref("Assignee"),
            "draw": {"oneOf": [ref("Draw"), {"type": "null"}]},
            "status": {"type": "string"},
        },
    },
    "Lawyer": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["panel_expert", "firm_lawyer"]},
            "firm": {"type": ["string", "null"]},
            "jurisdictions": {"type": "array", "items": {"type": "string"}},
            "specialties": {"type": "array", "items": {"type": "string"}},
            "languages": {"type": "array", "items": {"type": "string"}},
            "capacity": {"type": "integer"},
            "open_cases": {"type": "integer"},
            "on_duty": {"type": "boolean"},
            "active": {"type": "boolean"},
        },
    },
}

PATHS: dict[str, Any] = {
    "/consultations/{reference}/route": {
        "post": {
            "summary": "Draw a lawyer for a new, unassigned case (a checkable draw)",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": False,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "contribution": {
                                    "type": "string",
                                    "maxLength": 40,
                                    "description": "Digits keyed in by the enterprise or a witness",
                                }
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": content(ref("RouteResult")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/consultations/{reference}/claim": {
        "post": {
            "summary": "A lawyer takes an open, unassigned case",
            "description": (
                "404 `not_found` for every case the lawyer may not claim, worded as for a "
                "reference that does not exist (the rule that failed is kept in the audit "
                "log, not told); 409 `already_assigned` when another lawyer has the case, "
                "`already_yours` when the caller has it; 422 `not_eligible` for a fact about "
                "the lawyer alone (on leave, at capacity, inactive, declined it before)."
            ),
            "parameters": [REFERENCE],
            "responses": {"200": content(ref("Case")), **errors(401, 403, 404, 409, 422)},
        },
    },
    "/consultations/{reference}/decline": {
        "post": {
            "summary": "The drawn lawyer declines with a reason; a new round is drawn",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["reason"],
                            "properties": {"reason": {"type": "string", "maxLength": 500}},
                        }
                    }
                },
            },
            "responses": {
                "200": content(ref("RouteResult")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/consultations/{reference}/draws": {
        "get": {
            "summary": "Every round of the case's draw, secrets revealed once drawn",
            "parameters": [REFERENCE],
            "responses": {
                "200": content({"type": "array", "items": ref("Draw")}),
                **errors(401, 404),
            },
        },
    },
    "/lawyers": {
        "get": {
            "summary": "The panel and partner-firm lawyers with their open cases",
            "responses": {
                "200": content({"type": "array", "items": ref("Lawyer")}),
                **errors(401),
            },
        },
    },
    "/lawyers/{lawyer_id}/conflicts": {
        "post": {
            "summary": "Declare a party this lawyer may not face",
            "parameters": [
                {"name": "lawyer_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["party"],
                            "properties": {"party": {"type": "string", "maxLength": 200}},
                        }
                    }
                },
            },
            "responses": {
                "201": content({"type": "object"}, "Created"),
                **errors(400, 401, 403, 404, 422),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS | handon_apidoc.SCHEMAS, PATHS | handon_apidoc.PATHS)
