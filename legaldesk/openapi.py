"""The OpenAPI 3 document of /api/v1 (served at /api/v1/openapi.json), assembled
from the wings' parts.

Each wing describes its own endpoints next to them, in ``<wing>/apidoc.py``, and
exports them as ``DOC``, an :class:`ApiDoc`; the /api/v1 parent hands every child's
``DOC`` to :func:`document`. Here are the building blocks the parts share and the
document's own part (the error body, this document's path). tests/test_openapi.py
checks that every API route is described and nothing described is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ApiDoc:
    """One wing's part of the document: its component schemas and its paths."""

    schemas: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, Any] = field(default_factory=dict)


REFERENCE = {
    "name": "reference",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "maxLength": 40},
}


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


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}


OWN = ApiDoc(
    schemas={"Error": ERROR_SCHEMA},
    paths={
        "/openapi.json": {
            "get": {
                "summary": "This document",
                "security": [],
                "responses": {"200": content({"type": "object"})},
            },
        },
    },
)


def _merged(docs: Iterable[ApiDoc]) -> ApiDoc:
    """One part of all; two parts may not describe the same path or schema."""
    merged = ApiDoc()
    for doc in docs:
        for kind, mine, theirs in (
            ("path", merged.paths, doc.paths),
            ("schema", merged.schemas, doc.schemas),
        ):
            twice = mine.keys() & theirs.keys()
            if twice:
                raise ValueError(f"OpenAPI {kind} described twice: {', '.join(sorted(twice))}")
            mine.update(theirs)
    return merged


def document(server_url: str, docs: Iterable[ApiDoc]) -> dict[str, Any]:
    """The whole document: the kernel's own part and every wing's."""
    merged = _merged([OWN, *docs])
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LegalDesk API",
            "version": "1",
            "description": "The case desk of a business-environment legal service center.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": malformed_everywhere(merged.paths),
        "components": {
            "schemas": merged.schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
