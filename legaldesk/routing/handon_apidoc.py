"""The hand-on part of routing's OpenAPI document: assign a lawyer by hand, send a
case back to the draw, a lawyer's request to hand a case back, reopen a case
(merged into routing.apidoc.DOC)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import REFERENCE, content, errors, ref


def _body(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "required": required, "properties": properties}
            }
        },
    }


REASON = {"type": "string", "minLength": 1, "maxLength": 500}
FROM = {
    "type": ["integer", "null"],
    "description": "The lawyer the caller saw on the case (null: none); 409 "
    "`assignee_changed` when another took or changed it meanwhile. Absent: no check, "
    "the caller overrides whoever has the case",
}

SCHEMAS: dict[str, Any] = {
    "HandBack": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "lawyer": ref("Assignee"),
            "asked_at": {"type": "string", "format": "date-time"},
            "reason": {"type": "string"},
            "state": {
                "type": "string",
                "enum": ["pending", "reassigned", "sent_back", "refused"],
            },
            "answered_at": {"type": ["string", "null"], "format": "date-time"},
            "answer": {"type": "string"},
        },
    },
    "AssignChoice": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"type": "string"},
            "firm": {"type": ["string", "null"]},
            "open_cases": {"type": "integer"},
            "capacity": {"type": "integer"},
            "eligible": {"type": "boolean"},
            "refusals": {"type": "array", "items": {"type": "string"}},
        },
    },
}

PATHS: dict[str, Any] = {
    "/consultations/{reference}/assign": {
        "post": {
            "summary": "A coordinator names the case's lawyer, with a reason",
            "description": (
                "A new case is routed to the lawyer; a routed or accepted case is taken "
                "from its lawyer (send `from`: their id) and routed to the new one, who "
                "accepts or declines. The draw's eligibility and conflict rules apply: 422 "
                "`not_eligible` naming why (field `lawyer_id`). 409 `already_assigned` when "
                "the case has a lawyer and `from` is missing; `assignee_changed` when "
                "`from` is not the case's lawyer; `invalid_transition` for a case that is "
                "no longer open to assignment. Counted apart from draws in the fairness "
                "figures."
            ),
            "parameters": [REFERENCE],
            "requestBody": _body(
                ["lawyer_id", "reason"],
                {"lawyer_id": {"type": "integer"}, "reason": REASON, "from": FROM},
            ),
            "responses": {
                "200": content(ref("RouteResult")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/consultations/{reference}/assignable": {
        "get": {
            "summary": "Each lawyer with why they may not be assigned the case (coordinators)",
            "parameters": [REFERENCE],
            "responses": {
                "200": content({"type": "array", "items": ref("AssignChoice")}),
                **errors(401, 403, 404),
            },
        },
    },
    "/consultations/{reference}/send-back": {
        "post": {
            "summary": "A coordinator takes an accepted case from its lawyer and makes it "
            "new again, for a fresh draw without them (409 for a case not yet accepted: "
            "it is drawn again once its lawyer's time to accept has run out)",
            "parameters": [REFERENCE],
            "requestBody": _body(["reason"], {"reason": REASON, "from": FROM}),
            "responses": {
                "200": content(
                    {
                        "type": "object",
                        "properties": {"status": {"type": "string"}, "assignee": {"type": "null"}},
                    }
                ),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/consultations/{reference}/hand-back": {
        "get": {
            "summary": "The requests to hand the case back, with their answers",
            "parameters": [REFERENCE],
            "responses": {
                "200": content({"type": "array", "items": ref("HandBack")}),
                **errors(401, 404),
            },
        },
        "post": {
            "summary": "The case's lawyer asks to hand an accepted case back, with a reason",
            "description": "Coordinators are told; they assign another lawyer, send the case "
            "back to the draw, or refuse with a note. 409 for a case not accepted or with a "
            "request already waiting.",
            "parameters": [REFERENCE],
            "requestBody": _body(["reason"], {"reason": REASON}),
            "responses": {
                "201": content(ref("HandBack"), "Created"),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/consultations/{reference}/hand-back/refuse": {
        "post": {
            "summary": "A coordinator refuses the waiting request, with a note the lawyer sees",
            "parameters": [REFERENCE],
            "requestBody": _body(["note"], {"note": REASON}),
            "responses": {
                "200": content(ref("HandBack")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/consultations/{reference}/reopen": {
        "post": {
            "summary": "A coordinator reopens a closed or withdrawn case, with a reason",
            "description": "It returns to following up (or accepted) with its lawyer when it "
            "had come that far and the lawyer can go on; else to new, without a lawyer, for "
            "routing. 409 for a case that is not closed or withdrawn.",
            "parameters": [REFERENCE],
            "requestBody": _body(["reason"], {"reason": REASON}),
            "responses": {
                "200": content(ref("Case")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
}
