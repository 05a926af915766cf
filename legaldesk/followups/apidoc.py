"""The follow-ups part of the OpenAPI document: scheduling one and recording what the
advice achieved (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.followups.rules import LOSS_STATES, MAX_CNY, STAFF_CHANNELS, WORKED_LABELS
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
            "confirmed_by_enterprise": {
                "type": "boolean",
                "description": "staff recorded that the enterprise confirmed the figure to "
                "them (by phone or in person); its own confirmation is `enterprise_confirmation`",
            },
            "satisfaction": {"type": ["integer", "null"]},
            "loss_state": {
                "type": ["string", "null"],
                "enum": [*LOSS_STATES, None],
                "description": "claimed (the lawyer's figure, awaiting the enterprise), "
                "confirmed_by_phone (recorded by staff), confirmed (by the enterprise in its "
                "account); null without a loss",
            },
            "loss_state_label": {"type": ["string", "null"]},
            "enterprise_confirmation": {
                "oneOf": [ref("LossConfirmation"), {"type": "null"}],
            },
        },
    },
    "LossConfirmation": {
        "type": "object",
        "properties": {
            "followup_id": {"type": "integer"},
            "claimed_cny": {"type": ["integer", "null"], "description": "the lawyer's figure"},
            "amount_cny": {"type": "integer", "description": "the enterprise's figure"},
            "satisfaction": {"type": "integer"},
            "confirmed_at": {"type": "string", "format": "date-time"},
        },
    },
    "LossConfirmationNew": {
        "type": "object",
        "required": ["satisfaction"],
        "properties": {
            "amount_cny": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_CNY,
                "description": "the enterprise's own figure; leave out to confirm the lawyer's",
            },
            "satisfaction": {"type": "integer", "minimum": 1, "maximum": 5},
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
            "confirmed_by_enterprise": {
                "type": "boolean",
                "description": "the enterprise confirmed the figure to staff (by phone or in "
                "person); the enterprise confirms in its own account with "
                "POST /followups/{followup_id}/confirmation",
            },
            "satisfaction": {"type": "integer", "minimum": 1, "maximum": 5},
        },
    },
}

FOLLOWUP_ID = {"name": "followup_id", "in": "path", "required": True, "schema": {"type": "integer"}}

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
            "parameters": [FOLLOWUP_ID],
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
    "/followups/{followup_id}/confirmation": {
        "post": {
            "summary": "The enterprise (its own account) confirms or corrects the loss avoided "
            "that the follow-up claimed, with its satisfaction; once (409 after), and only "
            "while the case has its advice (409 loss_not_confirmable when it is withdrawn "
            "or reopened)",
            "parameters": [FOLLOWUP_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("LossConfirmationNew")}},
            },
            "responses": {
                "201": content(ref("LossConfirmation"), "Created"),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
