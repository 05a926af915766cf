"""The reports part of the OpenAPI document: the figures of a period (merged by
legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import ApiDoc, content, errors, query, ref

COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
SHARE = {"type": ["number", "null"], "description": "0..1; null when there is nothing to divide"}
HOURS = {
    "type": "object",
    "description": "working hours (office hours of working days, holidays and adjusted "
    "working days counted) from receipt, over the period's cases answered so far",
    "properties": {
        "count": {"type": "integer"},
        "median": {"type": ["number", "null"]},
        "p90": {"type": ["number", "null"], "description": "90th percentile, interpolated"},
    },
}
FIRM = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": ["integer", "null"]},
        "name": {"type": ["string", "null"]},
        "name_en": {"type": ["string", "null"]},
    },
}

SCHEMAS: dict[str, Any] = {
    "Summary": {
        "type": "object",
        "properties": {
            "from": {"type": "string", "format": "date"},
            "to": {"type": "string", "format": "date"},
            "consultations": {"type": "integer"},
            "foreign_related": {"type": "integer", "description": "涉外"},
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
            "hk_mo_tw": {
                "type": "integer",
                "description": "cases naming Hong Kong, Macao or Taiwan (涉港澳台), counted "
                "apart from foreign_related (a case naming both counts in both)",
            },
            "foreign_share": SHARE,
            "hk_mo_tw_share": SHARE,
            "by_region": {
                **COUNTS,
                "description": "foreign, hk_mo_tw, domestic (neither)",
            },
            "by_lawyer": {
                "type": "array",
                "description": "each lawyer holding cases of the period (the current "
                "lawyer), most first",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "name": {"type": "string"},
                        "kind": {"type": "string", "enum": ["panel_expert", "firm_lawyer"]},
                        "firm": FIRM,
                        "consultations": {"type": "integer"},
                        "open": {"type": "integer"},
                        "closed": {"type": "integer"},
                        "foreign_related": {"type": "integer"},
                        "hk_mo_tw": {"type": "integer"},
                    },
                },
            },
            "by_firm": {
                "type": "array",
                "description": "by_lawyer summed by firm; the expert panel as id null",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": ["integer", "null"]},
                        "name": {"type": ["string", "null"]},
                        "name_en": {"type": ["string", "null"]},
                        "lawyers": {"type": "integer"},
                        "consultations": {"type": "integer"},
                    },
                },
            },
            "hours_to_acceptance": HOURS,
            "hours_to_advice": {**HOURS, "description": "to the first advice given"},
            "sla_breaches": {
                "type": "integer",
                "description": "rounds drawn in the period whose lawyer did not accept "
                "within the SLA (escalated to the coordinators)",
            },
            "followups": {
                "type": "object",
                "description": "the follow-ups due in the period",
                "properties": {
                    "due": {"type": "integer"},
                    "done_on_time": {"type": "integer"},
                    "done_late": {"type": "integer"},
                    "not_done": {"type": "integer"},
                    "on_time_share": SHARE,
                },
            },
            "mediation": {
                "type": "object",
                "description": "the mediations applied for in the period; deadlines: the "
                "other side's consent in 14 days, judicial confirmation applied for in 30",
                "properties": {
                    "applied": {"type": "integer"},
                    "agreed": {"type": "integer"},
                    "by_status": COUNTS,
                    "by_failure": COUNTS,
                    "deadlines_due": {"type": "integer"},
                    "deadlines_met": {"type": "integer"},
                    "deadlines_met_share": SHARE,
                },
            },
            "room_use": {
                "type": "array",
                "description": "each room that existed in the period or has bookings "
                "in it: hours booked against hours open (its current opening hours on the "
                "working days from the day it was added to the day it was retired), "
                "counting the period only up to today: open hours to the end of today, "
                "booked hours of bookings starting by then; a period wholly ahead has "
                "0 open hours and share null",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "name": {"type": "string"},
                        "name_en": {"type": "string"},
                        "kind": {"type": "string"},
                        "booked_hours": {"type": "number"},
                        "open_hours": {"type": "number"},
                        "share": SHARE,
                    },
                },
            },
            "fairness": {
                "type": "array",
                "description": "the draw-fairness table of the period's draws, as on "
                "/routing/fairness",
                "items": {
                    "type": "object",
                    "properties": {
                        "lawyer_id": {"type": "integer"},
                        "name": {"type": "string"},
                        "kind": {"type": "string"},
                        "in_pool": {"type": "integer"},
                        "drawn": {"type": "integer"},
                        "expected": {"type": "number"},
                        "ratio": {"type": ["number", "null"]},
                        "assigned": {"type": "integer"},
                        "claimed": {"type": "integer"},
                    },
                },
            },
            "fairness_test": {
                "type": "object",
                "description": "Pearson's chi-square of the draws against the shares; "
                "p_value null when fewer than two lawyers were ever in a pool; lawyers "
                "owed fewer than five draws are counted in groups (lumped: how many), "
                "and reliable is false when even so a group is owed fewer than five",
                "properties": {
                    "statistic": {"type": "number"},
                    "degrees": {"type": "integer"},
                    "p_value": {"type": ["number", "null"]},
                    "reliable": {"type": "boolean"},
                    "lumped": {"type": "integer"},
                },
            },
        },
    },
}

PATHS: dict[str, Any] = {
    "/reports/summary": {
        "get": {
            "summary": "The figures of a period (cases by the day received, follow-ups by "
            "the day recorded): the same as the /reports page",
            "description": "A bearer token, or the session of a coordinator or admin "
            "logged in in the browser (this GET only; every other operation needs a token).",
            "parameters": [
                query("from", {"type": "string", "format": "date"}, "default: 1 January"),
                query("to", {"type": "string", "format": "date"}, "default: today"),
            ],
            "responses": {"200": content(ref("Summary")), **errors(401, 403, 422)},
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
