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
            "contribution_source": {
                "type": ["string", "null"],
                "enum": ["witness", "lottery", None],
            },
            "widened_from": {"type": ["integer", "null"]},
            "voided_at": {"type": ["string", "null"], "format": "date-time"},
            "void_reason": {"type": ["string", "null"]},
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
            "summary": "Commit a draw for a new, unassigned case: its pool frozen and the "
            "secret's hash published, drawn later by POST /draws/{draw_id}/contribution",
            "description": (
                "202 with the round waiting for its contribution (the same round when asked "
                "again while its pool holds); 200 with the lawyer once the draw is complete; "
                "409 `already_assigned` when the case has a lawyer by other means; 422 "
                "`not_eligible` (nobody) or `pool_too_small` (fewer than the desk's minimum, "
                "three by default, even with partner firms: assign by hand). A contribution "
                "in this body is refused (422): it must come after the commitment."
            ),
            "parameters": [REFERENCE],
            "requestBody": {
                "required": False,
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "responses": {
                "200": content(ref("RouteResult")),
                "202": content(
                    {"type": "object", "properties": {"draw": ref("Draw")}}, "Committed"
                ),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/draws/{draw_id}/contribution": {
        "post": {
            "summary": "Draw a committed round with a witness's number or a lottery's",
            "description": (
                "200 with the completed draw and the case's lawyer (the same contribution "
                "again answers the same draw); 409 `already_drawn` (another contribution "
                "drew it), `round_superseded` (drawn, but its lawyer has since declined or "
                "been taken off), `round_void` (the round was put aside), `pool_changed` (someone "
                "in the frozen pool is no longer eligible: the round is put aside and a new "
                "one committed), `already_assigned`; 422 for a contribution that is not 6 "
                "to 40 digits (spaces, dashes, commas, plus signs may separate them) or a "
                "source other than `witness` or `lottery`."
            ),
            "parameters": [
                {"name": "draw_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["contribution", "source"],
                            "properties": {
                                "contribution": {"type": "string", "maxLength": 40},
                                "source": {"type": "string", "enum": ["witness", "lottery"]},
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
            "summary": "The drawn lawyer declines with a reason; a new round is committed",
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
