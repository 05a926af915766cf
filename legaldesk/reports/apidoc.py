"""The reports part of the OpenAPI document: the figures of a period (merged by
legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import ApiDoc, content, errors, query, ref

COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}

SCHEMAS: dict[str, Any] = {
    "Summary": {
        "type": "object",
        "properties": {
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            "consultations": {"type": "integer"},
            "foreign_related": {"type": "integer", "description": "涉外"},
            "hk_mo_tw": {
                "type": "integer",
                "description": "涉港澳台: cases naming Hong Kong, Macao or Taiwan (regions "
                "of China), each once, counted apart from foreign_related (a case may be in "
                "both)",
            },
            "by_status": COUNTS,
            "by_category": COUNTS,
            "by_channel": COUNTS,
            "by_country": COUNTS,
            "loss_avoided_cny": {
                "type": "integer",
                "description": "confirmed by the enterprises: where they confirmed in "
                "their account, the lower of their figure and the lawyer's claim, else the "
                "lawyer's where staff recorded a confirmation (by phone)",
            },
            "loss_estimated_unconfirmed_cny": {
                "type": "integer",
                "description": "claimed by the lawyers, not (yet) confirmed",
            },
            "loss_claimed_cny": {"type": "integer", "description": "every claim by the lawyers"},
            "loss_confirmed_by_enterprise_cny": {
                "type": "integer",
                "description": "confirmed in the enterprises' accounts: the lower of each "
                "one's own figure and the lawyer's claim",
            },
            "loss_confirmed_by_staff_cny": {
                "type": "integer",
                "description": "the lawyers' figures that staff recorded as confirmed",
            },
            "satisfaction_avg": {"type": ["number", "null"]},
            "satisfaction_responses": {"type": "integer"},
            "satisfied_share": {"type": ["number", "null"], "description": "4 or 5 of 5"},
            "median_hours_to_first_response": {"type": ["number", "null"]},
            "reopened": {
                "type": "integer",
                "description": "cases reopened in the period, by the day reopened",
            },
        },
    },
}

PATHS: dict[str, Any] = {
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

DOC = ApiDoc(SCHEMAS, PATHS)
