"""The kept lists' part of the OpenAPI document: /categories and /closing-codes."""

from __future__ import annotations

from typing import Any

from legaldesk.cases.reference_rules import LABEL_MAX
from legaldesk.openapi import ApiDoc, content, errors, query, ref

LABELS = {
    "label_zh": {"type": "string", "minLength": 1, "maxLength": LABEL_MAX},
    "label_en": {"type": "string", "minLength": 1, "maxLength": LABEL_MAX},
}

SCHEMAS: dict[str, Any] = {
    "ListEntry": {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "label": {"type": "string", "description": "In the reader's language"},
            "label_zh": {"type": "string"},
            "label_en": {"type": "string"},
            "active": {
                "type": "boolean",
                "description": "false: retired, no longer offered for new cases; old cases keep it",
            },
            "position": {"type": "integer"},
            "foreign": {"type": "boolean", "description": "Categories only"},
        },
    },
    "ListEntryNew": {
        "type": "object",
        "required": ["code", "label_zh", "label_en"],
        "properties": {
            "code": {
                "type": "string",
                "description": "Categories: lower-case letters, digits and _ (2-40, "
                "starting with a letter); closing codes: one capital letter. Never changes",
            },
            **LABELS,
            "foreign": {"type": "boolean", "description": "Categories only"},
        },
    },
    "ListEntryChange": {
        "type": "object",
        "properties": {**LABELS, "active": {"type": "boolean"}},
    },
}

CODE = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}


def _paths(noun: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": f"{noun}, retired ones too (`active: false`)",
            "parameters": [
                query("active", {"type": "string", "enum": ["true"]}, "Only those offered now")
            ],
            "responses": {
                "200": content({"type": "array", "items": ref("ListEntry")}),
                **errors(401),
            },
        },
        "post": {
            "summary": f"Add to the {noun.lower()} (coordinators and admins); 409 "
            "`code_taken` when the code exists",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("ListEntryNew")}},
            },
            "responses": {
                "201": content(ref("ListEntry"), "Created"),
                **errors(400, 401, 403, 409, 422),
            },
        },
    }


def _entry(noun: str) -> dict[str, Any]:
    return {
        "patch": {
            "summary": f"Rename, retire or reinstate one of the {noun.lower()}",
            "parameters": [CODE],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("ListEntryChange")}},
            },
            "responses": {
                "200": content(ref("ListEntry")),
                **errors(400, 401, 403, 404, 422),
            },
        }
    }


PATHS: dict[str, Any] = {
    "/categories": _paths("Consultation categories"),
    "/categories/{code}": _entry("Consultation categories"),
    "/closing-codes": _paths("Case-closure codes"),
    "/closing-codes/{code}": _entry("Case-closure codes"),
}

DOC = ApiDoc(SCHEMAS, PATHS)
