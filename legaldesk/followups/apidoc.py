"""The follow-ups and report part of the OpenAPI document (see legaldesk/openapi.py)."""

from __future__ import annotations

from typing import Any

from legaldesk.followups.rules import MAX_CNY, STAFF_CHANNELS, WORKED_LABELS
from legaldesk.openapi_parts import content, errors, query, ref

REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "maxLength": 40},
}
COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}

FOLLOWUP_SCHEMAS: dict[str, Any] = {
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
    "Summary": {
        "type": "object",
        "properties": {
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            "consultations": {"type": "integer"},
            "foreign_related": {"type": "integer"},
            "by_status": COUNTS,
            "by_category": COUNTS,
            "by_channel": COUNTS,
            "by_country": COUNTS,
            "loss_avoided_cny": {"type": "integer", "description": "confirmed by the enterprises"},
            "loss_estimated_unconfirmed_cny": {"type": "integer"},
            "satisfaction_avg": {"type": ["number", "null"]},
            "satisfaction_responses": {"type": "integer"},
            "satisfied_share": {"type": ["number", "null"], "description": "4 or 5 of 5"},
            "median_hours_to_first_response": {"type": ["number", "null"]},
        },
    },
}

FOLLOWUP_PATHS: dict[str, Any] = {
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
    "/reports/summary": {
        "get": {
            "summary": "The figures of a period (cases by the day received, follow-ups by "
            "the day recorded)",
            "parameters": [
                query("from", {"type": "string", "format": "date"}, "default: 1 January"),
                query("to", {"type": "string", "format": "date"}, "default: today"),
            ],
            "responses": {"200": content(ref("Summary")), **errors(401, 403, 422)},
        },
    },
}
