"""The cases part of the OpenAPI document: intake, the list, one case, its
transitions, and the code lists (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.cases.advice_rules import OPINION_MAX
from legaldesk.cases.list_apidoc import LIST_PARAMETERS, PAGE_FIELDS
from legaldesk.cases.rules import CHANNELS, NEEDED_LANGUAGES, STATUSES, URGENCIES
from legaldesk.openapi import REFERENCE, ApiDoc, content, errors, ref

SCHEMAS: dict[str, Any] = {
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
            "language_needed": {
                "type": ["string", "null"],
                "enum": [*NEEDED_LANGUAGES, None],
                "description": "A language the lawyer must speak (null: Chinese will do)",
            },
        },
    },
    "Correction": {
        "type": "object",
        "description": "Only the fields sent change; each is checked as at intake.",
        "additionalProperties": False,
        "properties": {
            "contact": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "maxLength": 100},
                    "phone": {"type": "string", "description": "Chinese mobile or landline"},
                    "email": {"type": ["string", "null"], "format": "email"},
                },
            },
            "category": {"type": "string", "description": "A code from GET /categories"},
            "countries": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}},
            "counterparties": {
                "type": "array",
                "items": {"type": "string", "maxLength": 200},
                "description": "The whole list; a new name is checked for conflicts of interest",
            },
            "summary": {"type": "string", "maxLength": 200},
            "description": {"type": "string", "maxLength": 20000},
            "urgency": {"type": "string", "enum": list(URGENCIES)},
            "language_needed": {
                "type": ["string", "null"],
                "enum": [*NEEDED_LANGUAGES, None],
                "description": "A language the lawyer must speak (null: Chinese will do)",
            },
            "accept_conflict": {
                "type": "boolean",
                "default": False,
                "description": "Save even when the case's lawyer or mediator conflicts "
                "with a new counterparty (otherwise 409 conflict_of_interest)",
            },
        },
    },
    "PartyConflict": {
        "type": "object",
        "properties": {
            "role": {"type": "string", "enum": ["assignee", "mediator"]},
            "lawyer": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
            "party": {"type": "string", "description": "As the case has it typed"},
            "on_record": {"type": "string", "description": "As the lawyer's record has it"},
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
            "foreign_related": {"type": "boolean", "description": "涉外"},
            "hk_mo_tw": {
                "type": "boolean",
                "description": "涉港澳台: names Hong Kong, Macao or Taiwan, regions of China "
                "counted apart from foreign-related (a case may be both)",
            },
            "channel": {"type": "string", "enum": list(CHANNELS)},
            "category": {"type": "string"},
            "category_label": {"type": "string"},
            "urgency": {"type": "string", "enum": list(URGENCIES)},
            "language_needed": {
                "type": ["string", "null"],
                "enum": [*NEEDED_LANGUAGES, None],
                "description": "A language the lawyer must speak (null: Chinese will do)",
            },
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
                    "conflicts": {
                        "type": "array",
                        "items": ref("PartyConflict"),
                        "description": "Only in a correction's answer (PATCH)",
                    },
                    "counterparties": {"type": "array", "items": {"type": "string"}},
                    "contact": {"type": "object"},
                    "closing_code": {"type": ["string", "null"]},
                    "advice": {
                        "description": "The latest advice (null before any); an enterprise "
                        "account sees no `id` or `by`, and the opinion only when shared",
                        "oneOf": [ref("Advice"), {"type": "null"}],
                    },
                    "advice_history": {
                        "type": "array",
                        "description": "Every advice, oldest first (a case advised again "
                        "after a follow-up keeps each)",
                        "items": ref("Advice"),
                    },
                    "corrections": {
                        "type": "array",
                        "description": "Staff only: each correction's changes",
                        "items": {
                            "type": "object",
                            "properties": {
                                "at": {"type": "string", "format": "date-time"},
                                "by": {"type": ["string", "null"]},
                                "changes": {"type": "array", "items": {"type": "object"}},
                            },
                        },
                    },
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
                    "possible_duplicates": {
                        "type": "array",
                        "description": "The enterprise's open cases, and its cases of the "
                        "last days (LEGALDESK_DUPLICATE_WINDOW_DAYS, 14 by default), with "
                        "the same matter (summary compared after folding script, width, "
                        "case, spaces and punctuation). The case is saved all the same; "
                        "only cases the caller may read are listed (an enterprise: its own).",
                        "items": {
                            "type": "object",
                            "properties": {
                                "reference": {"type": "string"},
                                "created_at": {"type": "string", "format": "date-time"},
                                "status": {"type": "string", "enum": list(STATUSES)},
                            },
                        },
                    },
                },
            },
        ],
    },
    "CaseList": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": ref("CaseSummary")},
            **PAGE_FIELDS,
        },
    },
    "Advice": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "given_at": {"type": "string", "format": "date-time"},
            "by": {"type": ["string", "null"]},
            "opinion": {"type": ["string", "null"]},
            "shared": {"type": "boolean"},
        },
    },
    "AdviceNew": {
        "type": "object",
        "required": ["opinion"],
        "properties": {
            "opinion": {"type": "string", "minLength": 1, "maxLength": OPINION_MAX},
            "shared": {
                "type": "boolean",
                "default": False,
                "description": "true: the enterprise reads the opinion (in its account); "
                "false: it learns only that advice was given, and on which day",
            },
        },
    },
    "Transition": {
        "type": "object",
        "required": ["to"],
        "properties": {
            "to": {"type": "string", "enum": list(STATUSES)},
            "note": {"type": "string", "maxLength": 2000},
            "closing_code": {"type": "string", "description": "Required when `to` is closed"},
            "advice": {
                "allOf": [ref("AdviceNew")],
                "description": "Only with `to: advised`: the written opinion and what the "
                "enterprise sees. Without it, the note is recorded as the opinion, not shared",
            },
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
            "description": "A page at a time, newest first unless `sort` says otherwise: "
            "follow `next_cursor` (keyset paging: page 10,000 costs what page 1 does) or "
            "ask for a `page` by number. `total` counts up to 10,000; beyond, "
            "`total_exact` is false.",
            "parameters": [
                *LIST_PARAMETERS,
            ],
            "responses": {"200": content(ref("CaseList")), **errors(400, 401, 403, 422)},
        },
    },
    "/consultations/{reference}": {
        "get": {
            "summary": "One case with its timeline (the read is audited)",
            "parameters": [REFERENCE],
            "responses": {"200": content(ref("Case")), **errors(401, 404)},
        },
        "patch": {
            "summary": "Correct the case's facts (audited; shown on its timeline as from -> to)",
            "description": "A closed or withdrawn case cannot be corrected (409). A new "
            "counterparty that the case's lawyer or mediator has a conflict of interest with "
            "is refused (409 `conflict_of_interest`, naming the lawyer and the party; nothing "
            "saved) unless `accept_conflict` is true. The answer lists the case's conflicts.",
            "parameters": [REFERENCE],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("Correction")}},
            },
            "responses": {
                "200": content(ref("Case")),
                **errors(400, 401, 403, 404, 409, 422),
            },
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
    "/statuses": _label_list("Case statuses"),
    "/channels": _label_list("Intake channels"),
}

DOC = ApiDoc(SCHEMAS, PATHS)
