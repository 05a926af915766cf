"""What every feature API needs from a request: the caller and the JSON body.

Kernel, below the wings: the feature ``api.py`` modules import it, and the /api/v1
parent (``legaldesk.api``) imports them, so the arrows all point one way.
"""

from __future__ import annotations

from typing import Any

from flask import g, request

from legaldesk.errors import Malformed
from legaldesk.inputs import load_json


def api_user() -> Any:
    """The account whose token authenticated this request (set by auth.api.authenticate)."""
    return g.api_user


def json_body() -> Any:
    """The parsed JSON body; 400 when it is missing, not JSON, nested too deep or
    holding control characters (legaldesk.inputs has refused those already)."""
    data = load_json(request)
    if data is None:
        raise Malformed()
    return data


def optional_json_body() -> dict[str, Any]:
    """A JSON object when a body was sent (400 when it is not JSON), else {}."""
    if not request.get_data():
        return {}
    body = json_body()
    return body if isinstance(body, dict) else {}
