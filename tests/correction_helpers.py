"""The correction page's form as it is filled for tests.conftest.dummy_intake's case."""

from __future__ import annotations

from typing import Any


def correction_form(**changes: Any) -> dict[str, Any]:
    """The form as the page prefills it, with ``changes``."""
    return {
        "contact_name": "周经理",
        "phone": "138 0571 0001",
        "email": "zhou@example.com",
        "category": "export_control",
        "countries": ["KZ"],
        "counterparties": "Steppe Trade LLP",
        "summary": "拟向某国出口前的法律风险咨询",
        "description": "即将出口物流设备，咨询出口管制和制裁风险。",
        "urgency": "urgent",
        **changes,
    }
