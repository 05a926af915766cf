"""The accounts part of the OpenAPI document (merged by legaldesk.openapi.document)."""

from __future__ import annotations

from typing import Any

from legaldesk.admin.rules import MAX_PAGE, MAX_PER_PAGE, NAME_MAX
from legaldesk.auth.rules import ROLES
from legaldesk.openapi import ApiDoc, content, errors, query, ref

USER_ID = {
    "name": "user_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
}
_LINKS = {
    "lawyer_id": {
        "type": ["integer", "null"],
        "minimum": 1,
        "maximum": 2**31 - 1,
        "description": "A lawyer of the directory (GET /lawyers); a lawyer account needs one",
    },
    "enterprise_uscc": {
        "type": ["string", "null"],
        "maxLength": 40,
        "description": "A known enterprise's credit code; an enterprise account needs one",
    },
}

SCHEMAS: dict[str, Any] = {
    "User": {
        "type": "object",
        "required": ["id", "email", "name", "role", "active"],
        "properties": {
            "id": {"type": "integer"},
            "email": {"type": "string"},
            "name": {"type": "string"},
            "role": {"type": "string", "enum": list(ROLES)},
            "active": {"type": "boolean"},
            "lawyer": {"type": ["object", "null"]},
            "enterprise": {"type": ["object", "null"]},
            "has_password": {"type": "boolean"},
            "created_at": {"type": "string", "format": "date-time"},
            "password_link_mailed": {
                "type": "boolean",
                "description": "POST only: whether the one-time link to set a password "
                "was mailed to the new user. The link itself is never in the answer; "
                "when the mail failed, an admin makes a new one on /admin/users/{id}.",
            },
        },
    },
    "UserNew": {
        "type": "object",
        "required": ["email", "name", "role"],
        "additionalProperties": False,
        "properties": {
            "email": {"type": "string", "format": "email", "maxLength": 254},
            "name": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
            "role": {"type": "string", "enum": list(ROLES)},
            **_LINKS,
        },
    },
    "UserChange": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
            "role": {"type": "string", "enum": list(ROLES)},
            **_LINKS,
            "active": {
                "type": "boolean",
                "description": "false ends every login session and revokes every API "
                "token of the account at once; true lets it log in again",
            },
        },
    },
    "UserPage": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": ref("User")},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
        },
    },
}

_ADMINS = "Admins only: any other token is answered 403."

PATHS: dict[str, Any] = {
    "/users": {
        "get": {
            "summary": "The accounts, newest first, by name or e-mail, role and state",
            "description": _ADMINS,
            "parameters": [
                query(
                    "q", {"type": "string", "maxLength": 100}, "Name, e-mail, lawyer or enterprise"
                ),
                query("role", {"type": "string", "enum": list(ROLES)}),
                query("active", {"type": "string", "enum": ["true", "false"]}),
                query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
                query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}),
            ],
            "responses": {"200": content(ref("UserPage")), **errors(401, 403, 422)},
        },
        "post": {
            "summary": "Create an account; the user gets a one-time link to set a password",
            "description": _ADMINS + " Nobody types a password for someone else: the "
            "link (valid 24 hours, one use) is mailed to the new address after the "
            "account is saved. 409 when the e-mail address has an account already, "
            "or (lawyer_has_account) the lawyer has an active account already.",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("UserNew")}},
            },
            "responses": {
                "201": content(ref("User"), "Created"),
                **errors(400, 401, 403, 409, 422),
            },
        },
    },
    "/users/{user_id}": {
        "get": {
            "summary": "One account",
            "description": _ADMINS,
            "parameters": [USER_ID],
            "responses": {"200": content(ref("User")), **errors(401, 403, 404)},
        },
        "patch": {
            "summary": "Change an account's name, role, link or state",
            "description": _ADMINS + " A role keeps only its own link (a lawyer account "
            "its lawyer, an enterprise account its enterprise). 409 when an admin would "
            "deactivate or demote themself, or the last active admin; lawyer_has_account "
            "when another active account has the lawyer already.",
            "parameters": [USER_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("UserChange")}},
            },
            "responses": {
                "200": content(ref("User")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
