"""Demo and seed data (an edge: it may import any wing)."""

from legaldesk.demo.cases import (
    DEMO_PASSWORD,
    LOGISTICS_REFERENCE,
    demo_access_code,
    demo_uscc,
    load_demo,
)

__all__ = ["DEMO_PASSWORD", "LOGISTICS_REFERENCE", "demo_access_code", "demo_uscc", "load_demo"]
