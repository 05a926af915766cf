"""Building blocks of the OpenAPI document, shared by the features' parts of it."""

from __future__ import annotations

from typing import Any


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def content(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def errors(*codes: int) -> dict[str, Any]:
    text = {
        400: "Malformed request",
        401: "No or bad token",
        403: "Role may not do this",
        404: "Not found, or not yours",
        409: "Conflict with the current state",
        422: "Invalid fields",
        429: "Rate limited",
    }
    return {str(c): content(ref("Error"), text[c]) for c in codes}


def query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def malformed_everywhere(paths: dict[str, Any]) -> dict[str, Any]:
    """Every operation may answer 400: legaldesk.inputs refuses control characters
    (NUL above all) in any path, query, header or body before the operation runs."""
    return {
        path: {
            method: {**op, "responses": {**errors(400), **op["responses"]}}
            if isinstance(op, dict) and "responses" in op
            else op
            for method, op in item.items()
        }
        for path, item in paths.items()
    }
