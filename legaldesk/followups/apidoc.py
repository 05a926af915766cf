"""The follow-ups part of the OpenAPI document: scheduling one and recording what the
advice achieved (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.followups.rules import MAX_CNY, STAFF_CHANNELS, WORKED_LABELS
from legaldesk.openapi import REFERENCE, ApiDoc, content, errors, ref

SCHEMAS: dict[str, Any] = {
    "FollowUp": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "reference": {"type": "string"},
            "due_on": {"type": "string", "format": "date"},
            "channel": {"type": "string", "enum": [*STAFF_CHANNELS, "online"]},
            "done": {"type": "boolean"},
            "done_at": {"type": ["string", "null"], "format": "date-time"},
            "result": {"type": "string"},
            "advice_worked": {"type": ["string", "null"]},
            "loss_avoided_cny": {"type": ["integer", "null"]},
            "loss_basis": {"type": "string"},
            "confirmed_by_enterprise": {"type": "boolean"},
            "satisfaction": {"type": ["integer", "null"]},
        },
    },
    "FollowUpPlan": {
        "type": "object",
        "required": ["due_on"],
        "properties": {
            "due_on": {"type": "string", "format": "date"},
            "channel": {"type": "string", "enum": list(STAFF_CHANNELS)},
        },
    },
    "FollowUpRecord": {
        "type": "object",
        "required": ["done", "result"],
        "properties": {
            "done": {"type": "boolean", "const": True},
            "result": {"type": "string", "maxLength": 5000},
            "advice_worked": {"type": "string", "enum": list(WORKED_LABELS)},
            "loss_avoided_cny": {"type": "integer", "minimum": 0, "maximum": MAX_CNY},
            "loss_basis": {"type": "string", "maxLength": 2000},
            "confirmed_by_enterprise": {"type": "boolean"},
            "satisfaction": {"type": "integer", "minimum": 1, "maximum": 5},
        },
    },
}

PATHS: dict[str, Any] = {
    "/consultations/{reference}/followups": {
        "post": {
            "summary": "Schedule a follow-up",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("FollowUpPlan")}},
            },
            "responses": {
                "201": content(ref("FollowUp"), "Created"),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
        "get": {
            "summary": "The case's follow-ups",
            "parameters": [REFERENCE],
            "responses": {
                "200": content({"type": "array", "items": ref("FollowUp")}),
                **errors(401, 404),
            },
        },
    },
    "/followups/{followup_id}": {
        "patch": {
            "summary": "Record what the advice achieved (a satisfaction of 2 or less opens "
            "a callback for the coordinators)",
            "parameters": [
                {
                    "name": "followup_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("FollowUpRecord")}},
            },
            "responses": {
                "200": content(ref("FollowUp")),
                **errors(400, 401, 403, 404, 422),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
