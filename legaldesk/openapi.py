"""The OpenAPI 3 document of /api/v1 (served at /api/v1/openapi.json).

Kept by hand next to the endpoints; a test checks that every API route is
described here and that nothing described is missing from the app.
"""

from __future__ import annotations

from typing import Any

from legaldesk.auth.apidoc import USER_PATHS, USER_SCHEMAS
from legaldesk.cases.rules import CHANNELS, STATUSES, URGENCIES
from legaldesk.followups.apidoc import FOLLOWUP_PATHS, FOLLOWUP_SCHEMAS
from legaldesk.openapi_parts import content, errors, malformed_everywhere, query, ref
from legaldesk.portal.apidoc import status_paths
from legaldesk.rooms.apidoc import MEDIATION_PATHS, MEDIATION_SCHEMAS

REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "maxLength": 40},
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "fields"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
    "IntakeRequest": {
        "type": "object",
        "required": ["enterprise", "contact", "channel", "category", "summary"],
        "properties": {
            "enterprise": {
                "type": "object",
                "required": ["name", "uscc"],
                "properties": {
                    "name": {"type": "string", "maxLength": 200},
                    "uscc": {"type": "string", "description": "Unified Social Credit Code (18)"},
                },
            },
            "contact": {
                "type": "object",
                "required": ["name", "phone"],
                "properties": {
                    "name": {"type": "string", "maxLength": 100},
                    "phone": {"type": "string", "description": "Chinese mobile or landline"},
                    "email": {"type": "string", "format": "email"},
                    "language": {
                        "type": "string",
                        "enum": ["zh_CN", "en"],
                        "default": "zh_CN",
                        "description": "The language e-mail to this contact is written in",
                    },
                },
            },
            "channel": {"type": "string", "enum": list(CHANNELS)},
            "category": {"type": "string", "description": "A code from GET /categories"},
            "countries": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}},
            "counterparties": {"type": "array", "items": {"type": "string", "maxLength": 200}},
            "summary": {"type": "string", "maxLength": 200},
            "description": {"type": "string", "maxLength": 20000},
            "urgency": {"type": "string", "enum": list(URGENCIES), "default": "normal"},
        },
    },
    "Assignee": {
        "type": ["object", "null"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["panel_expert", "firm_lawyer"]},
            "firm": {"type": ["string", "null"]},
        },
    },
    "CaseSummary": {
        "type": "object",
        "properties": {
            "reference": {"type": "string"},
            "status": {"type": "string", "enum": list(STATUSES)},
            "status_label": {"type": "string"},
            "foreign_related": {"type": "boolean"},
            "channel": {"type": "string", "enum": list(CHANNELS)},
            "category": {"type": "string"},
            "category_label": {"type": "string"},
            "urgency": {"type": "string", "enum": list(URGENCIES)},
            "countries": {"type": "array", "items": {"type": "string"}},
            "summary": {"type": "string"},
            "enterprise": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "uscc": {"type": "string"}},
            },
            "assignee": ref("Assignee"),
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
        },
    },
    "Case": {
        "allOf": [
            ref("CaseSummary"),
            {
                "type": "object",
                "properties": {
                    "description": {"type": "string"},
                    "counterparties": {"type": "array", "items": {"type": "string"}},
                    "contact": {"type": "object"},
                    "closing_code": {"type": ["string", "null"]},
                    "timeline": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "at": {"type": "string", "format": "date-time"},
                                "from": {"type": ["string", "null"]},
                                "status": {"type": "string"},
                                "status_label": {"type": "string"},
                                "note": {"type": "string"},
                                "by": {"type": ["string", "null"]},
                            },
                        },
                    },
                },
            },
        ],
    },
    "CreatedCase": {
        "allOf": [
            ref("Case"),
            {
                "type": "object",
                "properties": {
                    "access_code": {"type": "string", "description": "Shown once; stored hashed"},
                    "status_url": {"type": "string", "format": "uri"},
                },
            },
        ],
    },
    "CaseList": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": ref("CaseSummary")},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
        },
    },
    "Transition": {
        "type": "object",
        "required": ["to"],
        "properties": {
            "to": {"type": "string", "enum": list(STATUSES)},
            "note": {"type": "string", "maxLength": 2000},
            "closing_code": {"type": "string", "description": "Required when `to` is closed"},
        },
    },
    "Label": {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "label": {"type": "string"},
            "label_zh": {"type": "string"},
            "label_en": {"type": "string"},
        },
    },
    "Draw": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "round": {"type": "integer"},
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
            "outcome": {
                "type": ["object", "null"],
                "properties": {"closing_code": {"type": "string"}, "label": {"type": "string"}},
            },
        },
    },
}


def _label_list(summary: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "responses": {
                "200": content({"type": "array", "items": ref("Label")}),
                **errors(401),
            },
        }
    }


PATHS: dict[str, Any] = {
    "/consultations": {
        "post": {
            "summary": "Record a consultation (intake)",
            "parameters": [
                {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string", "maxLength": 100},
                    "description": "Repeat it to retry safely: the case it made is answered "
                    "(200, with a fresh access code) instead of a second case.",
                }
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("IntakeRequest")}},
            },
            "responses": {
                "201": content(ref("CreatedCase"), "Created"),
                "200": content(ref("CreatedCase"), "Already created with this Idempotency-Key"),
                **errors(400, 401, 403, 422),
            },
        },
        "get": {
            "summary": "List and search the cases you may see",
            "parameters": [
                query("status", {"type": "string", "enum": [*STATUSES, "open"]}),
                query("category", {"type": "string"}),
                query("channel", {"type": "string", "enum": list(CHANNELS)}),
                query("country", {"type": "string"}),
                query("from", {"type": "string", "format": "date"}, "Received on or after"),
                query("to", {"type": "string", "format": "date"}, "Received on or before"),
                query(
                    "q",
                    {"type": "string", "maxLength": 200},
                    "Summary, description, enterprise name, pinyin initials, reference",
                ),
                query("page", {"type": "integer", "minimum": 1}),
                query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
            ],
            "responses": {"200": content(ref("CaseList")), **errors(401, 403, 422)},
        },
    },
    "/consultations/{reference}": {
        "get": {
            "summary": "One case with its timeline (the read is audited)",
            "parameters": [REFERENCE],
            "responses": {"200": content(ref("Case")), **errors(401, 404)},
        },
    },
    "/consultations/{reference}/transitions": {
        "post": {
            "summary": "Move the case to another status",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("Transition")}},
            },
            "responses": {
                "200": content(ref("Case")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
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
    "/categories": _label_list("Consultation categories"),
    "/closing-codes": _label_list("Case-closure codes"),
    "/statuses": _label_list("Case statuses"),
    "/channels": _label_list("Intake channels"),
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "security": [],
            "responses": {"200": content({"type": "object"})},
        },
    },
}


def document(server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LegalDesk API",
            "version": "1",
            "description": "The case desk of a business-environment legal service center.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": malformed_everywhere(
            {**PATHS, **MEDIATION_PATHS, **FOLLOWUP_PATHS, **USER_PATHS, **status_paths(REFERENCE)}
        ),
        "components": {
            "schemas": {**SCHEMAS, **MEDIATION_SCHEMAS, **FOLLOWUP_SCHEMAS, **USER_SCHEMAS},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
